#pragma once
// Framing of the host <-> plugin-host worker protocol on a Unix stream socket: every message is a
// 4-byte little-endian length followed by that many bytes, the first of which is the message type
// (messages.hpp). Integers are little-endian; byte strings are a u32 length and the bytes.
//
// Everything read from a worker is untrusted: FrameReader checks every length against what is
// left, and frames above kMaxFrameBytes are refused before anything is allocated.
//
// Threading: a socket is used by one thread at a time (the caller serializes).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace station::plugins::wire {

inline constexpr std::uint32_t kMaxFrameBytes = 16u << 20;

class FrameWriter {
public:
    explicit FrameWriter(std::uint8_t type);
    void u8(std::uint8_t v);
    void u16(std::uint16_t v);
    void u32(std::uint32_t v);
    void i32(std::int32_t v);
    void u64(std::uint64_t v);
    void i64(std::int64_t v);
    void bytes(std::string_view v);
    // The finished frame, length prefix included.
    std::string take();

private:
    std::string frame_;
};

// Reads a frame body (type byte first). Every getter returns false once the body is exhausted or
// malformed; check ok() (or the getters' results) before using values.
class FrameReader {
public:
    explicit FrameReader(std::string_view body) : body_(body) {}
    bool u8(std::uint8_t& v);
    bool u16(std::uint16_t& v);
    bool u32(std::uint32_t& v);
    bool i32(std::int32_t& v);
    bool u64(std::uint64_t& v);
    bool i64(std::int64_t& v);
    // A view into the body: valid while the body is.
    bool bytes(std::string_view& v);
    bool string(std::string& v);
    bool ok() const { return !failed_; }
    void mark_failed() { failed_ = true; }
    bool at_end() const { return !failed_ && position_ == body_.size(); }

private:
    bool take(std::size_t n, const char*& out);

    std::string_view body_;
    std::size_t position_ = 0;
    bool failed_ = false;
};

enum class IoStatus { Ok, Closed, Timeout, Error, TooLarge };
std::string_view io_status_name(IoStatus status);

using Deadline = std::optional<std::chrono::steady_clock::time_point>;

// Sends a whole frame (MSG_NOSIGNAL: a dead peer is an Error, not SIGPIPE).
IoStatus write_frame(int fd, std::string_view frame, Deadline deadline);
// Receives one frame body into `body`.
IoStatus read_frame(int fd, std::string& body, Deadline deadline);

}  // namespace station::plugins::wire

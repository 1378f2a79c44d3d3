#include "tenant_runtime/plugins/protocol/wire.hpp"

#include <cerrno>
#include <cstring>

#include <poll.h>
#include <sys/socket.h>

namespace station::plugins::wire {
namespace {

template <typename T>
void put_le(std::string& out, T value) {
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        out.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff));
    }
}

// Milliseconds to wait in poll(): -1 for no deadline, 0 when it has passed.
int poll_timeout(const Deadline& deadline) {
    if (!deadline) return -1;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        *deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return 0;
    return static_cast<int>(std::min<std::int64_t>(left.count() + 1, 60'000));
}

// Waits until `fd` is ready for `events`.
IoStatus wait_ready(int fd, short events, const Deadline& deadline) {
    while (true) {
        pollfd p{fd, events, 0};
        int timeout = poll_timeout(deadline);
        int n = ::poll(&p, 1, timeout);
        if (n > 0) return IoStatus::Ok;
        if (n == 0) {
            if (deadline && std::chrono::steady_clock::now() >= *deadline) return IoStatus::Timeout;
            continue;
        }
        if (errno != EINTR) return IoStatus::Error;
    }
}

IoStatus read_exact(int fd, char* out, std::size_t size, const Deadline& deadline) {
    std::size_t done = 0;
    while (done < size) {
        IoStatus ready = wait_ready(fd, POLLIN, deadline);
        if (ready != IoStatus::Ok) return ready;
        ssize_t n = ::recv(fd, out + done, size - done, 0);
        if (n == 0) return IoStatus::Closed;
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return errno == ECONNRESET ? IoStatus::Closed : IoStatus::Error;
        }
        done += static_cast<std::size_t>(n);
    }
    return IoStatus::Ok;
}

}  // namespace

FrameWriter::FrameWriter(std::uint8_t type) {
    frame_.assign(4, '\0');
    frame_.push_back(static_cast<char>(type));
}

void FrameWriter::u8(std::uint8_t v) {
    frame_.push_back(static_cast<char>(v));
}
void FrameWriter::u16(std::uint16_t v) {
    put_le(frame_, v);
}
void FrameWriter::u32(std::uint32_t v) {
    put_le(frame_, v);
}
void FrameWriter::i32(std::int32_t v) {
    put_le(frame_, static_cast<std::uint32_t>(v));
}
void FrameWriter::u64(std::uint64_t v) {
    put_le(frame_, v);
}
void FrameWriter::i64(std::int64_t v) {
    put_le(frame_, static_cast<std::uint64_t>(v));
}
void FrameWriter::bytes(std::string_view v) {
    u32(static_cast<std::uint32_t>(v.size()));
    frame_.append(v);
}

std::string FrameWriter::take() {
    auto length = static_cast<std::uint32_t>(frame_.size() - 4);
    for (std::size_t i = 0; i < 4; ++i)
        frame_[i] = static_cast<char>((length >> (8 * i)) & 0xff);
    return std::move(frame_);
}

bool FrameReader::take(std::size_t n, const char*& out) {
    if (failed_ || body_.size() - position_ < n) {
        failed_ = true;
        return false;
    }
    out = body_.data() + position_;
    position_ += n;
    return true;
}

namespace {
template <typename T>
T get_le(const char* p) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return static_cast<T>(v);
}
}  // namespace

bool FrameReader::u8(std::uint8_t& v) {
    const char* p = nullptr;
    if (!take(1, p)) return false;
    v = static_cast<std::uint8_t>(*p);
    return true;
}
bool FrameReader::u16(std::uint16_t& v) {
    const char* p = nullptr;
    if (!take(2, p)) return false;
    v = get_le<std::uint16_t>(p);
    return true;
}
bool FrameReader::u32(std::uint32_t& v) {
    const char* p = nullptr;
    if (!take(4, p)) return false;
    v = get_le<std::uint32_t>(p);
    return true;
}
bool FrameReader::i32(std::int32_t& v) {
    std::uint32_t u = 0;
    if (!u32(u)) return false;
    v = static_cast<std::int32_t>(u);
    return true;
}
bool FrameReader::u64(std::uint64_t& v) {
    const char* p = nullptr;
    if (!take(8, p)) return false;
    v = get_le<std::uint64_t>(p);
    return true;
}
bool FrameReader::i64(std::int64_t& v) {
    std::uint64_t u = 0;
    if (!u64(u)) return false;
    v = static_cast<std::int64_t>(u);
    return true;
}
bool FrameReader::bytes(std::string_view& v) {
    std::uint32_t size = 0;
    const char* p = nullptr;
    if (!u32(size) || !take(size, p)) return false;
    v = std::string_view(p, size);
    return true;
}
bool FrameReader::string(std::string& v) {
    std::string_view view;
    if (!bytes(view)) return false;
    v.assign(view);
    return true;
}

std::string_view io_status_name(IoStatus status) {
    switch (status) {
        case IoStatus::Ok:
            return "ok";
        case IoStatus::Closed:
            return "closed";
        case IoStatus::Timeout:
            return "timeout";
        case IoStatus::Error:
            return "error";
        case IoStatus::TooLarge:
            return "frame too large";
    }
    return "unknown";
}

IoStatus write_frame(int fd, std::string_view frame, Deadline deadline) {
    std::size_t done = 0;
    while (done < frame.size()) {
        IoStatus ready = wait_ready(fd, POLLOUT, deadline);
        if (ready != IoStatus::Ok) return ready;
        ssize_t n = ::send(fd, frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return errno == EPIPE || errno == ECONNRESET ? IoStatus::Closed : IoStatus::Error;
        }
        done += static_cast<std::size_t>(n);
    }
    return IoStatus::Ok;
}

IoStatus read_frame(int fd, std::string& body, Deadline deadline) {
    char header[4];
    IoStatus status = read_exact(fd, header, sizeof(header), deadline);
    if (status != IoStatus::Ok) return status;
    std::uint32_t length = get_le<std::uint32_t>(header);
    if (length == 0 || length > kMaxFrameBytes) return IoStatus::TooLarge;
    body.resize(length);
    return read_exact(fd, body.data(), length, deadline);
}

}  // namespace station::plugins::wire

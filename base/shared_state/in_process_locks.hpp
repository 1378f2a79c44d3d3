#pragma once
// The in-process Locks: leases in one mutex-guarded map (locks are taken per job or per
// maintenance task, not per request, so one mutex is enough).
//
// Part of the in-process backend (in_process.hpp). Thread-safe. Tokens are random
// (crypto::random_token), so crypto::init_crypto() must have run. Expired leases are dropped by a
// sweep at most once per second of clock time, when the map is next used.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/shared_state/shared_state.hpp"
#include "base/shared_state/string_map.hpp"
#include "base/util/clock.hpp"

namespace station::shared {

class InProcessLocks final : public Locks {
public:
    // `clock` must outlive the locks.
    explicit InProcessLocks(const util::Clock& clock) : clock_(clock) {}

    // try_acquire and extend throw std::invalid_argument when ttl <= 0.
    std::optional<std::string> try_acquire(std::string_view name,
                                           std::chrono::milliseconds ttl) override;
    bool extend(std::string_view name, std::string_view token,
                std::chrono::milliseconds ttl) override;
    bool release(std::string_view name, std::string_view token) override;

    // Leases currently held, including expired ones not yet swept.
    std::size_t tracked_leases();

private:
    struct Lease {
        std::string token;
        std::int64_t expires_us;
    };

    void sweep_if_due_locked(std::int64_t now_us);
    // The live lease on `name` held with `token`, or nullptr.
    Lease* held_locked(std::string_view name, std::string_view token, std::int64_t now_us);

    const util::Clock& clock_;
    std::mutex mutex_;
    StringMap<Lease> leases_;
    std::int64_t next_sweep_us_ = 0;
};

}  // namespace station::shared

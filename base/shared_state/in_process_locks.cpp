#include "base/shared_state/in_process_locks.hpp"

#include <stdexcept>

#include "base/crypto/secrets.hpp"
#include "base/shared_state/time_units.hpp"

namespace station::shared {
namespace {

constexpr std::int64_t kSweepPeriodUs = 1'000'000;
constexpr std::size_t kTokenBytes = 18;

void require_positive(std::chrono::milliseconds ttl) {
    if (ttl.count() <= 0) throw std::invalid_argument("locks: ttl must be positive");
}

}  // namespace

void InProcessLocks::sweep_if_due_locked(std::int64_t now_us) {
    if (now_us < next_sweep_us_) return;
    next_sweep_us_ = now_us + kSweepPeriodUs;
    std::erase_if(leases_,
                  [now_us](const auto& entry) { return entry.second.expires_us <= now_us; });
}

InProcessLocks::Lease* InProcessLocks::held_locked(std::string_view name, std::string_view token,
                                                   std::int64_t now_us) {
    auto it = leases_.find(name);
    if (it == leases_.end() || it->second.expires_us <= now_us) return nullptr;
    if (!crypto::constant_time_equal(it->second.token, token)) return nullptr;
    return &it->second;
}

std::optional<std::string> InProcessLocks::try_acquire(std::string_view name,
                                                       std::chrono::milliseconds ttl) {
    require_positive(ttl);
    std::string token = crypto::random_token(kTokenBytes);
    const std::int64_t now_us = epoch_micros(clock_.now());
    std::lock_guard lock(mutex_);
    sweep_if_due_locked(now_us);
    auto it = leases_.find(name);
    if (it == leases_.end()) {
        leases_.emplace(std::string(name), Lease{token, expiry_micros(now_us, ttl)});
    } else if (it->second.expires_us <= now_us) {
        it->second = Lease{token, expiry_micros(now_us, ttl)};
    } else {
        return std::nullopt;
    }
    return token;
}

bool InProcessLocks::extend(std::string_view name, std::string_view token,
                            std::chrono::milliseconds ttl) {
    require_positive(ttl);
    const std::int64_t now_us = epoch_micros(clock_.now());
    std::lock_guard lock(mutex_);
    Lease* lease = held_locked(name, token, now_us);
    if (lease == nullptr) return false;
    lease->expires_us = expiry_micros(now_us, ttl);
    return true;
}

bool InProcessLocks::release(std::string_view name, std::string_view token) {
    const std::int64_t now_us = epoch_micros(clock_.now());
    std::lock_guard lock(mutex_);
    if (held_locked(name, token, now_us) == nullptr) return false;
    leases_.erase(leases_.find(name));
    return true;
}

std::size_t InProcessLocks::tracked_leases() {
    std::lock_guard lock(mutex_);
    return leases_.size();
}

}  // namespace station::shared

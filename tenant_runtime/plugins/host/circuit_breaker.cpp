#include "tenant_runtime/plugins/host/circuit_breaker.hpp"

#include <algorithm>

namespace station::plugins {

bool CircuitBreaker::record_fault(std::int64_t store_id, const std::string& plugin_id) {
    std::lock_guard lock(mutex_);
    Pair& pair = pairs_[{store_id, plugin_id}];
    if (pair.open) return false;
    util::TimePoint now = clock_.now();
    pair.faults.push_back(now);
    while (!pair.faults.empty() && pair.faults.front() <= now - options_.window)
        pair.faults.pop_front();
    if (static_cast<int>(pair.faults.size()) < options_.threshold) return false;
    pair.open = true;
    return true;
}

bool CircuitBreaker::is_open(std::int64_t store_id, const std::string& plugin_id) const {
    std::lock_guard lock(mutex_);
    auto it = pairs_.find({store_id, plugin_id});
    return it != pairs_.end() && it->second.open;
}

void CircuitBreaker::reset(std::int64_t store_id, const std::string& plugin_id) {
    std::lock_guard lock(mutex_);
    pairs_.erase({store_id, plugin_id});
}

std::chrono::milliseconds restart_delay(const BackoffOptions& options, int consecutive_faults) {
    if (consecutive_faults <= 0) return std::chrono::milliseconds(0);
    std::chrono::milliseconds delay = options.initial;
    for (int i = 1; i < consecutive_faults && delay < options.max; ++i)
        delay *= 2;
    return std::min(delay, options.max);
}

}  // namespace station::plugins

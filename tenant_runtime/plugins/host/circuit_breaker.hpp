#pragma once
// Counts a plugin's faults per store and trips when there are too many: `threshold` faults within
// `window` switch the plugin off for that store (recovery mode). Tripping is reported once; the
// count for the pair starts over when the merchant re-enables the plugin (reset()).
//
// Faults are crashes, timeouts, memory blow-ups and protocol violations (is_plugin_fault); a
// plugin's own error statuses are not faults.
//
// Threading: thread-safe. Time comes from the injected clock.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "base/util/clock.hpp"

namespace station::plugins {

struct CircuitBreakerOptions {
    int threshold = 5;
    std::chrono::seconds window{600};
};

class CircuitBreaker {
public:
    CircuitBreaker(const util::Clock& clock, CircuitBreakerOptions options)
        : clock_(clock), options_(options) {}

    // Records a fault; true exactly once, when this fault trips the breaker for the pair.
    bool record_fault(std::int64_t store_id, const std::string& plugin_id);
    bool is_open(std::int64_t store_id, const std::string& plugin_id) const;
    void reset(std::int64_t store_id, const std::string& plugin_id);

private:
    struct Pair {
        std::deque<util::TimePoint> faults;
        bool open = false;
    };

    const util::Clock& clock_;
    CircuitBreakerOptions options_;
    mutable std::mutex mutex_;
    std::map<std::pair<std::int64_t, std::string>, Pair> pairs_;
};

// How long a crashed worker waits before it is started again: `initial` after the first fault,
// doubling per consecutive fault up to `max`.
struct BackoffOptions {
    std::chrono::milliseconds initial{250};
    std::chrono::milliseconds max{30'000};
};
std::chrono::milliseconds restart_delay(const BackoffOptions& options, int consecutive_faults);

}  // namespace station::plugins

#pragma once
// When a failed webhook delivery is tried again. After the Nth failed attempt of an event the
// next attempt waits delays[N-1]; after the attempt that follows the last delay fails, the
// subscription is disabled.
//
// The default, like Shopify's 19 tries over 48 hours: 19 tries, waiting 15 s, 30 s, 1, 2, 4, 8,
// 16, 32, 64, 128 and 256 min, then 6 h seven times — 50 h 32 min from the first try to the last.

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace station::tenant {

struct RetrySchedule {
    std::vector<std::chrono::seconds> delays;

    std::size_t max_attempts() const { return delays.size() + 1; }
    // The wait after `failed_attempts` failures, or nullopt when the schedule is exhausted.
    std::optional<std::chrono::seconds> delay_after(std::size_t failed_attempts) const {
        if (failed_attempts == 0 || failed_attempts > delays.size()) return std::nullopt;
        return delays[failed_attempts - 1];
    }
};

RetrySchedule default_retry_schedule();
// "15,30,60" (seconds) → a schedule; nullopt when malformed or not positive.
std::optional<RetrySchedule> parse_retry_schedule(std::string_view text);

}  // namespace station::tenant

#include "tenant_runtime/webhooks/retry_schedule.hpp"

#include <string>

#include "base/util/strings.hpp"

namespace station::tenant {

RetrySchedule default_retry_schedule() {
    RetrySchedule schedule;
    std::chrono::seconds delay{15};
    for (int i = 0; i < 11; ++i) {
        schedule.delays.push_back(delay);
        delay *= 2;
    }
    for (int i = 0; i < 7; ++i)
        schedule.delays.push_back(std::chrono::hours(6));
    return schedule;
}

std::optional<RetrySchedule> parse_retry_schedule(std::string_view text) {
    RetrySchedule schedule;
    for (std::string_view piece : util::split(text, ',')) {
        piece = util::trim(piece);
        if (piece.empty() || piece.size() > 9 ||
            piece.find_first_not_of("0123456789") != std::string_view::npos) {
            return std::nullopt;
        }
        long seconds = std::stol(std::string(piece));
        if (seconds <= 0) return std::nullopt;
        schedule.delays.emplace_back(seconds);
    }
    if (schedule.delays.empty()) return std::nullopt;
    return schedule;
}

}  // namespace station::tenant

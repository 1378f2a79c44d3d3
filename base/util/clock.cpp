#include "base/util/clock.hpp"

#include <ctime>

namespace station::util {

const Clock& system_clock() {
    static const SystemClock clock;
    return clock;
}

std::string format_iso8601(std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(buffer, n);
}

std::string format_iso8601(TimePoint time) {
    return format_iso8601(
        std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count());
}

}  // namespace station::util

#pragma once
// Internal: the time handling behind the `date` filter — Ruby's Time#strftime and the common
// formats Ruby's Time.parse understands, on a fixed UTC offset.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace station::liquid::detail {

struct DateTime {
    std::int64_t epoch = 0;   // seconds since 1970-01-01T00:00:00Z
    std::int32_t nanos = 0;   // sub-second part
    std::int32_t offset = 0;  // seconds east of UTC the time is shown in
    bool utc = true;          // %Z prints "UTC" (false: a numeric offset without a name)
};

// Time.parse(text, now): ISO 8601 and RFC 2822 forms, "March 14, 2016", "14 March 2016",
// d/m/y, d.m.y, yyyymmdd, times with am/pm and zones. Missing leading fields come from `now`.
// nullopt where Ruby raises (no date or time information, out-of-range fields).
std::optional<DateTime> parse_time(std::string_view text, const DateTime& now);

// Ruby's Time#strftime, with flags (-_0^#), widths and the colon forms of %z.
std::string ruby_strftime(std::string_view format, const DateTime& time);

}  // namespace station::liquid::detail

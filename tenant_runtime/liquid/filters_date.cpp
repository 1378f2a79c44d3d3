// The `date` filter: Ruby's strftime over Liquid's date inputs.

#include <algorithm>
#include <chrono>

#include "tenant_runtime/liquid/datetime.hpp"
#include "tenant_runtime/liquid/filter_support.hpp"
#include "tenant_runtime/liquid/render_context.hpp"

namespace station::liquid::detail {
namespace {

// About ±31 million years: far beyond any calendar use, and safe from overflow when offsets and
// calendar arithmetic are applied.
constexpr std::int64_t kMaxEpoch = 1'000'000'000'000'000;

DateTime local_time(RenderContext& c, std::int64_t epoch, std::int32_t nanos) {
    epoch = std::clamp(epoch, -kMaxEpoch, kMaxEpoch);
    DateTime time;
    time.epoch = epoch;
    time.nanos = nanos;
    time.offset = c.utc_offset_seconds();
    time.utc = time.offset == 0;
    return time;
}

DateTime now(RenderContext& c) {
    auto since_epoch = c.now().time_since_epoch();
    auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
    auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds);
    return local_time(c, seconds.count(), static_cast<std::int32_t>(nanos.count()));
}

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char ch : text) {
        if (ch < '0' || ch > '9') return false;
    }
    return true;
}

// Utils.to_date: integers and digit strings are Unix times, "now"/"today" the render's now,
// other strings go through Time.parse; anything else is not a date.
std::optional<DateTime> to_date(RenderContext& c, const Value& input) {
    if (input.is_int()) return local_time(c, input.as_int(), 0);
    if (!input.is_string() || input.as_string().empty()) return std::nullopt;
    std::string_view text = input.as_string();
    std::string lower(text);
    for (char& ch : lower) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    }
    if (lower == "now" || lower == "today") return now(c);
    if (all_digits(text)) {
        std::int64_t seconds = 0;
        for (char ch : text) {
            if (seconds > (INT64_MAX - 9) / 10) return std::nullopt;
            seconds = seconds * 10 + (ch - '0');
        }
        return local_time(c, seconds, 0);
    }
    return parse_time(text, now(c));
}

Value f_date(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::string format = to_s(args[0], c);
    if (format.empty()) return input;
    std::optional<DateTime> time = to_date(c, input);
    if (!time) return input;
    return Value::string(ruby_strftime(format, *time));
}

}  // namespace

void add_date_filters(std::vector<FilterDefinition>& out) {
    out.push_back(FilterDefinition{"date", f_date, 1, 1, nullptr});
}

}  // namespace station::liquid::detail

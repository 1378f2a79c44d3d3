#include "tenant_runtime/plugins/manifest/cron.hpp"

#include <charconv>
#include <ctime>
#include <vector>

#include "base/util/strings.hpp"

namespace station::plugins {
namespace {

std::optional<int> parse_number(std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

// Sets the bits of one field; false (with `error`) on a malformed field.
template <std::size_t N>
bool parse_field(std::string_view field, int min, int max, std::bitset<N>& bits,
                 std::string& error) {
    for (std::string_view part : util::split(field, ',')) {
        int step = 1;
        if (auto slash = part.find('/'); slash != std::string_view::npos) {
            auto parsed = parse_number(part.substr(slash + 1));
            if (!parsed || *parsed < 1 || *parsed > max) {
                error = "bad step in '" + std::string(part) + "'";
                return false;
            }
            step = *parsed;
            part = part.substr(0, slash);
        }
        int from = min;
        int to = max;
        if (part != "*") {
            auto dash = part.find('-');
            auto first = parse_number(part.substr(0, dash));
            auto last =
                dash == std::string_view::npos ? first : parse_number(part.substr(dash + 1));
            if (!first || !last || *first < min || *last > max || *first > *last) {
                error = "'" + std::string(part) + "' is not in " + std::to_string(min) + "-" +
                        std::to_string(max);
                return false;
            }
            from = *first;
            // "5/10" means from 5 to the end in steps of 10, as in Vixie cron.
            to = dash == std::string_view::npos && step > 1 ? max : *last;
        }
        for (int v = from; v <= to; v += step)
            bits.set(static_cast<std::size_t>(v));
    }
    return true;
}

std::tm utc(std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm out{};
    gmtime_r(&t, &out);
    return out;
}

}  // namespace

std::optional<CronExpression> CronExpression::parse(std::string_view text, std::string* error) {
    std::vector<std::string_view> fields;
    for (std::string_view piece : util::split(util::trim(text), ' ')) {
        if (!piece.empty()) fields.push_back(piece);
    }
    std::string problem;
    CronExpression cron;
    cron.text_ = std::string(util::trim(text));
    if (fields.size() != 5) {
        problem = "expected 5 fields (minute hour day-of-month month day-of-week)";
    } else {
        std::bitset<8> days_of_week;
        bool ok = parse_field(fields[0], 0, 59, cron.minutes_, problem) &&
                  parse_field(fields[1], 0, 23, cron.hours_, problem) &&
                  parse_field(fields[2], 1, 31, cron.days_of_month_, problem) &&
                  parse_field(fields[3], 1, 12, cron.months_, problem) &&
                  parse_field(fields[4], 0, 7, days_of_week, problem);
        if (ok) {
            for (std::size_t d = 0; d < 7; ++d)
                cron.days_of_week_[d] = days_of_week[d];
            if (days_of_week[7]) cron.days_of_week_.set(0);
            cron.day_of_month_restricted_ = fields[2] != "*";
            cron.day_of_week_restricted_ = fields[4] != "*";
            return cron;
        }
    }
    if (error) *error = problem;
    return std::nullopt;
}

bool CronExpression::matches(std::int64_t unix_seconds) const {
    std::tm t = utc(unix_seconds);
    if (!minutes_[static_cast<std::size_t>(t.tm_min)] ||
        !hours_[static_cast<std::size_t>(t.tm_hour)] ||
        !months_[static_cast<std::size_t>(t.tm_mon + 1)]) {
        return false;
    }
    bool dom = days_of_month_[static_cast<std::size_t>(t.tm_mday)];
    bool dow = days_of_week_[static_cast<std::size_t>(t.tm_wday)];
    if (day_of_month_restricted_ && day_of_week_restricted_) return dom || dow;
    return dom && dow;
}

std::optional<std::int64_t> CronExpression::next_after(std::int64_t unix_seconds) const {
    constexpr std::int64_t kMinute = 60;
    constexpr std::int64_t kHour = 3600;
    constexpr std::int64_t kDay = 86400;
    std::int64_t t = (unix_seconds / kMinute + 1) * kMinute;
    const std::int64_t limit = t + 4 * 366 * kDay;
    // Skip whole days and hours that cannot match before testing minutes.
    while (t <= limit) {
        std::tm tm = utc(t);
        bool dom = days_of_month_[static_cast<std::size_t>(tm.tm_mday)];
        bool dow = days_of_week_[static_cast<std::size_t>(tm.tm_wday)];
        bool day_ok = day_of_month_restricted_ && day_of_week_restricted_ ? dom || dow : dom && dow;
        if (!months_[static_cast<std::size_t>(tm.tm_mon + 1)] || !day_ok) {
            t = (t / kDay + 1) * kDay;
            continue;
        }
        if (!hours_[static_cast<std::size_t>(tm.tm_hour)]) {
            t = (t / kHour + 1) * kHour;
            continue;
        }
        if (minutes_[static_cast<std::size_t>(tm.tm_min)]) return t;
        t += kMinute;
    }
    return std::nullopt;
}

}  // namespace station::plugins

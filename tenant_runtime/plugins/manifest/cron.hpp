#pragma once
// Five-field cron expressions ("*/15 9-17 * * 1-5": minute, hour, day of month, month, day of
// week), evaluated in UTC. Fields take `*`, numbers, ranges `a-b`, lists `a,b` and steps `*/n`,
// `a-b/n`; day of week is 0-6 with 7 also meaning Sunday. As in Vixie cron, when both day fields
// are restricted a time matches either of them.
//
// Pure values; thread-safe.

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace station::plugins {

class CronExpression {
public:
    // nullopt and a reason in `error` (when given) for a malformed expression.
    static std::optional<CronExpression> parse(std::string_view text, std::string* error = nullptr);

    // The first matching minute strictly after `unix_seconds` (seconds truncated), searching at
    // most about four years ahead; nullopt when nothing matches (e.g. "0 0 31 2 *").
    std::optional<std::int64_t> next_after(std::int64_t unix_seconds) const;
    bool matches(std::int64_t unix_seconds) const;

    const std::string& text() const { return text_; }

private:
    CronExpression() = default;

    std::string text_;
    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> days_of_month_;  // 1..31
    std::bitset<13> months_;         // 1..12
    std::bitset<7> days_of_week_;    // 0..6, Sunday = 0
    bool day_of_month_restricted_ = false;
    bool day_of_week_restricted_ = false;
};

}  // namespace station::plugins

#include "tenant_runtime/liquid/datetime.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <vector>

namespace station::liquid::detail {
namespace {

constexpr std::array<std::string_view, 12> kMonths{"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};

// Howard Hinnant's civil calendar algorithms.
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<std::int64_t>(y - era * 400);
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    std::int64_t year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int yday = 0;  // 0-based
    int wday = 4;  // 0 = Sunday
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

Civil to_civil(std::int64_t epoch, std::int32_t offset) {
    std::int64_t local = epoch + offset;
    std::int64_t days = floor_div(local, 86400);
    std::int64_t secs = local - days * 86400;
    Civil c;
    std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    c.year = yoe + era * 400 + (c.month <= 2 ? 1 : 0);
    c.hour = static_cast<int>(secs / 3600);
    c.minute = static_cast<int>(secs / 60 % 60);
    c.second = static_cast<int>(secs % 60);
    c.yday = static_cast<int>(days - days_from_civil(c.year, 1, 1));
    c.wday = static_cast<int>(((days % 7) + 11) % 7);
    return c;
}

bool is_leap(std::int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(std::int64_t y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// ---- strftime ----

void pad(std::string& out, std::string_view text, int width, char fill) {
    for (int i = static_cast<int>(text.size()); i < width; ++i)
        out.push_back(fill);
    out.append(text);
}

// ISO 8601 week-based year and week number.
int iso_weeks_in_year(std::int64_t y) {
    auto p = [](std::int64_t v) { return ((v + v / 4 - v / 100 + v / 400) % 7 + 7) % 7; };
    return 52 + ((p(y) == 4 || p(y - 1) == 3) ? 1 : 0);
}

void iso_week(const Civil& c, std::int64_t& year, int& week) {
    const int monday_based = (c.wday + 6) % 7;
    week = (c.yday - monday_based + 10) / 7;
    year = c.year;
    if (week < 1) {
        year = c.year - 1;
        week = iso_weeks_in_year(year);
    } else if (week > iso_weeks_in_year(c.year)) {
        year = c.year + 1;
        week = 1;
    }
}

std::string format_number(std::int64_t value) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

}  // namespace

std::string ruby_strftime(std::string_view format, const DateTime& time) {
    const Civil c = to_civil(time.epoch, time.offset);
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            out.push_back(format[i]);
            continue;
        }
        const std::size_t start = i;
        std::size_t j = i + 1;
        bool no_pad = false;
        bool upcase = false;
        bool swapcase = false;
        char fill = 0;
        int colons = 0;
        for (; j < format.size(); ++j) {
            char f = format[j];
            if (f == '-') {
                no_pad = true;
            } else if (f == '_') {
                fill = ' ';
            } else if (f == '0') {
                fill = '0';
            } else if (f == '^') {
                upcase = true;
            } else if (f == '#') {
                swapcase = true;
            } else {
                break;
            }
        }
        int width = -1;
        if (j < format.size() && format[j] >= '1' && format[j] <= '9') {
            width = 0;
            while (j < format.size() && format[j] >= '0' && format[j] <= '9') {
                // Widths beyond a kilobyte are clamped rather than allowed to exhaust memory.
                width = std::min(width * 10 + (format[j] - '0'), 1024);
                ++j;
            }
        }
        while (j < format.size() && format[j] == ':') {
            ++colons;
            ++j;
        }
        if (j >= format.size()) {
            out.append(format.substr(start));
            break;
        }
        const char conv = format[j];
        i = j;

        auto number = [&](std::int64_t value, int default_width, char default_fill) {
            std::string digits = format_number(value < 0 ? -value : value);
            if (value < 0) digits.insert(digits.begin(), '-');
            int w = no_pad ? 0 : (width >= 0 ? width : default_width);
            char f = fill != 0 ? fill : default_fill;
            if (value < 0 && f == '0' && w > 0) {
                out.push_back('-');
                pad(out, digits.substr(1), w - 1, '0');
            } else {
                pad(out, digits, w, f);
            }
        };
        auto text = [&](std::string value, bool swap_to_upper) {
            if (upcase || (swapcase && swap_to_upper)) {
                for (char& ch : value)
                    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            } else if (swapcase) {
                for (char& ch : value)
                    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            }
            int w = no_pad ? 0 : width;
            pad(out, value, w, fill == '0' ? '0' : ' ');
        };
        auto composite = [&](std::string_view sub) {
            std::string inner = ruby_strftime(sub, time);
            if (upcase) {
                for (char& ch : inner)
                    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            }
            pad(out, inner, no_pad ? 0 : width, fill == '0' ? '0' : ' ');
        };
        const int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
        switch (conv) {
            case 'Y':
                number(c.year, c.year < 0 ? 5 : 4, '0');
                break;
            case 'C':
                number(floor_div(c.year, 100), 2, '0');
                break;
            case 'y':
                number(((c.year % 100) + 100) % 100, 2, '0');
                break;
            case 'm':
                number(c.month, 2, '0');
                break;
            case 'B':
                text(std::string(kMonths[c.month - 1]), true);
                break;
            case 'b':
            case 'h':
                text(std::string(kMonths[c.month - 1].substr(0, 3)), true);
                break;
            case 'd':
                number(c.day, 2, '0');
                break;
            case 'e':
                number(c.day, 2, ' ');
                break;
            case 'j':
                number(c.yday + 1, 3, '0');
                break;
            case 'H':
                number(c.hour, 2, '0');
                break;
            case 'k':
                number(c.hour, 2, ' ');
                break;
            case 'I':
                number(hour12, 2, '0');
                break;
            case 'l':
                number(hour12, 2, ' ');
                break;
            case 'P':
                text(c.hour < 12 ? "am" : "pm", false);
                break;
            case 'p':
                text(c.hour < 12 ? "AM" : "PM", false);
                break;
            case 'M':
                number(c.minute, 2, '0');
                break;
            case 'S':
                number(c.second, 2, '0');
                break;
            case 'L':
            case 'N': {
                int digits = width > 0 ? width : (conv == 'L' ? 3 : 9);
                std::string nanos = format_number(time.nanos);
                nanos.insert(0, 9 - nanos.size(), '0');
                if (digits <= 9) {
                    out.append(nanos.substr(0, static_cast<std::size_t>(digits)));
                } else {
                    out.append(nanos);
                    out.append(static_cast<std::size_t>(digits - 9), '0');
                }
                break;
            }
            case 'z': {
                std::int32_t off = time.offset;
                char sign = off < 0 ? '-' : '+';
                if (off < 0) off = -off;
                std::string value(1, sign);
                auto two = [&](int v) {
                    value.push_back(static_cast<char>('0' + v / 10));
                    value.push_back(static_cast<char>('0' + v % 10));
                };
                two(off / 3600);
                if (colons >= 1) value.push_back(':');
                two(off / 60 % 60);
                if (colons >= 2) {
                    value.push_back(':');
                    two(off % 60);
                }
                pad(out, value, no_pad ? 0 : width, fill == ' ' ? ' ' : '0');
                break;
            }
            case 'Z':
                text(time.utc ? "UTC" : "", false);
                break;
            case 'A':
                text(std::string(kWeekdays[c.wday]), true);
                break;
            case 'a':
                text(std::string(kWeekdays[c.wday].substr(0, 3)), true);
                break;
            case 'u':
                number(c.wday == 0 ? 7 : c.wday, 1, '0');
                break;
            case 'w':
                number(c.wday, 1, '0');
                break;
            case 'U':
                number((c.yday + 7 - c.wday) / 7, 2, '0');
                break;
            case 'W':
                number((c.yday + 7 - (c.wday + 6) % 7) / 7, 2, '0');
                break;
            case 'G':
            case 'g':
            case 'V': {
                std::int64_t iso_year = 0;
                int week = 0;
                iso_week(c, iso_year, week);
                if (conv == 'G') {
                    number(iso_year, 4, '0');
                } else if (conv == 'g') {
                    number(((iso_year % 100) + 100) % 100, 2, '0');
                } else {
                    number(week, 2, '0');
                }
                break;
            }
            case 's':
                number(time.epoch, 1, '0');
                break;
            case 'n':
                out.push_back('\n');
                break;
            case 't':
                out.push_back('\t');
                break;
            case '%':
                out.push_back('%');
                break;
            case 'c':
                composite("%a %b %e %H:%M:%S %Y");
                break;
            case 'D':
            case 'x':
                composite("%m/%d/%y");
                break;
            case 'F':
                composite("%Y-%m-%d");
                break;
            case 'T':
            case 'X':
                composite("%H:%M:%S");
                break;
            case 'r':
                composite("%I:%M:%S %p");
                break;
            case 'R':
                composite("%H:%M");
                break;
            case 'v':
                composite("%e-%^b-%4Y");
                break;
            default:
                out.append(format.substr(start, j - start + 1));
                break;
        }
    }
    return out;
}

// ---- Time.parse ----

namespace {

struct Parsed {
    std::optional<std::int64_t> year;
    std::optional<int> month;
    std::optional<int> day;
    std::optional<int> yday;
    std::optional<int> hour;
    std::optional<int> minute;
    std::optional<int> second;
    std::optional<std::int32_t> nanos;
    std::optional<std::int32_t> offset;
    bool zone_utc = false;
};

bool digit(char ch) {
    return ch >= '0' && ch <= '9';
}
bool alpha(char ch) {
    return ch >= 'a' && ch <= 'z';
}

int month_from_word(std::string_view word) {
    if (word.size() < 3) return 0;
    for (std::size_t m = 0; m < kMonths.size(); ++m) {
        std::string lower(kMonths[m]);
        for (char& ch : lower)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (word.substr(0, 3) == std::string_view(lower).substr(0, 3) &&
            std::string_view(lower).substr(0, word.size()) ==
                word.substr(0, std::min(word.size(), lower.size()))) {
            return static_cast<int>(m) + 1;
        }
    }
    return 0;
}

std::optional<std::int32_t> zone_word_offset(std::string_view word, bool& utc) {
    utc = false;
    if (word == "z" || word == "utc" || word == "gmt" || word == "ut") {
        utc = true;
        return 0;
    }
    struct Zone {
        std::string_view name;
        int hours;
    };
    static constexpr Zone kZones[] = {{"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
                                      {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
    for (const Zone& zone : kZones) {
        if (word == zone.name) return zone.hours * 3600;
    }
    return std::nullopt;
}

// A token of the input: a run of digits, a run of letters, or one other character.
struct Tok {
    enum Kind { kNum, kWord, kChar } kind;
    std::string_view text;
    std::size_t pos;
    bool used = false;
};

// Ruby's s3e: orders three date fields given as written, swapping long numbers into the year.
bool assign_ymd(Parsed& p, std::string_view y, std::string_view m, std::string_view d) {
    if (!d.empty() && d.size() > 2) std::swap(y, d);
    if (!m.empty() && m.size() > 2) {
        std::string_view oy = y;
        y = m;
        m = d;
        d = oy;
    }
    auto to_int = [](std::string_view s) {
        std::int64_t v = 0;
        std::from_chars(s.data(), s.data() + s.size(), v);
        return v;
    };
    if (!y.empty()) {
        std::int64_t year = to_int(y);
        if (y.size() <= 2) year += year >= 69 ? 1900 : 2000;
        p.year = year;
    }
    if (!m.empty()) p.month = static_cast<int>(to_int(m));
    if (!d.empty()) p.day = static_cast<int>(to_int(d));
    return true;
}

}  // namespace

std::optional<DateTime> parse_time(std::string_view input, const DateTime& now) {
    std::string text(input);
    for (char& ch : text)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::vector<Tok> toks;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        if (digit(text[i])) {
            while (i < text.size() && digit(text[i]))
                ++i;
            toks.push_back({Tok::kNum, std::string_view(text).substr(start, i - start), start});
        } else if (alpha(text[i])) {
            while (i < text.size() && alpha(text[i]))
                ++i;
            toks.push_back({Tok::kWord, std::string_view(text).substr(start, i - start), start});
        } else {
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n') {
                toks.push_back({Tok::kChar, std::string_view(text).substr(start, 1), start});
            }
            ++i;
        }
    }
    auto is_char = [&](std::size_t k, char ch) {
        return k < toks.size() && toks[k].kind == Tok::kChar && toks[k].text[0] == ch;
    };
    auto num = [&](std::size_t k) {
        return k < toks.size() && toks[k].kind == Tok::kNum && !toks[k].used;
    };
    auto to_int = [](std::string_view s) {
        std::int64_t v = 0;
        std::from_chars(s.data(), s.data() + s.size(), v);
        return v;
    };
    // Adjacent in the source (no whitespace between).
    auto adjacent = [&](std::size_t a, std::size_t b) {
        return toks[a].pos + toks[a].text.size() == toks[b].pos;
    };
    Parsed p;

    // Times: h:mm[:ss[.frac]] [am|pm] [zone], or h am|pm.
    for (std::size_t k = 0; k < toks.size(); ++k) {
        if (!num(k) || toks[k].text.size() > 2) continue;
        std::size_t next = k + 1;
        bool colon_time = is_char(k + 1, ':') && num(k + 2) && toks[k + 2].text.size() == 2;
        bool meridian_time = k + 1 < toks.size() && toks[k + 1].kind == Tok::kWord &&
                             (toks[k + 1].text == "am" || toks[k + 1].text == "pm");
        if (!colon_time && !meridian_time) continue;
        int hour = static_cast<int>(to_int(toks[k].text));
        toks[k].used = true;
        if (colon_time) {
            p.minute = static_cast<int>(to_int(toks[k + 2].text));
            toks[k + 2].used = true;
            next = k + 3;
            if (is_char(next, ':') && num(next + 1) && toks[next + 1].text.size() == 2) {
                p.second = static_cast<int>(to_int(toks[next + 1].text));
                toks[next + 1].used = true;
                next += 2;
                if ((is_char(next, '.') || is_char(next, ',')) && num(next + 1)) {
                    std::string frac(toks[next + 1].text.substr(0, 9));
                    frac.append(9 - frac.size(), '0');
                    p.nanos = static_cast<std::int32_t>(to_int(frac));
                    toks[next + 1].used = true;
                    next += 2;
                }
            }
        }
        if (next < toks.size() && toks[next].kind == Tok::kWord &&
            (toks[next].text == "am" || toks[next].text == "pm")) {
            if (hour < 1 || hour > 12) return std::nullopt;
            hour = hour % 12 + (toks[next].text == "pm" ? 12 : 0);
            toks[next].used = true;
            ++next;
        }
        p.hour = hour;
        // A zone right after the time.
        if (next < toks.size() && toks[next].kind == Tok::kWord) {
            bool utc = false;
            if (auto off = zone_word_offset(toks[next].text, utc)) {
                p.offset = *off;
                p.zone_utc = utc;
                toks[next].used = true;
            }
        } else if ((is_char(next, '+') || is_char(next, '-')) && num(next + 1)) {
            int sign = toks[next].text[0] == '-' ? -1 : 1;
            std::string_view digits = toks[next + 1].text;
            int hours = 0;
            int minutes = 0;
            if (digits.size() <= 2) {
                hours = static_cast<int>(to_int(digits));
                if (is_char(next + 2, ':') && num(next + 3)) {
                    minutes = static_cast<int>(to_int(toks[next + 3].text));
                    toks[next + 3].used = true;
                }
            } else if (digits.size() == 4) {
                hours = static_cast<int>(to_int(digits.substr(0, 2)));
                minutes = static_cast<int>(to_int(digits.substr(2)));
            } else {
                return std::nullopt;
            }
            toks[next + 1].used = true;
            p.offset = sign * (hours * 3600 + minutes * 60);
        }
        break;
    }

    // Dates.
    for (std::size_t k = 0; k < toks.size() && !p.month; ++k) {
        if (toks[k].kind == Tok::kWord) {
            int month = month_from_word(toks[k].text);
            if (month == 0) continue;
            p.month = month;
            toks[k].used = true;
            // "14 March 2016" / "14th March"
            std::size_t before = k;
            if (k >= 2 && toks[k - 1].kind == Tok::kWord &&
                (toks[k - 1].text == "st" || toks[k - 1].text == "nd" || toks[k - 1].text == "rd" ||
                 toks[k - 1].text == "th") &&
                num(k - 2)) {
                before = k - 2;
            } else if (k >= 1 && num(k - 1)) {
                before = k - 1;
            }
            if (before != k) {
                std::string_view day = toks[before].text;
                toks[before].used = true;
                std::string_view year;
                std::size_t after = k + 1;
                while (after < toks.size() && is_char(after, ','))
                    ++after;
                if (num(after)) {
                    year = toks[after].text;
                    toks[after].used = true;
                }
                assign_ymd(p, year, "", day);
                break;
            }
            // "March 14, 2016" / "Jan 2020"
            std::size_t after = k + 1;
            if (num(after)) {
                std::string_view day = toks[after].text;
                toks[after].used = true;
                std::size_t y = after + 1;
                if (y < toks.size() && toks[y].kind == Tok::kWord &&
                    (toks[y].text == "st" || toks[y].text == "nd" || toks[y].text == "rd" ||
                     toks[y].text == "th")) {
                    ++y;
                }
                while (y < toks.size() && is_char(y, ','))
                    ++y;
                std::string_view year;
                if (num(y)) {
                    year = toks[y].text;
                    toks[y].used = true;
                }
                assign_ymd(p, year, "", day);
            }
            break;
        }
        if (!num(k)) continue;
        // y-m-d, d/m/y, d.m.y
        for (char sep : {'-', '/', '.'}) {
            if (is_char(k + 1, sep) && num(k + 2) && adjacent(k, k + 1) && adjacent(k + 1, k + 2)) {
                std::string_view a = toks[k].text;
                std::string_view b = toks[k + 2].text;
                std::string_view c;
                toks[k].used = toks[k + 2].used = true;
                if (is_char(k + 3, sep) && num(k + 4) && adjacent(k + 2, k + 3)) {
                    c = toks[k + 4].text;
                    toks[k + 4].used = true;
                }
                // y-m-d and d.m.y need all three parts; d/m may omit the year.
                if (sep != '/' && c.empty()) {
                    toks[k].used = toks[k + 2].used = false;
                    break;
                }
                assign_ymd(p, a, b, c);
                break;
            }
        }
        if (p.month) break;
        // yyyymmdd
        if (toks[k].text.size() == 8) {
            std::string_view d = toks[k].text;
            p.year = to_int(d.substr(0, 4));
            p.month = static_cast<int>(to_int(d.substr(4, 2)));
            p.day = static_cast<int>(to_int(d.substr(6, 2)));
            toks[k].used = true;
            break;
        }
    }

    // Ruby's _parse_ddd, the last resort when no date form matched: the first run of 2-14 digits,
    // read by its length (dd, ddd yday, mmdd, yyddd, yymmdd, yyyyddd, yyyymmdd[hh[mm[ss]]]),
    // or as a time of day when a fraction follows it.
    if (!p.year && !p.month && !p.day) {
        for (std::size_t k = 0; k < toks.size(); ++k) {
            if (!num(k) || toks[k].text.size() < 2 || toks[k].text.size() > 14) continue;
            std::string_view d = toks[k].text;
            toks[k].used = true;
            std::string sign;
            if (k > 0 && (is_char(k - 1, '-') || is_char(k - 1, '+')) && adjacent(k - 1, k)) {
                sign = std::string(toks[k - 1].text);
            }
            std::size_t next = k + 1;
            if (next < toks.size() && toks[next].kind == Tok::kWord && toks[next].text == "t")
                ++next;
            std::string_view time;
            if (num(next) && toks[next].text.size() >= 2 && toks[next].text.size() <= 6) {
                time = toks[next].text;
                toks[next].used = true;
                ++next;
            }
            bool fraction = is_char(next, '.') || is_char(next, ',');
            std::string_view fraction_digits;
            if (fraction && num(next + 1)) {
                fraction_digits = toks[next + 1].text;
                toks[next + 1].used = true;
            }
            const bool clock = time.empty() && fraction;
            auto part = [&](std::size_t from, std::size_t length) {
                return static_cast<int>(to_int(d.substr(from, length)));
            };
            auto tail = [&](std::size_t back) { return part(d.size() - back, 2); };
            auto signed_year = [&](std::string_view digits) {
                std::int64_t year = to_int(digits);
                return sign == "-" ? -year : year;
            };
            switch (d.size()) {
                case 2:
                    if (clock) {
                        p.second = tail(2);
                    } else {
                        p.day = part(0, 2);
                    }
                    break;
                case 3:
                    if (clock) {
                        p.second = tail(2);
                        p.minute = part(0, 1);
                    } else {
                        p.yday = part(0, 3);
                    }
                    break;
                case 4:
                    if (clock) {
                        p.second = tail(2);
                        p.minute = tail(4);
                    } else {
                        p.month = part(0, 2);
                        p.day = part(2, 2);
                    }
                    break;
                case 5:
                    if (clock) {
                        p.second = tail(2);
                        p.minute = tail(4);
                        p.hour = part(0, 1);
                    } else {
                        assign_ymd(p, d.substr(0, 2), "", "");
                        if (sign == "-") p.year = -*p.year;
                        p.yday = part(2, 3);
                    }
                    break;
                case 6:
                    if (clock) {
                        p.second = tail(2);
                        p.minute = tail(4);
                        p.hour = tail(6);
                    } else {
                        assign_ymd(p, d.substr(0, 2), d.substr(2, 2), d.substr(4, 2));
                        if (sign == "-") p.year = -*p.year;
                    }
                    break;
                case 7:
                    if (clock) {
                        p.second = tail(2);
                        p.minute = tail(4);
                        p.hour = tail(6);
                        p.day = part(0, 1);
                    } else {
                        p.year = signed_year(d.substr(0, 4));
                        p.yday = part(4, 3);
                    }
                    break;
                default:
                    if (d.size() % 2 != 0) break;
                    if (clock) {
                        p.second = tail(2);
                        p.minute = tail(4);
                        p.hour = tail(6);
                        p.day = tail(8);
                        if (d.size() >= 10) p.month = tail(10);
                        if (d.size() == 12) p.year = signed_year(d.substr(0, 2));
                        if (d.size() == 14) p.year = signed_year(d.substr(0, 4));
                    } else {
                        p.year = signed_year(d.substr(0, 4));
                        p.month = part(4, 2);
                        p.day = part(6, 2);
                        if (d.size() >= 10) p.hour = part(8, 2);
                        if (d.size() >= 12) p.minute = part(10, 2);
                        if (d.size() >= 14) p.second = part(12, 2);
                    }
                    break;
            }
            if (time.size() == 2 || time.size() == 4 || time.size() == 6) {
                p.hour = static_cast<int>(to_int(time.substr(0, 2)));
                if (time.size() >= 4) p.minute = static_cast<int>(to_int(time.substr(2, 2)));
                if (time.size() >= 6) p.second = static_cast<int>(to_int(time.substr(4, 2)));
            }
            if (!fraction_digits.empty()) {
                std::string nanos(fraction_digits.substr(0, 9));
                nanos.append(9 - nanos.size(), '0');
                p.nanos = static_cast<std::int32_t>(to_int(nanos));
            }
            break;
        }
    }

    // Like Ruby's Date._parse, text that matches no pattern is ignored, except that a zone
    // name anywhere still applies.
    for (const Tok& tok : toks) {
        if (tok.used || tok.kind != Tok::kWord || p.offset) continue;
        bool utc = false;
        if (auto off = zone_word_offset(tok.text, utc)) {
            p.offset = *off;
            p.zone_utc = utc;
        }
    }

    if (!p.year && !p.month && !p.day && !p.yday && !p.hour && !p.minute && !p.second) {
        return std::nullopt;
    }

    // Fields before the first given one come from `now`, later ones default to their minimum.
    const std::int32_t offset = p.offset ? *p.offset : now.offset;
    Civil current = to_civil(now.epoch, offset);
    std::int64_t year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    do {
        if (p.year) break;
        year = current.year;
        if (p.month || p.yday) break;
        month = current.month;
        if (p.day) break;
        day = current.day;
        if (p.hour) break;
        hour = current.hour;
        if (p.minute) break;
        minute = current.minute;
        if (p.second) break;
        second = current.second;
    } while (false);
    if (p.year) year = *p.year;
    if (p.month) month = *p.month;
    if (p.day) day = *p.day;
    if (p.hour) hour = *p.hour;
    if (p.minute) minute = *p.minute;
    if (p.second) second = *p.second;
    if (p.yday) {
        // A day of the year: counted from January 1st (366 in a common year rolls over).
        if (*p.yday < 1 || *p.yday > 366 || year < -1'000'000'000 || year > 1'000'000'000) {
            return std::nullopt;
        }
        Civil date = to_civil((days_from_civil(year, 1, 1) + *p.yday - 1) * 86400, 0);
        year = date.year;
        month = date.month;
        day = date.day;
    }
    // Years are bounded so calendar arithmetic cannot overflow.
    if (year < -1'000'000'000 || year > 1'000'000'000 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month) || hour > 24 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    DateTime result;
    result.epoch =
        days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
    result.nanos = p.nanos.value_or(0);
    result.offset = offset;
    result.utc = p.offset ? p.zone_utc : now.utc;
    return result;
}

}  // namespace station::liquid::detail

#include "tenant_runtime/admin_api/request_params.hpp"

#include <ctime>

#include "base/http/json_input.hpp"
#include "base/http/url.hpp"
#include "base/money/currency.hpp"
#include "base/util/strings.hpp"

namespace station::tenant {
namespace {

[[noreturn]] void bad_param(std::string_view name, std::string_view message) {
    boost::json::object errors;
    errors[name] = message;
    throw AdminError(400, std::move(errors));
}

bool parse_digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
    if (at + count > text.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view t) {
    std::tm tm{};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!parse_digits(t, 0, 4, year) || t.size() < 10 || t[4] != '-' ||
        !parse_digits(t, 5, 2, month) || t[7] != '-' || !parse_digits(t, 8, 2, day)) {
        return std::nullopt;
    }
    std::int64_t offset = 0;
    if (t.size() > 10) {
        if ((t[10] != 'T' && t[10] != ' ') || !parse_digits(t, 11, 2, hour) || t.size() < 19 ||
            t[13] != ':' || !parse_digits(t, 14, 2, minute) || t[16] != ':' ||
            !parse_digits(t, 17, 2, second)) {
            return std::nullopt;
        }
        std::string_view zone = t.substr(19);
        if (!zone.empty() && zone[0] == '.') {
            std::size_t end = zone.find_first_not_of("0123456789", 1);
            zone = end == std::string_view::npos ? std::string_view{} : zone.substr(end);
        }
        if (zone == "Z" || zone.empty()) {
            offset = 0;
        } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 6 && zone[3] == ':') {
            int oh = 0, om = 0;
            if (!parse_digits(zone, 1, 2, oh) || !parse_digits(zone, 4, 2, om)) return std::nullopt;
            offset = (zone[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        } else {
            return std::nullopt;
        }
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return static_cast<std::int64_t>(timegm(&tm)) - offset;
}

std::optional<std::string> QueryParams::text(std::string_view name) const {
    for (auto& [key, value] : http::parse_query(query_)) {
        if (key == name) return std::move(value);
    }
    return std::nullopt;
}

std::optional<std::int64_t> QueryParams::integer(std::string_view name) const {
    auto value = text(name);
    if (!value) return std::nullopt;
    if (value->empty() || value->size() > 18 ||
        value->find_first_not_of("0123456789") != std::string::npos) {
        bad_param(name, "must be a non-negative integer");
    }
    return std::stoll(*value);
}

std::vector<std::string> QueryParams::list(std::string_view name) const {
    std::vector<std::string> out;
    auto value = text(name);
    if (!value) return out;
    for (auto piece : util::split(*value, ',')) {
        auto trimmed = util::trim(piece);
        if (!trimmed.empty()) out.emplace_back(trimmed);
    }
    return out;
}

std::vector<std::int64_t> QueryParams::ids(std::string_view name) const {
    std::vector<std::int64_t> out;
    for (const std::string& piece : list(name)) {
        if (piece.size() > 18 || piece.find_first_not_of("0123456789") != std::string::npos) {
            bad_param(name, "must be a comma-separated list of ids");
        }
        out.push_back(std::stoll(piece));
    }
    if (out.size() > 250) bad_param(name, "at most 250 ids");
    return out;
}

std::optional<std::int64_t> QueryParams::time(std::string_view name) const {
    auto value = text(name);
    if (!value) return std::nullopt;
    auto parsed = parse_iso8601(*value);
    if (!parsed) bad_param(name, "must be an ISO 8601 date-time");
    return parsed;
}

std::optional<bool> QueryParams::boolean(std::string_view name) const {
    auto value = text(name);
    if (!value) return std::nullopt;
    if (*value == "true" || *value == "1") return true;
    if (*value == "false" || *value == "0") return false;
    bad_param(name, "must be true or false");
}

std::int64_t path_id(const AdminCall& call, std::size_t index) {
    return std::stoll(call.segments.at(index));
}

boost::json::object body_root(const AdminCall& call, std::string_view root) {
    boost::json::object body = http::parse_json_object(call.request.body);
    auto it = body.find(root);
    if (it == body.end() || !it->value().is_object()) {
        boost::json::object errors;
        errors[root] = "Required parameter missing or invalid";
        throw AdminError(400, std::move(errors));
    }
    return std::move(it->value().as_object());
}

std::int64_t json_money(const boost::json::value& v, std::string_view field, int exponent) {
    std::optional<std::int64_t> minor;
    if (v.is_string()) minor = money::parse_decimal(v.as_string(), exponent);
    if (v.is_int64()) minor = money::parse_decimal(std::to_string(v.as_int64()), exponent);
    if (v.is_uint64()) minor = money::parse_decimal(std::to_string(v.as_uint64()), exponent);
    if (v.is_double()) {
        // Clients such as JavaScript send prices as numbers; the shortest text that reads back
        // as the same double is what the user typed.
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.*f", exponent, v.as_double());
        minor = money::parse_decimal(buffer, exponent);
    }
    if (!minor || *minor < 0) throw AdminError::invalid(field, "must be a non-negative amount");
    return *minor;
}

std::int64_t json_integer(const boost::json::value& v, std::string_view field) {
    if (v.is_int64()) return v.as_int64();
    if (v.is_uint64() && v.as_uint64() < (1ULL << 62))
        return static_cast<std::int64_t>(v.as_uint64());
    if (v.is_string()) {
        std::string_view s = v.as_string();
        bool negative = s.starts_with('-');
        std::string_view digits = negative ? s.substr(1) : s;
        if (!digits.empty() && digits.size() <= 18 &&
            digits.find_first_not_of("0123456789") == std::string_view::npos) {
            return (negative ? -1 : 1) * std::stoll(std::string(digits));
        }
    }
    throw AdminError::invalid(field, "must be an integer");
}

std::string json_text(const boost::json::value& v, std::string_view field, std::size_t max_bytes) {
    if (!v.is_string()) throw AdminError::invalid(field, "must be a string");
    std::string_view text = util::trim(v.as_string());
    if (text.size() > max_bytes) {
        throw AdminError::invalid(
            field, "is too long (maximum is " + std::to_string(max_bytes) + " bytes)");
    }
    return std::string(text);
}

bool json_bool(const boost::json::value& v, std::string_view field) {
    if (v.is_bool()) return v.as_bool();
    if (v.is_string() && (v.as_string() == "true" || v.as_string() == "false")) {
        return v.as_string() == "true";
    }
    throw AdminError::invalid(field, "must be true or false");
}

int currency_exponent(const StoreContext& store) {
    auto currency = money::find_currency(store.base_currency);
    return currency ? currency->exponent : 2;
}

void throw_invalid(const FieldError& error) {
    throw AdminError::invalid(error.field, error.message);
}

}  // namespace station::tenant

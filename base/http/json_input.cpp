#include "base/http/json_input.hpp"

#include <boost/json/parse.hpp>

#include "base/http/request_error.hpp"
#include "base/util/strings.hpp"

namespace station::http {

boost::json::object parse_json_object(std::string_view body, std::size_t max_bytes) {
    if (body.size() > max_bytes) {
        throw RequestError(413, "body",
                           "request body exceeds " + std::to_string(max_bytes) + " bytes");
    }
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec);
    if (ec) throw RequestError(400, "body", "malformed JSON: " + ec.message());
    if (!value.is_object()) throw RequestError(400, "body", "expected a JSON object");
    return std::move(value.as_object());
}

std::string JsonFields::path(std::string_view name) const {
    return prefix_.empty() ? std::string(name) : prefix_ + "." + std::string(name);
}

const boost::json::value* JsonFields::find(std::string_view name) const {
    auto it = object_.find(name);
    if (it == object_.end() || it->value().is_null()) return nullptr;
    return &it->value();
}

bool JsonFields::has(std::string_view name) const {
    return find(name) != nullptr;
}

std::optional<std::string> JsonFields::optional_string(std::string_view name,
                                                       std::size_t max_length) const {
    const boost::json::value* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_string()) throw RequestError(422, path(name), "must be a string");
    std::string_view text = util::trim(v->as_string());
    if (text.size() > max_length) {
        throw RequestError(422, path(name),
                           "must be at most " + std::to_string(max_length) + " bytes");
    }
    return std::string(text);
}

std::string JsonFields::required_string(std::string_view name, std::size_t max_length) const {
    std::optional<std::string> value = optional_string(name, max_length);
    if (!value) throw RequestError(422, path(name), "is required");
    if (value->empty()) throw RequestError(422, path(name), "must not be blank");
    return std::move(*value);
}

std::optional<std::int64_t> JsonFields::optional_int(std::string_view name, std::int64_t min,
                                                     std::int64_t max) const {
    const boost::json::value* v = find(name);
    if (!v) return std::nullopt;
    std::int64_t result = 0;
    if (v->is_int64()) {
        result = v->as_int64();
    } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        result = static_cast<std::int64_t>(v->as_uint64());
    } else {
        throw RequestError(422, path(name), "must be an integer");
    }
    if (result < min || result > max) {
        throw RequestError(
            422, path(name),
            "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return result;
}

std::optional<bool> JsonFields::optional_bool(std::string_view name) const {
    const boost::json::value* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_bool()) throw RequestError(422, path(name), "must be true or false");
    return v->as_bool();
}

}  // namespace station::http

#pragma once
// Reading untrusted JSON request bodies. Every failure throws http::RequestError naming the field
// (with `prefix` prepended, e.g. "store.handle"), so handlers validate by simply reading.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace station::http {

// Parses `body` as a JSON object. 400 "body" for malformed JSON or a non-object; 413 "body" above
// `max_bytes`.
boost::json::object parse_json_object(std::string_view body, std::size_t max_bytes = 1 << 20);

class JsonFields {
public:
    explicit JsonFields(const boost::json::object& object, std::string prefix = {})
        : object_(object), prefix_(std::move(prefix)) {}

    // 422 when missing, not a string, blank after trimming, or longer than max_length bytes.
    // Returns the trimmed value.
    std::string required_string(std::string_view name, std::size_t max_length) const;
    std::optional<std::string> optional_string(std::string_view name, std::size_t max_length) const;
    std::optional<std::int64_t> optional_int(std::string_view name, std::int64_t min,
                                             std::int64_t max) const;
    std::optional<bool> optional_bool(std::string_view name) const;
    bool has(std::string_view name) const;
    // The full field path as reported in errors.
    std::string path(std::string_view name) const;

private:
    const boost::json::value* find(std::string_view name) const;

    const boost::json::object& object_;
    std::string prefix_;
};

}  // namespace station::http

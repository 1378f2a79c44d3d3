#pragma once
// Aborts an Admin API request with Shopify's error shape: {"errors": <value>}, where value is a
// string ("Not Found") or an object of field → [messages] for validation failures (422).

#include <stdexcept>
#include <string>

#include <boost/json/value.hpp>

namespace station::tenant {

class AdminError : public std::runtime_error {
public:
    AdminError(int status, boost::json::value errors)
        : std::runtime_error("admin api error"), status_(status), errors_(std::move(errors)) {}

    int status() const noexcept { return status_; }
    const boost::json::value& errors() const noexcept { return errors_; }

    static AdminError not_found() { return {404, "Not Found"}; }
    // 422 {"errors": {"<field>": ["<message>"]}}
    static AdminError invalid(std::string_view field, std::string_view message);

private:
    int status_;
    boost::json::value errors_;
};

}  // namespace station::tenant

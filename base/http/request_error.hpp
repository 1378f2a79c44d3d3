#pragma once
// The one exception a handler throws to abort a request with a client-visible status.
// Servers map it to a JSON body {"error":{"status","field","message"}} in one place
// (platform/http); the Admin API maps it to Shopify's {"errors": …} shape instead.

#include <stdexcept>
#include <string>

namespace station::http {

class RequestError : public std::runtime_error {
public:
    // `field` names the offending input ("email", "body", "store.handle") or is empty.
    RequestError(int status, std::string field, const std::string& message)
        : std::runtime_error(message), status_(status), field_(std::move(field)) {}

    int status() const noexcept { return status_; }
    const std::string& field() const noexcept { return field_; }

private:
    int status_;
    std::string field_;
};

// Serialized {"error":{"status":…,"field":…,"message":…}}.
std::string error_json(int status, std::string_view field, std::string_view message);

}  // namespace station::http

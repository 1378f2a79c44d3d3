#pragma once
// The top of every request: health and metrics, the platform host's APIs, and the tenant
// router's hand-off to a store runtime (storefront or Admin API), with the store's status and
// requests-per-minute quota applied on the way.

#include "platform/http/http_server.hpp"

namespace station::app {

class Platform;

class RequestDispatcher final : public server::RequestHandler {
public:
    explicit RequestDispatcher(Platform& platform) : platform_(platform) {}
    http::Response handle(http::Request& request) override;

private:
    http::Response platform_host(http::Request& request);
    http::Response store_host(http::Request& request);
    http::Response admin_api(http::Request& request, std::int64_t routed_store_id);
    bool is_platform_host(const std::string& host) const;

    Platform& platform_;
};

}  // namespace station::app

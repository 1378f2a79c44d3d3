#pragma once
// The platform's own HTML pages: its landing page, the 404 for hosts no store owns, and the
// "store unavailable" page of suspended stores.

#include <string_view>

#include "base/http/message.hpp"

namespace station::app {

http::Response landing_page(std::string_view platform_domain);
http::Response unknown_host_page(std::string_view host);
http::Response store_unavailable_page(std::string_view store_name);

}  // namespace station::app

#include "platform/app/pages.hpp"

#include <string>

#include "base/util/html.hpp"

namespace station::app {
namespace {

std::string page(std::string_view title, std::string_view body_html) {
    std::string out =
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    util::append_html_escaped(out, title);
    out +=
        "</title>\n<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem "
        "auto;padding:0 1rem;color:#1f2328}h1{font-size:1.6rem}</style>\n</head>\n<body>\n<main>\n";
    out += body_html;
    out += "\n</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace

http::Response landing_page(std::string_view platform_domain) {
    std::string body = "<h1>Station</h1>\n<p>Independent stores on ";
    util::append_html_escaped(body, platform_domain);
    body +=
        ".</p>\n<p>Create a store with <code>POST /api/signup</code>; see the README for the "
        "platform and Admin APIs.</p>";
    return http::Response::html(200, page("Station", body));
}

http::Response unknown_host_page(std::string_view host) {
    std::string body = "<h1>No store here</h1>\n<p>There is no store at <strong>";
    util::append_html_escaped(body, host);
    body += "</strong>. Check the address, or ask the store's owner.</p>";
    return http::Response::html(404, page("Store not found", body));
}

http::Response store_unavailable_page(std::string_view store_name) {
    std::string body = "<h1>Store unavailable</h1>\n<p><strong>";
    util::append_html_escaped(body, store_name);
    body += "</strong> is unavailable right now. Please come back later.</p>";
    http::Response response = http::Response::html(503, page("Store unavailable", body));
    response.headers.set("Retry-After", "3600");
    return response;
}

}  // namespace station::app

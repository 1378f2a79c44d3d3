#include "tenant_runtime/storefront/storefront.hpp"

#include "base/money/currency.hpp"
#include "base/util/html.hpp"
#include "tenant_runtime/catalog/products.hpp"

namespace station::tenant {
namespace {

using util::append_html_escaped;

std::string format_price(std::int64_t minor, const StoreContext& store) {
    auto currency = money::find_currency(store.base_currency);
    int exponent = currency ? currency->exponent : 2;
    std::string symbol = currency ? std::string(currency->symbol) : store.base_currency + " ";
    return symbol + money::format_decimal(minor, exponent);
}

void open_page(std::string& out, const StoreContext& store, std::string_view title) {
    out += "<!doctype html>\n<html lang=\"";
    append_html_escaped(out, store.default_locale);
    out +=
        "\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    append_html_escaped(out, title);
    out += "</title>\n</head>\n<body>\n<header><a href=\"/\">";
    append_html_escaped(out, store.name);
    out += "</a></header>\n<main>\n";
}

void close_page(std::string& out) {
    out += "</main>\n</body>\n</html>\n";
}

http::Response home(StoreRuntime& runtime, const StoreContext& store) {
    auto products = runtime.with_db([](sql::Database& db) {
        ProductFilter active;
        active.statuses = {"active"};
        active.published_status = "published";
        return list_products(db, active, IdPage{.limit = 48});
    });
    std::string out;
    open_page(out, store, store.name);
    out += "<h1>";
    append_html_escaped(out, store.name);
    out += "</h1>\n<ul class=\"products\">\n";
    for (const Product& p : products) {
        out += "<li><a href=\"/products/";
        append_html_escaped(out, p.handle);
        out += "\">";
        append_html_escaped(out, p.title);
        out += "</a>";
        if (!p.variants.empty()) {
            out += " <span class=\"price\">";
            append_html_escaped(out, format_price(p.variants.front().price_minor, store));
            out += "</span>";
        }
        out += "</li>\n";
    }
    out += "</ul>\n";
    close_page(out);
    return http::Response::html(200, std::move(out));
}

http::Response not_found(const StoreContext& store) {
    std::string out;
    open_page(out, store, "Page not found");
    out += "<h1>Page not found</h1>\n<p><a href=\"/\">Continue shopping</a></p>\n";
    close_page(out);
    return http::Response::html(404, std::move(out));
}

http::Response product_page(StoreRuntime& runtime, const StoreContext& store,
                            std::string_view handle) {
    auto product =
        runtime.with_db([&](sql::Database& db) { return find_product_by_handle(db, handle); });
    if (!product || product->status != "active") return not_found(store);
    std::string out;
    open_page(out, store, product->title + " – " + store.name);
    out += "<article class=\"product\">\n<h1>";
    append_html_escaped(out, product->title);
    out += "</h1>\n";
    if (!product->variants.empty()) {
        out += "<p class=\"price\">";
        append_html_escaped(out, format_price(product->variants.front().price_minor, store));
        out += "</p>\n";
    }
    // body_html is merchant-authored HTML and is rendered as such, like Shopify does.
    out += "<div class=\"description\">" + product->body_html + "</div>\n</article>\n";
    close_page(out);
    return http::Response::html(200, std::move(out));
}

http::Response robots_txt(const StoreContext& store) {
    std::string body =
        "User-agent: *\nDisallow: /admin\nDisallow: /cart\nDisallow: /checkouts\n"
        "Disallow: /account\nDisallow: /search\nSitemap: https://" +
        store.primary_domain + "/sitemap.xml\n";
    return http::Response::text(200, std::move(body));
}

}  // namespace

http::Response Storefront::handle(StoreRuntime& runtime, const StoreContext& store,
                                  const http::Request& request) {
    if (request.method != http::Method::Get && request.method != http::Method::Head) {
        return http::Response::text(405, "method not allowed\n");
    }
    const std::string& path = request.path;
    if (path == "/") return home(runtime, store);
    if (path == "/robots.txt") return robots_txt(store);
    constexpr std::string_view kProducts = "/products/";
    if (path.starts_with(kProducts) && path.size() > kProducts.size()) {
        return product_page(runtime, store, std::string_view(path).substr(kProducts.size()));
    }
    return not_found(store);
}

}  // namespace station::tenant

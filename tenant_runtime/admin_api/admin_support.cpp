#include "tenant_runtime/admin_api/admin_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "base/crypto/secrets.hpp"
#include "base/http/url.hpp"

namespace station::tenant {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::optional<std::string> hex_decode(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int hi = hex_value(hex[i]);
        int lo = hex_value(hex[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

[[noreturn]] void bad_page_info(std::string_view message) {
    throw AdminError(400, boost::json::object{{"page_info", message}});
}

// The query without the pagination parameters: what a cursor must carry forward.
std::string filter_query(const std::string& raw) {
    std::string out;
    for (const auto& [key, value] : http::parse_query(raw)) {
        if (key == "limit" || key == "page_info" || key == "fields") continue;
        if (!out.empty()) out += '&';
        out += http::percent_encode(key) + "=" + http::percent_encode(value);
    }
    return out;
}

std::string encode_page_info(const std::string& filters, std::int64_t after, std::int64_t before) {
    boost::json::object cursor{{"q", filters}, {"a", after}, {"b", before}};
    return crypto::hex_encode(boost::json::serialize(cursor));
}

boost::json::object select_fields(boost::json::object object,
                                  const std::vector<std::string>& fields) {
    if (fields.empty()) return object;
    boost::json::object out;
    for (const std::string& f : fields) {
        if (auto it = object.find(f); it != object.end()) out[f] = std::move(it->value());
    }
    return out;
}

}  // namespace

ListRequest parse_list_request(const AdminCall& call) {
    QueryParams own(call.request.query);
    int limit = kDefaultPageSize;
    if (auto text = own.text("limit")) {
        if (text->empty() || text->size() > 4 ||
            text->find_first_not_of("0123456789") != std::string::npos) {
            throw AdminError(400, boost::json::object{{"limit", "must be an integer"}});
        }
        limit = std::stoi(*text);
        if (limit < 1 || limit > kMaxPageSize) {
            throw AdminError(400, boost::json::object{{"limit", "must be between 1 and 250"}});
        }
    }
    ListRequest request{own, IdPage{.limit = limit}, own.list("fields")};
    auto page_info = own.text("page_info");
    if (!page_info) return request;
    if (!filter_query(call.request.query).empty()) {
        bad_page_info("page_info cannot be combined with other parameters than limit and fields");
    }
    auto decoded = hex_decode(*page_info);
    if (!decoded) bad_page_info("Invalid value.");
    boost::system::error_code ec;
    boost::json::value cursor = boost::json::parse(*decoded, ec);
    if (ec || !cursor.is_object()) bad_page_info("Invalid value.");
    const auto& o = cursor.as_object();
    auto q = o.find("q");
    auto a = o.find("a");
    auto b = o.find("b");
    if (q == o.end() || !q->value().is_string() || a == o.end() || !a->value().is_int64() ||
        b == o.end() || !b->value().is_int64() || a->value().as_int64() < 0 ||
        b->value().as_int64() < 0) {
        bad_page_info("Invalid value.");
    }
    request.params = QueryParams(std::string(q->value().as_string()));
    request.page.after_id = a->value().as_int64();
    request.page.before_id = b->value().as_int64();
    return request;
}

namespace {

std::string link_header(const AdminCall& call, const ListRequest& request, const PageLinks& links) {
    if (!links.prev_before && !links.next_after) return {};
    std::string host(call.request.header("Host"));
    if (host.empty()) host = call.request.host;
    std::string base = std::string(call.request.secure ? "https://" : "http://") + host +
                       "/admin/api/" + call.api_version + "/";
    for (std::size_t i = 0; i < call.segments.size(); ++i)
        base += (i ? "/" : "") + call.segments[i];
    base += call.extension + "?limit=" + std::to_string(request.page.limit);
    if (!request.fields.empty()) {
        std::string joined;
        for (const auto& f : request.fields)
            joined += (joined.empty() ? "" : ",") + f;
        base += "&fields=" + http::percent_encode(joined);
    }
    std::string filters = filter_query(request.params.raw());
    std::string link;
    if (links.prev_before) {
        link += "<" + base + "&page_info=" + encode_page_info(filters, 0, *links.prev_before) +
                ">; rel=\"previous\"";
    }
    if (links.next_after) {
        if (!link.empty()) link += ", ";
        link += "<" + base + "&page_info=" + encode_page_info(filters, *links.next_after, 0) +
                ">; rel=\"next\"";
    }
    return link;
}

std::string root_prefix(std::string_view root) {
    std::string out = "{";
    out += boost::json::serialize(boost::json::string(root));
    out += ':';
    return out;
}

}  // namespace

http::Response list_response(const AdminCall& call, const ListRequest& request,
                             std::string_view root, boost::json::array items,
                             const PageLinks& links) {
    if (!request.fields.empty()) {
        for (auto& item : items) {
            if (item.is_object()) item = select_fields(std::move(item.as_object()), request.fields);
        }
    }
    http::Response response = admin_json(200, root, std::move(items));
    if (std::string link = link_header(call, request, links); !link.empty()) {
        response.headers.set("Link", std::move(link));
    }
    return response;
}

http::Response list_text_response(const AdminCall& call, const ListRequest& request,
                                  std::string_view root, const std::vector<std::string>& items,
                                  const PageLinks& links) {
    if (!request.fields.empty()) {
        boost::json::array parsed;
        for (const auto& item : items)
            parsed.push_back(boost::json::parse(item));
        return list_response(call, request, root, std::move(parsed), links);
    }
    std::size_t size = 32;
    for (const auto& item : items)
        size += item.size() + 1;
    std::string body = root_prefix(root);
    body.reserve(size);
    body += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) body += ',';
        body += items[i];
    }
    body += "]}";
    http::Response response = http::Response::json(200, std::move(body));
    if (std::string link = link_header(call, request, links); !link.empty()) {
        response.headers.set("Link", std::move(link));
    }
    return response;
}

http::Response object_text_response(const AdminCall& call, int status, std::string_view root,
                                    const std::string& json_text) {
    if (call.request.query.find("fields") != std::string::npos) {
        return object_response(call, status, root, boost::json::parse(json_text).as_object());
    }
    std::string body = root_prefix(root);
    body.reserve(body.size() + json_text.size() + 1);
    body += json_text;
    body += '}';
    return http::Response::json(status, std::move(body));
}

http::Response object_response(const AdminCall& call, int status, std::string_view root,
                               boost::json::object object) {
    auto fields = QueryParams(call.request.query).list("fields");
    return admin_json(status, root, select_fields(std::move(object), fields));
}

CatalogFormat catalog_format(const AdminCall& call) {
    return {currency_exponent(call.store),
            std::string(call.request.secure ? "https://" : "http://") + call.store.primary_domain +
                "/files/"};
}

}  // namespace station::tenant

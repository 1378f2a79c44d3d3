#include "platform/api/platform_admin_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "base/http/json_input.hpp"
#include "base/http/request_error.hpp"
#include "base/util/clock.hpp"
#include "platform/api/api_support.hpp"

namespace station::api {
namespace {

using http::Method;
using http::RequestError;

int parse_limit(const http::Request& request, int default_limit, int max_limit) {
    auto text = request.query_param("limit");
    if (!text) return default_limit;
    if (text->empty() || text->size() > 6 ||
        text->find_first_not_of("0123456789") != std::string::npos) {
        throw RequestError(400, "limit", "must be a positive integer");
    }
    int limit = std::stoi(*text);
    if (limit < 1 || limit > max_limit) {
        throw RequestError(400, "limit", "must be between 1 and " + std::to_string(max_limit));
    }
    return limit;
}

std::int64_t parse_after(const http::Request& request) {
    auto text = request.query_param("after");
    if (!text) return 0;
    return parse_id(*text);
}

control::QuotaOverrides read_overrides(const boost::json::object& body) {
    control::QuotaOverrides overrides;
    auto it = body.find("quotas");
    if (it == body.end() || it->value().is_null()) return overrides;
    if (!it->value().is_object()) throw RequestError(422, "quotas", "must be an object");
    http::JsonFields quotas(it->value().as_object(), "quotas");
    constexpr std::int64_t kMax = std::int64_t{1} << 50;
    overrides.max_products = quotas.optional_int("products", 0, kMax);
    overrides.max_staff = quotas.optional_int("staff", 0, kMax);
    overrides.max_storage_bytes = quotas.optional_int("storage_bytes", 0, kMax);
    overrides.requests_per_minute = quotas.optional_int("requests_per_minute", 1, kMax);
    return overrides;
}

boost::json::object audit_json(const control::AuditEntry& e) {
    boost::system::error_code ec;
    boost::json::value detail = boost::json::parse(e.detail, ec);
    boost::json::object out{{"id", e.id},
                            {"at", util::format_iso8601(e.at)},
                            {"actor", e.actor},
                            {"action", e.action},
                            {"detail", ec ? boost::json::value(e.detail) : std::move(detail)}};
    if (e.store_id) out["store_id"] = *e.store_id;
    return out;
}

}  // namespace

http::Response PlatformAdminApi::handle(http::Request& request) {
    auto segments = path_segments(request.path);  // {"platform", "api", …}
    if (segments.size() == 3 && segments[2] == "login" && request.method == Method::Post) {
        return login(request);
    }
    auto token = request.cookie(kAdminSessionCookie);
    auto session = token ? deps_.accounts.authenticate_admin(*token) : std::nullopt;
    if (!session) throw RequestError(401, "session", "log in as a platform admin first");
    if (is_write(request.method)) require_csrf(request, session->session);

    std::string_view resource = segments.size() > 2 ? segments[2] : "";
    if (segments.size() == 3 && resource == "logout" && request.method == Method::Post) {
        deps_.accounts.logout(*token);
        http::Response response = json_response(200, boost::json::object{{"logged_out", true}});
        clear_session_cookie(response, kAdminSessionCookie, request.secure);
        return response;
    }
    if (segments.size() == 3 && resource == "me" && request.method == Method::Get) {
        return json_response(
            200, boost::json::object{
                     {"admin", {{"id", session->admin.id}, {"email", session->admin.email}}},
                     {"csrf_token", session->session.csrf_token}});
    }
    if (segments.size() == 3 && resource == "plans" && request.method == Method::Get) {
        boost::json::array plans;
        for (const auto& plan : deps_.operations.plans()) {
            plans.push_back({{"name", plan.name}, {"quotas", quotas_json(plan.quotas)}});
        }
        return json_response(200, boost::json::object{{"plans", std::move(plans)}});
    }
    if (segments.size() == 3 && resource == "audit" && request.method == Method::Get) {
        std::optional<std::int64_t> store_id;
        if (auto id = request.query_param("store_id")) store_id = parse_id(*id);
        boost::json::array entries;
        for (const auto& e : deps_.operations.audit(store_id, parse_limit(request, 100, 1000))) {
            entries.push_back(audit_json(e));
        }
        return json_response(200, boost::json::object{{"audit", std::move(entries)}});
    }
    if (resource == "stores") {
        if (segments.size() == 3 && request.method == Method::Get) return list_stores(request);
        if (segments.size() >= 4) return store_routes(*session, request, segments);
    }
    throw RequestError(404, "", "no such API route");
}

http::Response PlatformAdminApi::login(http::Request& request) {
    limit_rate(deps_.rate_limiter, "admin-login", request.remote_address, deps_.limits.login);
    boost::json::object body = read_json_body(request);
    http::JsonFields fields(body);
    std::string email = fields.required_string("email", 254);
    std::string password = fields.required_string("password", 1024);
    auto login = deps_.accounts.login_admin(email, password, request.remote_address);
    if (!login) throw RequestError(401, "password", "wrong email or password");
    auto& [admin, grant] = *login;
    http::Response response = json_response(
        200, boost::json::object{{"admin", {{"id", admin.id}, {"email", admin.email}}},
                                 {"csrf_token", grant.csrf_token}});
    set_session_cookie(response, kAdminSessionCookie, grant.token,
                       deps_.accounts.options().session_ttl.count(), request.secure);
    return response;
}

http::Response PlatformAdminApi::list_stores(const http::Request& request) {
    control::StoreSearch search;
    search.text = request.query_param("q").value_or("");
    if (search.text.size() > 200) throw RequestError(400, "q", "must be at most 200 bytes");
    if (auto status = request.query_param("status")) {
        search.status = control::parse_store_status(*status);
        if (!search.status)
            throw RequestError(400, "status", "must be active, suspended or deleted");
    }
    search.limit = parse_limit(request, 50, 250);
    search.after_id = parse_after(request);
    boost::json::array stores;
    std::int64_t last_id = 0;
    auto found = deps_.operations.search(search);
    for (const auto& store : found) {
        stores.push_back(store_json(store, store.handle + "." + deps_.platform_domain));
        last_id = store.id;
    }
    boost::json::object reply{{"stores", std::move(stores)}};
    if (static_cast<int>(found.size()) == search.limit) reply["next_after"] = last_id;
    return json_response(200, reply);
}

http::Response PlatformAdminApi::store_routes(const accounts::AdminSession& session,
                                              http::Request& request,
                                              const std::vector<std::string_view>& segments) {
    std::int64_t store_id = parse_id(segments[3]);
    std::string actor = "admin:" + std::to_string(session.admin.id);
    std::string_view action = segments.size() > 4 ? segments[4] : "";
    Method method = request.method;
    auto reply = [&](const control::StoreRecord& store) {
        return json_response(
            200, boost::json::object{
                     {"store", store_json(store, store.handle + "." + deps_.platform_domain)}});
    };
    if (segments.size() == 4 && method == Method::Get) return reply(deps_.operations.get(store_id));
    if (segments.size() == 4 && method == Method::Delete) {
        return reply(deps_.operations.soft_delete(store_id, actor));
    }
    if (segments.size() == 5 && method == Method::Post &&
        (action == "suspend" || action == "resume")) {
        boost::json::object body = read_json_body(request);
        std::string reason = http::JsonFields(body).required_string("reason", 1000);
        return reply(action == "suspend" ? deps_.operations.suspend(store_id, reason, actor)
                                         : deps_.operations.resume(store_id, reason, actor));
    }
    if (segments.size() == 5 && action == "plan" &&
        (method == Method::Put || method == Method::Post)) {
        boost::json::object body = read_json_body(request);
        std::string plan = http::JsonFields(body).required_string("plan", 64);
        return reply(deps_.operations.set_plan(store_id, plan, read_overrides(body), actor));
    }
    throw RequestError(404, "", "no such API route");
}

}  // namespace station::api

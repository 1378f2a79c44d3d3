#include "platform/api/merchant_api.hpp"

#include <boost/json/array.hpp>

#include "base/http/json_input.hpp"
#include "base/http/request_error.hpp"
#include "base/http/url.hpp"
#include "base/util/clock.hpp"
#include "platform/api/api_support.hpp"

namespace station::api {
namespace {

using http::Method;
using http::RequestError;

std::string actor_of(const accounts::MerchantSession& session) {
    return "merchant:" + std::to_string(session.merchant.id);
}

stores::StoreRequest read_store_request(const http::JsonFields& fields) {
    stores::StoreRequest store;
    store.name = fields.required_string("store_name", 200);
    store.handle = fields.required_string("handle", 100);
    store.currency = fields.optional_string("currency", 8);
    store.locale = fields.optional_string("locale", 35);
    return store;
}

boost::json::object domain_json(const domains::DomainStatus& status) {
    const control::DomainRecord& d = status.domain;
    boost::json::object out{
        {"hostname", d.hostname},
        {"kind", d.kind == control::DomainKind::Platform ? "platform" : "custom"},
        {"primary", d.is_primary},
        {"verified", d.verified_at.has_value()},
    };
    if (d.verified_at) out["verified_at"] = util::format_iso8601(*d.verified_at);
    if (d.verification_method) out["verification_method"] = *d.verification_method;
    if (d.last_check_detail) out["last_check"] = *d.last_check_detail;
    if (!d.verified_at) {
        out["verification"] = boost::json::object{
            {"dns",
             {{"type", "TXT"},
              {"name", "_station-challenge." + d.hostname},
              {"value", status.verification_token}}},
            {"http",
             {{"url", "http://" + d.hostname + "/.well-known/station-challenge/" +
                          status.verification_token},
              {"body", status.verification_token}}},
        };
    }
    return out;
}

boost::json::object token_json(const control::ApiToken& t) {
    boost::json::array scopes(t.scopes.begin(), t.scopes.end());
    boost::json::object out{{"id", t.id},
                            {"label", t.label},
                            {"scopes", std::move(scopes)},
                            {"created_at", util::format_iso8601(t.created_at)}};
    if (t.revoked_at) out["revoked_at"] = util::format_iso8601(*t.revoked_at);
    return out;
}

std::string primary_domain_of(domains::DomainService& domains, std::int64_t store_id) {
    std::string fallback;
    for (const auto& status : domains.list(store_id)) {
        if (status.domain.is_primary && status.domain.verified_at) return status.domain.hostname;
        if (status.domain.kind == control::DomainKind::Platform) fallback = status.domain.hostname;
    }
    return fallback;
}

}  // namespace

http::Response MerchantApi::handle(http::Request& request) {
    auto segments = path_segments(request.path);  // {"api", …}
    if (segments.size() == 2) {
        std::string_view name = segments[1];
        if (name == "signup" && request.method == Method::Post) return signup(request);
        if (name == "login" && request.method == Method::Post) return login(request);
        if (name == "logout" && request.method == Method::Post) return logout(request);
    }
    auto token = request.cookie(kMerchantSessionCookie);
    auto session = token ? deps_.accounts.authenticate_merchant(*token) : std::nullopt;
    if (!session) throw RequestError(401, "session", "log in first");
    if (is_write(request.method)) require_csrf(request, session->session);

    if (segments.size() == 2 && segments[1] == "me" && request.method == Method::Get) {
        return me(*session);
    }
    if (segments.size() >= 2 && segments[1] == "stores") {
        if (segments.size() == 2) {
            if (request.method == Method::Get) return me(*session);
            if (request.method == Method::Post) return create_store(*session, request);
            throw RequestError(405, "", "method not allowed");
        }
        return store_routes(*session, request, segments);
    }
    throw RequestError(404, "", "no such API route");
}

http::Response MerchantApi::signup(http::Request& request) {
    limit_rate(deps_.rate_limiter, "signup", request.remote_address, deps_.limits.signup);
    boost::json::object body = read_json_body(request);
    http::JsonFields fields(body);
    accounts::SignupInput input;
    input.email = fields.required_string("email", 254);
    input.password = fields.required_string("password", 1024);
    input.name = fields.optional_string("name", 200).value_or("");
    input.store = read_store_request(fields);
    accounts::SignupResult result = deps_.accounts.signup(input, request.remote_address);

    boost::json::object reply{
        {"merchant", merchant_json(result.merchant)},
        {"store", store_json(result.store.store, result.store.domain)},
        {"admin_token", result.store.admin_token},
        {"api_secret", result.store.webhook_secret},
        {"csrf_token", result.session.csrf_token},
    };
    http::Response response = json_response(201, reply);
    set_session_cookie(response, kMerchantSessionCookie, result.session.token,
                       deps_.accounts.options().session_ttl.count(), request.secure);
    return response;
}

http::Response MerchantApi::login(http::Request& request) {
    limit_rate(deps_.rate_limiter, "login", request.remote_address, deps_.limits.login);
    boost::json::object body = read_json_body(request);
    http::JsonFields fields(body);
    std::string email = fields.required_string("email", 254);
    std::string password = fields.required_string("password", 1024);
    auto login = deps_.accounts.login(email, password, request.remote_address);
    if (!login) throw RequestError(401, "password", "wrong email or password");
    auto& [merchant, grant] = *login;
    http::Response response =
        json_response(200, boost::json::object{{"merchant", merchant_json(merchant)},
                                               {"csrf_token", grant.csrf_token}});
    set_session_cookie(response, kMerchantSessionCookie, grant.token,
                       deps_.accounts.options().session_ttl.count(), request.secure);
    return response;
}

http::Response MerchantApi::logout(http::Request& request) {
    if (auto token = request.cookie(kMerchantSessionCookie)) {
        if (auto session = deps_.accounts.authenticate_merchant(*token)) {
            require_csrf(request, session->session);
            deps_.accounts.logout(*token);
        }
    }
    http::Response response = http::Response::text(204, "");
    response.headers.erase("Content-Type");
    clear_session_cookie(response, kMerchantSessionCookie, request.secure);
    return response;
}

http::Response MerchantApi::me(const accounts::MerchantSession& session) {
    boost::json::array stores;
    for (const auto& store :
         deps_.operations.stores_of(session.merchant.id, session.merchant.email)) {
        boost::json::object json = store_json(store, primary_domain_of(deps_.domains, store.id));
        json["role"] = store.merchant_id == session.merchant.id ? "owner" : "staff";
        stores.push_back(std::move(json));
    }
    return json_response(200, boost::json::object{{"merchant", merchant_json(session.merchant)},
                                                  {"stores", std::move(stores)},
                                                  {"csrf_token", session.session.csrf_token}});
}

http::Response MerchantApi::create_store(const accounts::MerchantSession& session,
                                         http::Request& request) {
    boost::json::object body = read_json_body(request);
    http::JsonFields fields(body);
    stores::ProvisionedStore created = deps_.provisioning.provision(
        session.merchant.id, read_store_request(fields), actor_of(session));
    return json_response(201, boost::json::object{
                                  {"store", store_json(created.store, created.domain)},
                                  {"admin_token", created.admin_token},
                                  {"api_secret", created.webhook_secret},
                              });
}

http::Response MerchantApi::store_routes(const accounts::MerchantSession& session,
                                         http::Request& request,
                                         const std::vector<std::string_view>& segments) {
    std::int64_t store_id = parse_id(segments[2]);
    control::StoreRecord store = [&] {
        try {
            return deps_.operations.get(store_id);
        } catch (const RequestError&) {
            throw RequestError(404, "store", "no such store");
        }
    }();
    bool owner = store.merchant_id == session.merchant.id;
    bool is_staff = !owner && deps_.operations.is_staff(store_id, session.merchant.email);
    if ((!owner && !is_staff) || store.status == control::StoreStatus::Deleted) {
        throw RequestError(404, "store", "no such store");  // do not reveal other stores
    }
    if (!owner && is_write(request.method)) {
        throw RequestError(403, "store", "only the store's owner may change it");
    }
    StoreCall call{store, request, segments, actor_of(session)};
    std::string_view resource = segments.size() > 3 ? segments[3] : "";
    if (segments.size() == 3 && request.method == Method::Get) {
        return json_response(
            200, boost::json::object{
                     {"store", store_json(store, primary_domain_of(deps_.domains, store_id))}});
    }
    if (resource == "domains") return domain_routes(call);
    if (resource == "staff") return staff_routes(call);
    if (resource == "tokens") return token_routes(call);
    throw RequestError(404, "", "no such API route");
}

// /api/stores/{id}/domains[/{hostname}[/verify|/primary]]
http::Response MerchantApi::domain_routes(const StoreCall& call) {
    const auto& s = call.segments;
    std::int64_t store_id = call.store.id;
    Method method = call.request.method;
    if (s.size() == 4 && method == Method::Get) {
        boost::json::array list;
        for (const auto& d : deps_.domains.list(store_id))
            list.push_back(domain_json(d));
        return json_response(200, boost::json::object{{"domains", std::move(list)}});
    }
    if (s.size() == 4 && method == Method::Post) {
        boost::json::object body = read_json_body(call.request);
        std::string domain = http::JsonFields(body).required_string("domain", 300);
        return json_response(
            201, boost::json::object{
                     {"domain", domain_json(deps_.domains.add(store_id, domain, call.actor))}});
    }
    if (s.size() == 5 && method == Method::Delete) {
        deps_.domains.remove(store_id, s[4], call.actor);
        return json_response(200, boost::json::object{{"removed", s[4]}});
    }
    if (s.size() == 6 && s[5] == "verify" && method == Method::Post) {
        auto outcome = deps_.domains.verify(store_id, s[4], call.actor);
        boost::json::object json = domain_json(outcome.status);
        json["check"] = outcome.result.detail;
        return json_response(outcome.result.verified ? 200 : 422,
                             boost::json::object{{"domain", std::move(json)}});
    }
    if (s.size() == 6 && s[5] == "primary" && method == Method::Post) {
        auto primary = deps_.domains.make_primary(store_id, s[4], call.actor);
        return json_response(200, boost::json::object{{"domain", domain_json(primary)}});
    }
    throw RequestError(404, "", "no such API route");
}

// /api/stores/{id}/staff[/{email}]
http::Response MerchantApi::staff_routes(const StoreCall& call) {
    const auto& s = call.segments;
    Method method = call.request.method;
    if (s.size() == 4 && method == Method::Get) {
        auto emails = deps_.operations.staff(call.store.id);
        return json_response(
            200, boost::json::object{{"staff", boost::json::array(emails.begin(), emails.end())}});
    }
    if (s.size() == 4 && method == Method::Post) {
        boost::json::object body = read_json_body(call.request);
        std::string email = http::JsonFields(body).required_string("email", 254);
        deps_.operations.add_staff(call.store.id, email, call.actor);
        return json_response(201, boost::json::object{{"email", email}});
    }
    if (s.size() == 5 && method == Method::Delete) {
        auto email = http::percent_decode(s[4]);
        if (!email) throw RequestError(404, "email", "not found");
        deps_.operations.remove_staff(call.store.id, *email, call.actor);
        return json_response(200, boost::json::object{{"removed", *email}});
    }
    throw RequestError(404, "", "no such API route");
}

// /api/stores/{id}/tokens[/{token id}]
http::Response MerchantApi::token_routes(const StoreCall& call) {
    const auto& s = call.segments;
    Method method = call.request.method;
    if (s.size() == 4 && method == Method::Get) {
        boost::json::array list;
        for (const auto& t : deps_.tokens.list(call.store.id))
            list.push_back(token_json(t));
        return json_response(200, boost::json::object{{"tokens", std::move(list)}});
    }
    if (s.size() == 4 && method == Method::Post) {
        boost::json::object body = read_json_body(call.request);
        std::string label = http::JsonFields(body).required_string("label", 100);
        auto it = body.find("scopes");
        if (it == body.end() || !it->value().is_array()) {
            throw RequestError(422, "scopes", "must be an array of scope names");
        }
        std::vector<std::string> scopes;
        for (const auto& scope : it->value().as_array()) {
            if (!scope.is_string()) throw RequestError(422, "scopes", "must be strings");
            scopes.emplace_back(scope.as_string());
        }
        stores::IssuedToken issued = deps_.tokens.issue(call.store.id, label, scopes, call.actor);
        boost::json::object json = token_json(issued.token);
        json["access_token"] = issued.plaintext;
        return json_response(201, boost::json::object{{"token", std::move(json)}});
    }
    if (s.size() == 5 && method == Method::Delete) {
        std::int64_t token_id = parse_id(s[4]);
        deps_.tokens.revoke(call.store.id, token_id, call.actor);
        return json_response(200, boost::json::object{{"revoked", token_id}});
    }
    throw RequestError(404, "", "no such API route");
}

}  // namespace station::api

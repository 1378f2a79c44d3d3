// webhooks.json, webhooks/count.json, webhooks/{id}.json, and the delivery log
// webhooks/{id}/deliveries.json (a Station extension).

#include "base/util/clock.hpp"
#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/webhooks/subscriptions.hpp"

namespace station::tenant {
namespace {

boost::json::value time_or_null(const std::optional<std::int64_t>& t) {
    if (!t) return nullptr;
    return boost::json::value(util::format_iso8601(*t));
}

boost::json::object webhook_to_json(const Subscription& s) {
    boost::json::array fields;
    for (const auto& f : s.fields)
        fields.push_back(boost::json::string(f));
    return {{"id", s.id},
            {"address", s.address},
            {"topic", s.topic},
            {"created_at", util::format_iso8601(s.created_at)},
            {"updated_at", util::format_iso8601(s.updated_at)},
            {"format", s.format},
            {"fields", std::move(fields)},
            {"metafield_namespaces", boost::json::array()},
            {"api_version", s.api_version},
            {"private_metafield_namespaces", boost::json::array()},
            {"status", s.status},
            {"disabled_reason", s.disabled_reason ? boost::json::value(*s.disabled_reason)
                                                  : boost::json::value(nullptr)},
            {"disabled_at", time_or_null(s.disabled_at)},
            {"failed_attempts", s.failed_attempts},
            {"next_attempt_at", time_or_null(s.next_attempt_at)},
            {"cursor", s.cursor_seq}};
}

boost::json::object delivery_to_json(const DeliveryAttempt& d) {
    return {{"id", d.id},
            {"webhook_id", d.webhook_id},
            {"subscription_id", d.subscription_id},
            {"event_id", d.event_seq},
            {"attempt", d.attempt},
            {"attempted_at", util::format_iso8601(d.attempted_at)},
            {"response_status", d.response_status ? boost::json::value(*d.response_status)
                                                  : boost::json::value(nullptr)},
            {"error", d.error ? boost::json::value(*d.error) : boost::json::value(nullptr)},
            {"duration_ms", d.duration_ms},
            {"outcome", d.outcome}};
}

SubscriptionInput read_input(const AdminCall& call, bool creating) {
    boost::json::object j = body_root(call, "webhook");
    SubscriptionInput in;
    if (auto t = j.find("topic"); t != j.end()) in.topic = json_text(t->value(), "topic", 64);
    if (auto a = j.find("address"); a != j.end())
        in.address = json_text(a->value(), "address", 2048);
    if (auto f = j.find("format"); f != j.end()) in.format = json_text(f->value(), "format", 16);
    if (auto f = j.find("fields"); f != j.end() && !f->value().is_null()) {
        if (!f->value().is_array()) throw AdminError::invalid("fields", "must be an array");
        std::vector<std::string> fields;
        for (const auto& v : f->value().as_array())
            fields.push_back(json_text(v, "fields", 255));
        in.fields = std::move(fields);
    }
    if (creating || in.address) in.api_version = call.api_version;
    if (in.address && call.services.check_webhook_address) {
        if (auto problem = call.services.check_webhook_address(*in.address)) {
            throw AdminError::invalid("address", *problem);
        }
    }
    return in;
}

SubscriptionFilter filter_of(const QueryParams& q) {
    return {q.text("topic"), q.text("address"), q.integer("since_id").value_or(0)};
}

http::Response handle_list(AdminCall& call) {
    ListRequest request = parse_list_request(call);
    SubscriptionFilter filter = filter_of(request.params);
    auto subs = call.runtime.with_db([&](sql::Database& db) {
        return list_subscriptions(db, filter, request.fetch_limit(), request.page.after_id,
                                  request.page.before_id);
    });
    PageLinks links = settle_page(subs, request, [](const Subscription& s) { return s.id; });
    boost::json::array items;
    for (const auto& s : subs)
        items.push_back(webhook_to_json(s));
    return list_response(call, request, "webhooks", std::move(items), links);
}

http::Response handle_count(AdminCall& call) {
    SubscriptionFilter filter = filter_of(QueryParams(call.request.query));
    auto n =
        call.runtime.with_db([&](sql::Database& db) { return count_subscriptions(db, filter); });
    return admin_json(200, "count", n);
}

http::Response handle_get(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    auto s = call.runtime.with_db([&](sql::Database& db) { return find_subscription(db, id); });
    if (!s) throw AdminError::not_found();
    return object_response(call, 200, "webhook", webhook_to_json(*s));
}

http::Response handle_create(AdminCall& call) {
    SubscriptionInput input = read_input(call, true);
    Subscription s = write_store(call, [&](sql::Database& db) {
        return checked(
            create_subscription(db, call.runtime.directory(), input, call.clock.unix_seconds()));
    });
    return object_response(call, 201, "webhook", webhook_to_json(s));
}

http::Response handle_update(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    SubscriptionInput input = read_input(call, false);
    auto s = write_store(call, [&](sql::Database& db) {
        return checked(update_subscription(db, id, input, call.clock.unix_seconds()));
    });
    if (!s) throw AdminError::not_found();
    return object_response(call, 200, "webhook", webhook_to_json(*s));
}

http::Response handle_delete(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    bool deleted = write_store(call, [&](sql::Database& db) {
        return delete_subscription(db, call.runtime.directory(), id);
    });
    if (!deleted) throw AdminError::not_found();
    return http::Response::json(200, "{}");
}

http::Response handle_deliveries(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    QueryParams q(call.request.query);
    int limit = static_cast<int>(std::clamp<std::int64_t>(q.integer("limit").value_or(50), 1, 250));
    std::int64_t before = q.integer("before_id").value_or(0);
    auto deliveries = call.runtime.with_db([&](sql::Database& db) {
        if (!find_subscription(db, id)) throw AdminError::not_found();
        return list_deliveries(db, id, limit, before);
    });
    boost::json::array items;
    for (const auto& d : deliveries)
        items.push_back(delivery_to_json(d));
    return admin_json(200, "deliveries", std::move(items));
}

}  // namespace

std::vector<AdminRoute> webhook_routes() {
    // Shopify lets any token manage its own webhooks; here the store's webhooks are shared by its
    // tokens, so reading needs no scope and writing needs write access to something webhooks
    // report on.
    return {
        {http::Method::Get, {"webhooks"}, "", handle_list},
        {http::Method::Post, {"webhooks"}, "", handle_create},
        {http::Method::Get, {"webhooks", "count"}, "", handle_count},
        {http::Method::Get, {"webhooks", "*"}, "", handle_get},
        {http::Method::Put, {"webhooks", "*"}, "", handle_update},
        {http::Method::Delete, {"webhooks", "*"}, "", handle_delete},
        {http::Method::Get, {"webhooks", "*", "deliveries"}, "", handle_deliveries},
    };
}

}  // namespace station::tenant

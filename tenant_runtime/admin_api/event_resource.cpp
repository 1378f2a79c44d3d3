// events.json (the store's ordered event log, replayable with ?after=<seq>), events/count.json,
// events/{seq}.json.

#include <boost/json/parse.hpp>

#include "base/util/clock.hpp"
#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/events/event_log.hpp"

namespace station::tenant {
namespace {

boost::json::object event_to_json(const EventRecord& e) {
    auto slash = e.topic.find('/');
    boost::system::error_code ec;
    boost::json::value payload = boost::json::parse(e.payload, ec);
    if (ec) payload = nullptr;
    return {{"id", e.seq},
            {"seq", e.seq},
            {"topic", e.topic},
            {"subject_type", e.subject_type},
            {"subject_id",
             e.subject_id ? boost::json::value(*e.subject_id) : boost::json::value(nullptr)},
            {"verb", slash == std::string::npos ? e.topic : e.topic.substr(slash + 1)},
            {"created_at", util::format_iso8601(e.created_at)},
            {"payload", std::move(payload)}};
}

EventQuery query_of(const QueryParams& q) {
    EventQuery query;
    query.after_seq = std::max(q.integer("after").value_or(0), q.integer("since_id").value_or(0));
    query.topic = q.text("topic");
    query.subject_type = q.text("filter");
    if (!query.subject_type) query.subject_type = q.text("subject_type");
    query.subject_id = q.integer("subject_id");
    query.created_at_min = q.time("created_at_min");
    query.created_at_max = q.time("created_at_max");
    return query;
}

http::Response handle_list(AdminCall& call) {
    ListRequest request = parse_list_request(call);
    if (request.page.before_id > 0) {
        throw AdminError(400,
                         boost::json::object{{"page_info", "the event log pages forwards only"}});
    }
    EventQuery query = query_of(request.params);
    query.after_seq = std::max(query.after_seq, request.page.after_id);
    query.limit = request.fetch_limit();
    auto events = call.runtime.with_db([&](sql::Database& db) { return read_events(db, query); });
    PageLinks links;
    if (events.size() > static_cast<std::size_t>(request.page.limit)) {
        events.pop_back();
        links.next_after = events.back().seq;
    }
    boost::json::array items;
    for (const auto& e : events)
        items.push_back(event_to_json(e));
    return list_response(call, request, "events", std::move(items), links);
}

http::Response handle_count(AdminCall& call) {
    EventQuery query = query_of(QueryParams(call.request.query));
    auto n = call.runtime.with_db([&](sql::Database& db) { return count_events(db, query); });
    return admin_json(200, "count", n);
}

http::Response handle_get(AdminCall& call) {
    std::int64_t seq = path_id(call, 1);
    auto e = call.runtime.with_db([&](sql::Database& db) { return find_event(db, seq); });
    if (!e) throw AdminError::not_found();
    return object_response(call, 200, "event", event_to_json(*e));
}

}  // namespace

std::vector<AdminRoute> event_routes() {
    // Events reveal every kind of store data, so reading them needs the broadest read scope an
    // app can hold for the catalog; Shopify gates its events the same way.
    return {
        {http::Method::Get, {"events"}, "read_products", handle_list},
        {http::Method::Get, {"events", "count"}, "read_products", handle_count},
        {http::Method::Get, {"events", "*"}, "read_products", handle_get},
    };
}

}  // namespace station::tenant

// metafields.json (the shop's), metafields/{id}.json, and <owner>/{id}/metafields[...].json for
// products, variants, collections, customers and orders.

#include <boost/json/serialize.hpp>

#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/metafields/metafield_json.hpp"
#include "tenant_runtime/metafields/metafields.hpp"

namespace station::tenant {
namespace {

struct OwnerPath {
    std::string segment;   // "products"
    std::string resource;  // "product"
    std::string read_scope;
    std::string write_scope;
};

const std::vector<OwnerPath>& owner_paths() {
    static const std::vector<OwnerPath> paths = {
        {"products", "product", "read_products", "write_products"},
        {"variants", "variant", "read_products", "write_products"},
        {"custom_collections", "collection", "read_products", "write_products"},
        {"smart_collections", "collection", "read_products", "write_products"},
        {"collections", "collection", "read_products", "write_products"},
        {"customers", "customer", "read_customers", "write_customers"},
        {"orders", "order", "read_orders", "write_orders"},
    };
    return paths;
}

// The owner named by the path: shop for /metafields…, else <segment>/{id}/metafields….
MetafieldOwner owner_of(const AdminCall& call) {
    if (call.segments[0] == "metafields") return {"shop", 0};
    for (const auto& p : owner_paths()) {
        if (p.segment == call.segments[0]) return {p.resource, path_id(call, 1)};
    }
    throw AdminError::not_found();
}

void require_owner(sql::Database& db, const MetafieldOwner& owner) {
    if (!metafield_owner_exists(db, owner)) throw AdminError::not_found();
}

MetafieldInput read_input(const boost::json::object& j, bool creating) {
    MetafieldInput in;
    auto text = [&](std::string_view name, std::size_t max) -> std::string {
        auto it = j.find(name);
        if (it == j.end() || it->value().is_null()) return {};
        if (name == "value" && !it->value().is_string()) {
            // Numbers and booleans are sent bare by many clients; store their JSON text.
            return boost::json::serialize(it->value());
        }
        return json_text(it->value(), name, max);
    };
    in.namespace_ = text("namespace", 255);
    in.key = text("key", 64);
    in.type = text("type", 64);
    if (in.type.empty()) in.type = text("value_type", 64);
    if (in.type == "string") in.type = "single_line_text_field";
    if (in.type == "integer") in.type = "number_integer";
    in.value = text("value", 512 * 1024);
    if (auto d = j.find("description"); d != j.end() && !d->value().is_null()) {
        in.description = json_text(d->value(), "description", 255);
    }
    if (!j.contains("value")) throw AdminError::invalid("value", "can't be blank");
    if (creating && in.type.empty()) throw AdminError::invalid("type", "can't be blank");
    return in;
}

http::Response list(AdminCall& call) {
    MetafieldOwner owner = owner_of(call);
    ListRequest request = parse_list_request(call);
    MetafieldFilter filter{request.params.text("namespace"), request.params.text("key"),
                           request.params.integer("since_id").value_or(0)};
    auto metafields = call.runtime.with_db([&](sql::Database& db) {
        require_owner(db, owner);
        return list_metafields(db, owner, filter, request.fetch_limit(), request.page.after_id,
                               request.page.before_id);
    });
    PageLinks links = settle_page(metafields, request, [](const Metafield& m) { return m.id; });
    boost::json::array items;
    for (const auto& m : metafields)
        items.push_back(metafield_to_json(m));
    return list_response(call, request, "metafields", std::move(items), links);
}

http::Response count(AdminCall& call) {
    MetafieldOwner owner = owner_of(call);
    QueryParams q(call.request.query);
    MetafieldFilter filter{q.text("namespace"), q.text("key"), 0};
    auto n = call.runtime.with_db([&](sql::Database& db) {
        require_owner(db, owner);
        return count_metafields(db, owner, filter);
    });
    return admin_json(200, "count", n);
}

http::Response create(AdminCall& call) {
    MetafieldOwner owner = owner_of(call);
    MetafieldInput input = read_input(body_root(call, "metafield"), true);
    Metafield m = write_store(call, [&](sql::Database& db) {
        require_owner(db, owner);
        return checked(upsert_metafield(db, owner, input, call.clock.unix_seconds()));
    });
    return object_response(call, 201, "metafield", metafield_to_json(m));
}

std::optional<MetafieldOwner> scoped_owner(const AdminCall& call) {
    if (call.segments[0] == "metafields") return std::nullopt;
    return owner_of(call);
}

std::int64_t metafield_id(const AdminCall& call) {
    return path_id(call, call.segments.size() - 1);
}

http::Response get(AdminCall& call) {
    auto owner = scoped_owner(call);
    std::int64_t id = metafield_id(call);
    auto m = call.runtime.with_db([&](sql::Database& db) { return find_metafield(db, id); });
    if (!m || (owner && (m->owner.resource != owner->resource || m->owner.id != owner->id))) {
        throw AdminError::not_found();
    }
    return object_response(call, 200, "metafield", metafield_to_json(*m));
}

http::Response update(AdminCall& call) {
    auto owner = scoped_owner(call);
    std::int64_t id = metafield_id(call);
    MetafieldInput input = read_input(body_root(call, "metafield"), false);
    auto m = write_store(call, [&](sql::Database& db) {
        return checked(update_metafield(db, id, owner, input, call.clock.unix_seconds()));
    });
    if (!m) throw AdminError::not_found();
    return object_response(call, 200, "metafield", metafield_to_json(*m));
}

http::Response remove(AdminCall& call) {
    auto owner = scoped_owner(call);
    std::int64_t id = metafield_id(call);
    bool deleted = write_store(call, [&](sql::Database& db) {
        return delete_metafield(db, id, owner, call.clock.unix_seconds());
    });
    if (!deleted) throw AdminError::not_found();
    return http::Response::json(200, "{}");
}

}  // namespace

std::vector<AdminRoute> metafield_routes() {
    std::vector<AdminRoute> routes = {
        {http::Method::Get, {"metafields"}, "read_content", list},
        {http::Method::Post, {"metafields"}, "write_content", create},
        {http::Method::Get, {"metafields", "count"}, "read_content", count},
        {http::Method::Get, {"metafields", "*"}, "read_content", get},
        {http::Method::Put, {"metafields", "*"}, "write_content", update},
        {http::Method::Delete, {"metafields", "*"}, "write_content", remove},
    };
    for (const auto& p : owner_paths()) {
        routes.push_back({http::Method::Get, {p.segment, "*", "metafields"}, p.read_scope, list});
        routes.push_back(
            {http::Method::Post, {p.segment, "*", "metafields"}, p.write_scope, create});
        routes.push_back(
            {http::Method::Get, {p.segment, "*", "metafields", "count"}, p.read_scope, count});
        routes.push_back(
            {http::Method::Get, {p.segment, "*", "metafields", "*"}, p.read_scope, get});
        routes.push_back(
            {http::Method::Put, {p.segment, "*", "metafields", "*"}, p.write_scope, update});
        routes.push_back(
            {http::Method::Delete, {p.segment, "*", "metafields", "*"}, p.write_scope, remove});
    }
    return routes;
}

}  // namespace station::tenant

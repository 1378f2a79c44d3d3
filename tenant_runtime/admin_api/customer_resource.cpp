// customers.json, customers/count.json, customers/search.json, customers/{id}.json and
// customers/{id}/addresses[...].json

#include "tenant_runtime/admin_api/admin_support.hpp"
#include "tenant_runtime/admin_api/resources.hpp"
#include "tenant_runtime/customers/customer_json.hpp"
#include "tenant_runtime/customers/customers.hpp"

namespace station::tenant {
namespace {

std::optional<std::string> nullable(const boost::json::value& v, std::string_view field,
                                    std::size_t max) {
    if (v.is_null()) return std::nullopt;
    std::string text = json_text(v, field, max);
    if (text.empty()) return std::nullopt;
    return text;
}

void read_address_json(const boost::json::object& j, AddressInput& a) {
    for (const auto& [key, value] : j) {
        auto text = [&](std::size_t max) {
            return value.is_null() ? std::string() : json_text(value, key, max);
        };
        if (key == "first_name")
            a.first_name = text(255);
        else if (key == "last_name")
            a.last_name = text(255);
        else if (key == "company")
            a.company = nullable(value, "company", 255);
        else if (key == "address1")
            a.address1 = text(255);
        else if (key == "address2")
            a.address2 = nullable(value, "address2", 255);
        else if (key == "city")
            a.city = text(255);
        else if (key == "province")
            a.province = nullable(value, "province", 255);
        else if (key == "province_code")
            a.province_code = nullable(value, "province_code", 16);
        else if (key == "country")
            a.country = nullable(value, "country", 255);
        else if (key == "country_code")
            a.country_code = nullable(value, "country_code", 2);
        else if (key == "zip")
            a.zip = nullable(value, "zip", 32);
        else if (key == "phone")
            a.phone = nullable(value, "phone", 64);
        else if (key == "default")
            a.is_default = json_bool(value, "default");
        else if (key == "id" && !value.is_null())
            a.id = json_integer(value, "id");
    }
}

MarketingConsent read_consent(const boost::json::value& v, std::string_view field) {
    if (!v.is_object()) throw AdminError::invalid(field, "must be an object");
    const auto& o = v.as_object();
    MarketingConsent c;
    if (auto s = o.find("state"); s != o.end()) c.state = json_text(s->value(), field, 32);
    if (auto l = o.find("opt_in_level"); l != o.end())
        c.opt_in_level = nullable(l->value(), field, 32);
    if (auto t = o.find("consent_updated_at"); t != o.end() && !t->value().is_null()) {
        auto parsed = parse_iso8601(json_text(t->value(), field, 64));
        if (!parsed) throw AdminError::invalid(field, "consent_updated_at must be ISO 8601");
        c.consent_updated_at = parsed;
    }
    for (std::string_view key : {"source", "consent_collected_from"}) {
        if (auto s = o.find(key); s != o.end()) c.source = nullable(s->value(), field, 64);
    }
    return c;
}

void read_customer_json(const boost::json::object& j, CustomerInput& in) {
    for (const auto& [key, value] : j) {
        if (key == "email")
            in.email = nullable(value, "email", 255);
        else if (key == "first_name")
            in.first_name = value.is_null() ? "" : json_text(value, key, 255);
        else if (key == "last_name")
            in.last_name = value.is_null() ? "" : json_text(value, key, 255);
        else if (key == "phone")
            in.phone = nullable(value, "phone", 64);
        else if (key == "tags")
            in.tags = value.is_null() ? "" : json_text(value, "tags", 64 * 1024);
        else if (key == "note")
            in.note = nullable(value, "note", 5000);
        else if (key == "locale")
            in.locale = nullable(value, "locale", 16);
        else if (key == "currency")
            in.currency = nullable(value, "currency", 3);
        else if (key == "verified_email")
            in.verified_email = json_bool(value, "verified_email");
        else if (key == "tax_exempt")
            in.tax_exempt = json_bool(value, "tax_exempt");
        else if (key == "state" && !value.is_null())
            in.state = json_text(value, "state", 16);
        else if (key == "email_marketing_consent" && !value.is_null()) {
            in.email_marketing = read_consent(value, "email_marketing_consent");
        } else if (key == "sms_marketing_consent" && !value.is_null()) {
            in.sms_marketing = read_consent(value, "sms_marketing_consent");
        } else if (key == "accepts_marketing" && !j.contains("email_marketing_consent")) {
            MarketingConsent c;
            c.state = json_bool(value, "accepts_marketing") ? "subscribed" : "not_subscribed";
            c.opt_in_level = "single_opt_in";
            in.email_marketing = c;
        } else if (key == "addresses") {
            if (!value.is_array()) throw AdminError::invalid("addresses", "must be an array");
            std::vector<AddressInput> addresses;
            for (const auto& a : value.as_array()) {
                if (!a.is_object()) throw AdminError::invalid("addresses", "must be objects");
                AddressInput address;
                read_address_json(a.as_object(), address);
                addresses.push_back(std::move(address));
            }
            in.addresses = std::move(addresses);
        }
    }
    if (in.email_marketing && !in.email_marketing->source) in.email_marketing->source = "admin";
}

CustomerFilter customer_filter(const QueryParams& q) {
    CustomerFilter f;
    f.ids = q.ids("ids");
    f.since_id = q.integer("since_id").value_or(0);
    f.created_at_min = q.time("created_at_min");
    f.created_at_max = q.time("created_at_max");
    f.updated_at_min = q.time("updated_at_min");
    f.updated_at_max = q.time("updated_at_max");
    return f;
}

http::Response handle_list(AdminCall& call) {
    ListRequest request = parse_list_request(call);
    CustomerFilter filter = customer_filter(request.params);
    int exponent = currency_exponent(call.store);
    auto customers = call.runtime.with_db([&](sql::Database& db) {
        return list_customers(db, filter, request.fetch_limit(), request.page.after_id,
                              request.page.before_id);
    });
    PageLinks links = settle_page(customers, request, [](const Customer& c) { return c.id; });
    boost::json::array items;
    for (const auto& c : customers)
        items.push_back(customer_to_json(c, exponent));
    return list_response(call, request, "customers", std::move(items), links);
}

http::Response handle_count(AdminCall& call) {
    CustomerFilter filter = customer_filter(QueryParams(call.request.query));
    auto count =
        call.runtime.with_db([&](sql::Database& db) { return count_customers(db, filter); });
    return admin_json(200, "count", count);
}

http::Response handle_search(AdminCall& call) {
    QueryParams q(call.request.query);
    std::string query = q.text("query").value_or("");
    int limit = static_cast<int>(std::clamp<std::int64_t>(q.integer("limit").value_or(50), 1, 250));
    int offset = static_cast<int>(std::min<std::int64_t>(q.integer("offset").value_or(0), 100000));
    int exponent = currency_exponent(call.store);
    auto customers = call.runtime.with_db(
        [&](sql::Database& db) { return search_customers(db, query, limit, offset); });
    boost::json::array items;
    for (const auto& c : customers)
        items.push_back(customer_to_json(c, exponent));
    return admin_json(200, "customers", std::move(items));
}

http::Response handle_get(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    auto c = call.runtime.with_db([&](sql::Database& db) { return find_customer(db, id); });
    if (!c) throw AdminError::not_found();
    return object_response(call, 200, "customer",
                           customer_to_json(*c, currency_exponent(call.store)));
}

http::Response handle_create(AdminCall& call) {
    boost::json::object json = body_root(call, "customer");
    CustomerInput input;
    read_customer_json(json, input);
    int exponent = currency_exponent(call.store);
    Customer c = write_store(call, [&](sql::Database& db) {
        return checked(create_customer(db, input, call.clock.unix_seconds(), exponent));
    });
    return object_response(call, 201, "customer", customer_to_json(c, exponent));
}

http::Response handle_update(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    boost::json::object json = body_root(call, "customer");
    int exponent = currency_exponent(call.store);
    auto c = write_store(call, [&](sql::Database& db) {
        auto existing = find_customer(db, id);
        if (!existing) throw AdminError::not_found();
        CustomerInput input = input_from(*existing);
        read_customer_json(json, input);
        return checked(update_customer(db, id, input, call.clock.unix_seconds(), exponent));
    });
    if (!c) throw AdminError::not_found();
    return object_response(call, 200, "customer", customer_to_json(*c, exponent));
}

http::Response handle_delete(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    bool deleted = write_store(call, [&](sql::Database& db) {
        return delete_customer(db, id, call.clock.unix_seconds());
    });
    if (!deleted) throw AdminError::not_found();
    return http::Response::json(200, "{}");
}

Customer load_customer(sql::Database& db, std::int64_t id) {
    auto c = find_customer(db, id);
    if (!c) throw AdminError::not_found();
    return std::move(*c);
}

http::Response addresses_list(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    Customer c = call.runtime.with_db([&](sql::Database& db) { return load_customer(db, id); });
    boost::json::array items;
    for (const auto& a : c.addresses)
        items.push_back(address_to_json(a));
    return admin_json(200, "addresses", std::move(items));
}

http::Response addresses_get(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    std::int64_t address_id = path_id(call, 3);
    auto a =
        call.runtime.with_db([&](sql::Database& db) { return find_address(db, id, address_id); });
    if (!a) throw AdminError::not_found();
    return admin_json(200, "customer_address", address_to_json(*a));
}

http::Response addresses_create(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    boost::json::object json = body_root(call, "address");
    AddressInput input;
    read_address_json(json, input);
    input.id.reset();
    int exponent = currency_exponent(call.store);
    auto a = write_store(call, [&](sql::Database& db) {
        return checked(add_address(db, id, input, call.clock.unix_seconds(), exponent));
    });
    if (!a) throw AdminError::not_found();
    return admin_json(201, "customer_address", address_to_json(*a));
}

http::Response addresses_update(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    std::int64_t address_id = path_id(call, 3);
    boost::json::object json = body_root(call, "address");
    int exponent = currency_exponent(call.store);
    auto a = write_store(call, [&](sql::Database& db) {
        auto existing = find_address(db, id, address_id);
        if (!existing) throw AdminError::not_found();
        AddressInput input = *existing;
        input.is_default = false;
        read_address_json(json, input);
        return checked(
            update_address(db, id, address_id, input, call.clock.unix_seconds(), exponent));
    });
    if (!a) throw AdminError::not_found();
    return admin_json(200, "customer_address", address_to_json(*a));
}

http::Response addresses_delete(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    std::int64_t address_id = path_id(call, 3);
    int exponent = currency_exponent(call.store);
    bool deleted = write_store(call, [&](sql::Database& db) {
        return checked(delete_address(db, id, address_id, call.clock.unix_seconds(), exponent));
    });
    if (!deleted) throw AdminError::not_found();
    return http::Response::json(200, "{}");
}

http::Response addresses_default(AdminCall& call) {
    std::int64_t id = path_id(call, 1);
    std::int64_t address_id = path_id(call, 3);
    int exponent = currency_exponent(call.store);
    auto a = write_store(call, [&](sql::Database& db) {
        return checked(
            make_default_address(db, id, address_id, call.clock.unix_seconds(), exponent));
    });
    if (!a) throw AdminError::not_found();
    return admin_json(200, "customer_address", address_to_json(*a));
}

}  // namespace

std::vector<AdminRoute> customer_routes() {
    return {
        {http::Method::Get, {"customers"}, "read_customers", handle_list},
        {http::Method::Post, {"customers"}, "write_customers", handle_create},
        {http::Method::Get, {"customers", "count"}, "read_customers", handle_count},
        {http::Method::Get, {"customers", "search"}, "read_customers", handle_search},
        {http::Method::Get, {"customers", "*"}, "read_customers", handle_get},
        {http::Method::Put, {"customers", "*"}, "write_customers", handle_update},
        {http::Method::Delete, {"customers", "*"}, "write_customers", handle_delete},
        {http::Method::Get, {"customers", "*", "addresses"}, "read_customers", addresses_list},
        {http::Method::Post, {"customers", "*", "addresses"}, "write_customers", addresses_create},
        {http::Method::Get, {"customers", "*", "addresses", "*"}, "read_customers", addresses_get},
        {http::Method::Put,
         {"customers", "*", "addresses", "*"},
         "write_customers",
         addresses_update},
        {http::Method::Delete,
         {"customers", "*", "addresses", "*"},
         "write_customers",
         addresses_delete},
        {http::Method::Put,
         {"customers", "*", "addresses", "*", "default"},
         "write_customers",
         addresses_default},
    };
}

}  // namespace station::tenant

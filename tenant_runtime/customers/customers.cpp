#include "tenant_runtime/customers/customers.hpp"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "base/util/strings.hpp"
#include "tenant_runtime/catalog/tags.hpp"
#include "tenant_runtime/customers/customer_json.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/events/write_scope.hpp"
#include "tenant_runtime/search/product_search.hpp"

namespace station::tenant {
namespace {

constexpr std::string_view kColumns =
    "id, email, first_name, last_name, phone, tags, note, state, verified_email, tax_exempt, "
    "locale, currency, email_marketing_state, email_marketing_opt_in_level, "
    "email_marketing_consent_updated_at, email_marketing_source, sms_marketing_state, "
    "sms_marketing_consent_updated_at, sms_marketing_source, orders_count, total_spent_minor, "
    "last_order_id, created_at, updated_at";

Customer read_customer(const sql::Row& r) {
    Customer c;
    c.id = r.int64(0);
    c.email = r.optional_string(1);
    c.first_name = r.string(2);
    c.last_name = r.string(3);
    c.phone = r.optional_string(4);
    c.tags = r.string(5);
    c.note = r.optional_string(6);
    c.state = r.string(7);
    c.verified_email = r.int64(8) != 0;
    c.tax_exempt = r.int64(9) != 0;
    c.locale = r.optional_string(10);
    c.currency = r.optional_string(11);
    c.email_marketing = {r.string(12), r.optional_string(13), r.optional_int64(14),
                         r.optional_string(15)};
    c.sms_marketing = {r.string(16), std::nullopt, r.optional_int64(17), r.optional_string(18)};
    c.orders_count = r.int64(19);
    c.total_spent_minor = r.int64(20);
    c.last_order_id = r.optional_int64(21);
    c.created_at = r.int64(22);
    c.updated_at = r.int64(23);
    return c;
}

constexpr std::string_view kAddressColumns =
    "id, customer_id, first_name, last_name, company, address1, address2, city, province, "
    "province_code, country, country_code, zip, phone, is_default";

Address read_address(const sql::Row& r) {
    Address a;
    a.id = r.int64(0);
    a.customer_id = r.int64(1);
    a.first_name = r.string(2);
    a.last_name = r.string(3);
    a.company = r.optional_string(4);
    a.address1 = r.string(5);
    a.address2 = r.optional_string(6);
    a.city = r.string(7);
    a.province = r.optional_string(8);
    a.province_code = r.optional_string(9);
    a.country = r.optional_string(10);
    a.country_code = r.optional_string(11);
    a.zip = r.optional_string(12);
    a.phone = r.optional_string(13);
    a.is_default = r.int64(14) != 0;
    return a;
}

void load_addresses(sql::Database& db, Customer& c) {
    auto row = db.query("SELECT " + std::string(kAddressColumns) +
                            " FROM customer_addresses WHERE customer_id = ? ORDER BY id",
                        {c.id});
    while (row.next())
        c.addresses.push_back(read_address(row));
}

bool valid_consent_state(std::string_view s) {
    return s == "subscribed" || s == "not_subscribed" || s == "unsubscribed" || s == "pending";
}

std::optional<FieldError> check_input(const CustomerInput& in) {
    if (!in.email && !in.phone && in.first_name.empty() && in.last_name.empty()) {
        return FieldError{"base", "A name, phone or email address must be present"};
    }
    if (in.email && (in.email->find('@') == std::string::npos || in.email->size() < 3)) {
        return FieldError{"email", "is invalid"};
    }
    for (const auto* consent : {&in.email_marketing, &in.sms_marketing}) {
        if (*consent && !valid_consent_state((*consent)->state)) {
            return FieldError{consent == &in.email_marketing ? "email_marketing_consent"
                                                             : "sms_marketing_consent",
                              "state must be subscribed, not_subscribed, unsubscribed or pending"};
        }
    }
    if (in.state != "disabled" && in.state != "invited" && in.state != "enabled" &&
        in.state != "declined") {
        return FieldError{"state", "must be disabled, invited, enabled or declined"};
    }
    return std::nullopt;
}

std::optional<FieldError> check_unique(sql::Database& db, const CustomerInput& in,
                                       std::optional<std::int64_t> own_id) {
    if (in.email) {
        auto owner = db.query_int64("SELECT id FROM customers WHERE email = ?", {*in.email});
        if (owner && owner != own_id) return FieldError{"email", "has already been taken"};
    }
    if (in.phone) {
        auto owner = db.query_int64("SELECT id FROM customers WHERE phone = ?", {*in.phone});
        if (owner && owner != own_id) return FieldError{"phone", "has already been taken"};
    }
    return std::nullopt;
}

MarketingConsent merged_consent(const std::optional<MarketingConsent>& wanted,
                                const MarketingConsent& stored, std::int64_t now) {
    if (!wanted) return stored;
    MarketingConsent out = *wanted;
    if (out.state != stored.state || !stored.consent_updated_at) {
        if (!wanted->consent_updated_at) out.consent_updated_at = now;
    } else if (!wanted->consent_updated_at) {
        out.consent_updated_at = stored.consent_updated_at;
    }
    if (!out.source) out.source = stored.source;
    return out;
}

void index_customer(sql::Database& db, std::int64_t id) {
    db.run("DELETE FROM customer_search WHERE rowid = ?", {id});
    db.run(
        "INSERT INTO customer_search(rowid, email, name, phone, tags) SELECT id, "
        "coalesce(email, ''), first_name || ' ' || last_name, coalesce(phone, ''), tags "
        "FROM customers WHERE id = ?",
        {id});
}

Checked<void> write_addresses(sql::Database& db, std::int64_t customer_id,
                              const std::vector<AddressInput>& addresses) {
    std::string kept = "[";
    for (const auto& a : addresses) {
        if (!a.id) continue;
        if (db.query_int64("SELECT customer_id FROM customer_addresses WHERE id = ?", {*a.id}) !=
            customer_id) {
            return FieldError{"addresses", "address " + std::to_string(*a.id) +
                                               " does not belong to the customer"};
        }
        kept += (kept.size() > 1 ? "," : "") + std::to_string(*a.id);
    }
    kept += "]";
    db.run(
        "DELETE FROM customer_addresses WHERE customer_id = ? AND id NOT IN "
        "(SELECT value FROM json_each(?))",
        {customer_id, kept});
    bool any_default = std::any_of(addresses.begin(), addresses.end(),
                                   [](const AddressInput& a) { return a.is_default; });
    bool first = true;
    for (const auto& a : addresses) {
        bool is_default = any_default ? a.is_default : first;
        first = false;
        if (a.id) {
            db.run(
                "UPDATE customer_addresses SET first_name = ?, last_name = ?, company = ?, "
                "address1 = ?, address2 = ?, city = ?, province = ?, province_code = ?, "
                "country = ?, country_code = ?, zip = ?, phone = ?, is_default = ? WHERE id = ?",
                {a.first_name, a.last_name, a.company, a.address1, a.address2, a.city, a.province,
                 a.province_code, a.country, a.country_code, a.zip, a.phone, is_default, *a.id});
        } else {
            db.run(
                "INSERT INTO customer_addresses(customer_id, first_name, last_name, company, "
                "address1, address2, city, province, province_code, country, country_code, zip, "
                "phone, is_default) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                {customer_id, a.first_name, a.last_name, a.company, a.address1, a.address2, a.city,
                 a.province, a.province_code, a.country, a.country_code, a.zip, a.phone,
                 is_default});
        }
    }
    return {};
}

void append_customer_event(sql::Database& db, std::string_view topic, std::int64_t id,
                           std::int64_t now, int exponent) {
    append_event(db, topic, "customer", id,
                 boost::json::serialize(customer_to_json(*find_customer(db, id), exponent)), now);
}

void touch_and_record(sql::Database& db, std::int64_t customer_id, std::int64_t now, int exponent) {
    db.run("UPDATE customers SET updated_at = ? WHERE id = ?", {now, customer_id});
    append_customer_event(db, "customers/update", customer_id, now, exponent);
}

}  // namespace

CustomerInput input_from(const Customer& c) {
    CustomerInput in;
    in.email = c.email;
    in.first_name = c.first_name;
    in.last_name = c.last_name;
    in.phone = c.phone;
    in.tags = c.tags;
    in.note = c.note;
    in.locale = c.locale;
    in.currency = c.currency;
    in.verified_email = c.verified_email;
    in.tax_exempt = c.tax_exempt;
    in.state = c.state;
    return in;
}

Checked<Customer> create_customer(sql::Database& db, const CustomerInput& original,
                                  std::int64_t now, int exponent) {
    CustomerInput in = original;
    in.tags = normalize_tags(in.tags);
    if (auto problem = check_input(in)) return *problem;
    WriteScope scope(db);
    if (auto problem = check_unique(db, in, std::nullopt)) return *problem;
    MarketingConsent email = merged_consent(in.email_marketing, {}, now);
    MarketingConsent sms = merged_consent(in.sms_marketing, {}, now);
    if (!in.email_marketing) email.consent_updated_at.reset();
    if (!in.sms_marketing) sms.consent_updated_at.reset();
    std::int64_t id =
        db.run(
              "INSERT INTO customers(email, first_name, last_name, phone, tags, note, state, "
              "verified_email, tax_exempt, locale, currency, email_marketing_state, "
              "email_marketing_opt_in_level, email_marketing_consent_updated_at, "
              "email_marketing_source, sms_marketing_state, sms_marketing_consent_updated_at, "
              "sms_marketing_source, created_at, updated_at) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
              {in.email,
               in.first_name,
               in.last_name,
               in.phone,
               in.tags,
               in.note,
               in.state,
               in.verified_email,
               in.tax_exempt,
               in.locale,
               in.currency,
               email.state,
               email.opt_in_level,
               email.consent_updated_at,
               email.source,
               sms.state,
               sms.consent_updated_at,
               sms.source,
               now,
               now})
            .last_insert_rowid;
    if (in.addresses) {
        if (auto written = write_addresses(db, id, *in.addresses); !written) {
            return written.error();
        }
    }
    index_customer(db, id);
    append_customer_event(db, "customers/create", id, now, exponent);
    scope.commit();
    return *find_customer(db, id);
}

Checked<std::optional<Customer>> update_customer(sql::Database& db, std::int64_t id,
                                                 const CustomerInput& original, std::int64_t now,
                                                 int exponent) {
    CustomerInput in = original;
    in.tags = normalize_tags(in.tags);
    if (auto problem = check_input(in)) return *problem;
    WriteScope scope(db);
    auto existing = find_customer(db, id);
    if (!existing) return std::optional<Customer>();
    if (auto problem = check_unique(db, in, id)) return *problem;
    MarketingConsent email = merged_consent(in.email_marketing, existing->email_marketing, now);
    MarketingConsent sms = merged_consent(in.sms_marketing, existing->sms_marketing, now);
    db.run(
        "UPDATE customers SET email = ?, first_name = ?, last_name = ?, phone = ?, tags = ?, "
        "note = ?, state = ?, verified_email = ?, tax_exempt = ?, locale = ?, currency = ?, "
        "email_marketing_state = ?, email_marketing_opt_in_level = ?, "
        "email_marketing_consent_updated_at = ?, email_marketing_source = ?, "
        "sms_marketing_state = ?, sms_marketing_consent_updated_at = ?, "
        "sms_marketing_source = ?, updated_at = ? WHERE id = ?",
        {in.email,
         in.first_name,
         in.last_name,
         in.phone,
         in.tags,
         in.note,
         in.state,
         in.verified_email,
         in.tax_exempt,
         in.locale,
         in.currency,
         email.state,
         email.opt_in_level,
         email.consent_updated_at,
         email.source,
         sms.state,
         sms.consent_updated_at,
         sms.source,
         now,
         id});
    if (in.addresses) {
        if (auto written = write_addresses(db, id, *in.addresses); !written) {
            return written.error();
        }
    }
    index_customer(db, id);
    append_customer_event(db, "customers/update", id, now, exponent);
    scope.commit();
    return find_customer(db, id);
}

bool delete_customer(sql::Database& db, std::int64_t id, std::int64_t now) {
    WriteScope scope(db);
    if (db.run("DELETE FROM customers WHERE id = ?", {id}).changes == 0) return false;
    db.run("DELETE FROM customer_search WHERE rowid = ?", {id});
    db.run("DELETE FROM metafields WHERE owner_resource = 'customer' AND owner_id = ?", {id});
    append_event(db, "customers/delete", "customer", id,
                 boost::json::serialize(boost::json::object{{"id", id}}), now);
    scope.commit();
    return true;
}

bool record_customer_order(sql::Database& db, std::int64_t customer_id, std::int64_t order_id,
                           std::int64_t amount_minor, std::int64_t now, int exponent) {
    WriteScope scope(db);
    auto changed = db.run(
        "UPDATE customers SET orders_count = orders_count + 1, "
        "total_spent_minor = total_spent_minor + ?, last_order_id = ?, updated_at = ? "
        "WHERE id = ?",
        {amount_minor, order_id, now, customer_id});
    if (changed.changes == 0) return false;
    append_customer_event(db, "customers/update", customer_id, now, exponent);
    scope.commit();
    return true;
}

std::optional<Customer> find_customer(sql::Database& db, std::int64_t id) {
    std::optional<Customer> c;
    {
        auto row =
            db.query("SELECT " + std::string(kColumns) + " FROM customers WHERE id = ?", {id});
        if (!row.next()) return std::nullopt;
        c = read_customer(row);
    }
    load_addresses(db, *c);
    return c;
}

std::optional<Customer> find_customer_by_email(sql::Database& db, std::string_view email) {
    auto id = db.query_int64("SELECT id FROM customers WHERE email = ?", {email});
    if (!id) return std::nullopt;
    return find_customer(db, *id);
}

namespace {

std::optional<std::string> ids_json(const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return std::nullopt;
    boost::json::array a;
    for (auto id : ids)
        a.push_back(id);
    return boost::json::serialize(a);
}

constexpr std::string_view kListWhere =
    " WHERE (?1 IS NULL OR id IN (SELECT value FROM json_each(?1))) AND id > ?2 "
    "AND (?3 IS NULL OR created_at >= ?3) AND (?4 IS NULL OR created_at <= ?4) "
    "AND (?5 IS NULL OR updated_at >= ?5) AND (?6 IS NULL OR updated_at <= ?6) ";

std::vector<Customer> load_all(sql::Database& db, std::vector<Customer> customers) {
    for (auto& c : customers)
        load_addresses(db, c);
    return customers;
}

}  // namespace

std::vector<Customer> list_customers(sql::Database& db, const CustomerFilter& f, int limit,
                                     std::int64_t after_id, std::int64_t before_id) {
    std::vector<Customer> out;
    bool backwards = before_id > 0;
    {
        auto row = db.query(
            "SELECT " + std::string(kColumns) + " FROM customers" + std::string(kListWhere) +
                (backwards ? "AND id < ?7 ORDER BY id DESC LIMIT ?8"
                           : "AND ?7 = 0 ORDER BY id LIMIT ?8"),
            {ids_json(f.ids), std::max(f.since_id, after_id), f.created_at_min, f.created_at_max,
             f.updated_at_min, f.updated_at_max, backwards ? before_id : 0, limit});
        while (row.next())
            out.push_back(read_customer(row));
    }
    if (backwards) std::reverse(out.begin(), out.end());
    return load_all(db, std::move(out));
}

std::int64_t count_customers(sql::Database& db, const CustomerFilter& f) {
    return db
        .query_int64("SELECT count(*) FROM customers" + std::string(kListWhere),
                     {ids_json(f.ids), f.since_id, f.created_at_min, f.created_at_max,
                      f.updated_at_min, f.updated_at_max})
        .value_or(0);
}

std::vector<Customer> search_customers(sql::Database& db, std::string_view query, int limit,
                                       int offset) {
    std::optional<std::string> email, first_name, last_name, phone, tag, country, state;
    std::optional<std::int64_t> accepts, orders_gt, orders_lt, orders_eq;
    std::string free_text;
    std::size_t i = 0;
    while (i < query.size()) {
        while (i < query.size() && query[i] == ' ')
            ++i;
        std::string term;
        bool quoted = false;
        while (i < query.size() && (quoted || query[i] != ' ')) {
            if (query[i] == '"') {
                quoted = !quoted;
            } else {
                term += query[i];
            }
            ++i;
        }
        if (term.empty()) continue;
        auto colon = term.find(':');
        std::string field = colon == std::string::npos ? "" : util::to_lower(term.substr(0, colon));
        std::string value = colon == std::string::npos ? term : term.substr(colon + 1);
        if (field == "email") {
            email = value;
        } else if (field == "first_name") {
            first_name = value;
        } else if (field == "last_name") {
            last_name = value;
        } else if (field == "phone") {
            phone = value;
        } else if (field == "tag" || field == "tags") {
            tag = value;
        } else if (field == "country") {
            country = value;
        } else if (field == "state") {
            state = value;
        } else if (field == "accepts_marketing") {
            accepts = value == "true" ? 1 : 0;
        } else if (field == "orders_count") {
            try {
                if (value.starts_with('>')) {
                    orders_gt = std::stoll(value.substr(1));
                } else if (value.starts_with('<')) {
                    orders_lt = std::stoll(value.substr(1));
                } else {
                    orders_eq = std::stoll(value);
                }
            } catch (const std::exception&) {
                orders_eq = -1;  // a malformed count matches nothing
            }
        } else {
            free_text += " " + term;
        }
    }
    std::string fts = fts_prefix_query(free_text);
    std::optional<std::string> match;
    if (!fts.empty()) match = fts;
    std::vector<Customer> out;
    {
        auto row = db.query(
            "SELECT " + std::string(kColumns) +
                " FROM customers c WHERE "
                "(?1 IS NULL OR c.id IN (SELECT rowid FROM customer_search WHERE "
                "customer_search MATCH ?1)) "
                "AND (?2 IS NULL OR c.email = ?2) "
                "AND (?3 IS NULL OR c.first_name = ?3 COLLATE NOCASE) "
                "AND (?4 IS NULL OR c.last_name = ?4 COLLATE NOCASE) "
                "AND (?5 IS NULL OR c.phone = ?5) "
                "AND (?6 IS NULL OR (',' || replace(lower(c.tags), ', ', ',') || ',') LIKE "
                "'%,' || lower(?6) || ',%') "
                "AND (?7 IS NULL OR EXISTS (SELECT 1 FROM customer_addresses a WHERE "
                "a.customer_id = c.id AND (a.country_code = ?7 COLLATE NOCASE OR "
                "a.country = ?7 COLLATE NOCASE))) "
                "AND (?8 IS NULL OR c.state = ?8) "
                "AND (?9 IS NULL OR (c.email_marketing_state = 'subscribed') = ?9) "
                "AND (?10 IS NULL OR c.orders_count > ?10) "
                "AND (?11 IS NULL OR c.orders_count < ?11) "
                "AND (?12 IS NULL OR c.orders_count = ?12) "
                "ORDER BY c.updated_at DESC, c.id DESC LIMIT ?13 OFFSET ?14",
            {match, email, first_name, last_name, phone, tag, country, state, accepts, orders_gt,
             orders_lt, orders_eq, limit, offset});
        while (row.next())
            out.push_back(read_customer(row));
    }
    return load_all(db, std::move(out));
}

Checked<std::optional<Address>> add_address(sql::Database& db, std::int64_t customer_id,
                                            const AddressInput& input, std::int64_t now,
                                            int exponent) {
    WriteScope scope(db);
    if (!db.query_int64("SELECT 1 FROM customers WHERE id = ?", {customer_id})) {
        return std::optional<Address>();
    }
    bool first =
        !db.query_int64("SELECT 1 FROM customer_addresses WHERE customer_id = ?", {customer_id});
    if (input.is_default) {
        db.run("UPDATE customer_addresses SET is_default = 0 WHERE customer_id = ?", {customer_id});
    }
    const AddressInput& a = input;
    std::int64_t id =
        db.run(
              "INSERT INTO customer_addresses(customer_id, first_name, last_name, company, "
              "address1, address2, city, province, province_code, country, country_code, zip, "
              "phone, is_default) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
              {customer_id, a.first_name, a.last_name, a.company, a.address1, a.address2, a.city,
               a.province, a.province_code, a.country, a.country_code, a.zip, a.phone,
               first || a.is_default})
            .last_insert_rowid;
    touch_and_record(db, customer_id, now, exponent);
    scope.commit();
    return find_address(db, customer_id, id);
}

Checked<std::optional<Address>> update_address(sql::Database& db, std::int64_t customer_id,
                                               std::int64_t address_id, const AddressInput& a,
                                               std::int64_t now, int exponent) {
    WriteScope scope(db);
    auto existing = find_address(db, customer_id, address_id);
    if (!existing) return std::optional<Address>();
    if (a.is_default) {
        db.run("UPDATE customer_addresses SET is_default = 0 WHERE customer_id = ?", {customer_id});
    }
    db.run(
        "UPDATE customer_addresses SET first_name = ?, last_name = ?, company = ?, address1 = ?, "
        "address2 = ?, city = ?, province = ?, province_code = ?, country = ?, country_code = ?, "
        "zip = ?, phone = ?, is_default = ? WHERE id = ?",
        {a.first_name, a.last_name, a.company, a.address1, a.address2, a.city, a.province,
         a.province_code, a.country, a.country_code, a.zip, a.phone,
         a.is_default || existing->is_default, address_id});
    touch_and_record(db, customer_id, now, exponent);
    scope.commit();
    return find_address(db, customer_id, address_id);
}

Checked<bool> delete_address(sql::Database& db, std::int64_t customer_id, std::int64_t address_id,
                             std::int64_t now, int exponent) {
    WriteScope scope(db);
    auto existing = find_address(db, customer_id, address_id);
    if (!existing) return false;
    auto count = db.query_int64("SELECT count(*) FROM customer_addresses WHERE customer_id = ?",
                                {customer_id})
                     .value_or(0);
    if (existing->is_default && count > 1) {
        return FieldError{"base", "Cannot delete the customer's default address"};
    }
    db.run("DELETE FROM customer_addresses WHERE id = ?", {address_id});
    touch_and_record(db, customer_id, now, exponent);
    scope.commit();
    return true;
}

Checked<std::optional<Address>> make_default_address(sql::Database& db, std::int64_t customer_id,
                                                     std::int64_t address_id, std::int64_t now,
                                                     int exponent) {
    WriteScope scope(db);
    if (!find_address(db, customer_id, address_id)) return std::optional<Address>();
    db.run("UPDATE customer_addresses SET is_default = (id = ?) WHERE customer_id = ?",
           {address_id, customer_id});
    touch_and_record(db, customer_id, now, exponent);
    scope.commit();
    return find_address(db, customer_id, address_id);
}

std::optional<Address> find_address(sql::Database& db, std::int64_t customer_id,
                                    std::int64_t address_id) {
    auto row = db.query("SELECT " + std::string(kAddressColumns) +
                            " FROM customer_addresses WHERE id = ? AND customer_id = ?",
                        {address_id, customer_id});
    if (!row.next()) return std::nullopt;
    return read_address(row);
}

}  // namespace station::tenant

#include "tenant_runtime/metafields/metafields.hpp"

#include <algorithm>
#include <array>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "base/util/strings.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/events/write_scope.hpp"
#include "tenant_runtime/metafields/metafield_json.hpp"

namespace station::tenant {
namespace {

constexpr std::size_t kMaxValueBytes = 512 * 1024;

bool is_integer(std::string_view v) {
    if (!v.empty() && (v[0] == '-' || v[0] == '+')) v.remove_prefix(1);
    return !v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos;
}

bool is_decimal(std::string_view v) {
    if (!v.empty() && (v[0] == '-' || v[0] == '+')) v.remove_prefix(1);
    auto dot = v.find('.');
    if (dot == std::string_view::npos) return is_integer(v);
    return is_integer(v.substr(0, dot)) && (v.size() == dot + 1 || is_integer(v.substr(dot + 1)));
}

bool is_json(std::string_view v) {
    boost::system::error_code ec;
    boost::json::parse(v, ec);
    return !ec;
}

Metafield read_metafield(const sql::Row& r) {
    return {r.int64(0),  {r.string(1), r.int64(2)}, r.string(3), r.string(4), r.string(5),
            r.string(6), r.optional_string(7),      r.int64(8),  r.int64(9)};
}

constexpr std::string_view kColumns =
    "id, owner_resource, owner_id, namespace, key, type, value, description, created_at, "
    "updated_at";

void append_metafield_event(sql::Database& db, std::string_view topic, const Metafield& m,
                            std::int64_t now) {
    append_event(db, topic, "metafield", m.id, boost::json::serialize(metafield_to_json(m)), now);
}

std::optional<FieldError> check_input(const MetafieldInput& in) {
    if (in.namespace_.size() < 2 || in.namespace_.size() > 255) {
        return FieldError{"namespace", "must be 2 to 255 characters"};
    }
    if (in.key.size() < 2 || in.key.size() > 64)
        return FieldError{"key", "must be 2 to 64 characters"};
    if (in.type.empty()) return FieldError{"type", "can't be blank"};
    if (in.value.size() > kMaxValueBytes) return FieldError{"value", "is too long"};
    if (auto problem = check_metafield_value(in.type, in.value)) {
        return FieldError{"value", *problem};
    }
    return std::nullopt;
}

}  // namespace

bool is_metafield_owner_resource(std::string_view r) {
    return r == "shop" || r == "product" || r == "variant" || r == "collection" ||
           r == "customer" || r == "order";
}

bool metafield_owner_exists(sql::Database& db, const MetafieldOwner& owner) {
    const std::string& r = owner.resource;
    if (r == "shop") return true;
    if (r == "order") return owner.id > 0;
    std::string table = r == "product"      ? "products"
                        : r == "variant"    ? "product_variants"
                        : r == "collection" ? "collections"
                        : r == "customer"   ? "customers"
                                            : "";
    if (table.empty()) return false;
    return db.query_int64("SELECT 1 FROM " + table + " WHERE id = ?", {owner.id}).has_value();
}

std::optional<std::string> check_metafield_value(std::string_view type, std::string_view value) {
    if (type == "single_line_text_field") {
        if (value.find('\n') != std::string_view::npos) return "must be a single line";
        return std::nullopt;
    }
    if (type == "multi_line_text_field" || type == "string" || type == "rich_text_field" ||
        type == "url" || type == "color" || type == "date" || type == "date_time" ||
        type == "product_reference" || type == "variant_reference" ||
        type == "collection_reference" || type == "file_reference" || type == "page_reference") {
        return std::nullopt;
    }
    if (type == "number_integer" || type == "integer") {
        return is_integer(value) ? std::nullopt : std::optional<std::string>("must be an integer");
    }
    if (type == "number_decimal") {
        return is_decimal(value) ? std::nullopt : std::optional<std::string>("must be a decimal");
    }
    if (type == "boolean") {
        return value == "true" || value == "false"
                   ? std::nullopt
                   : std::optional<std::string>("must be true or false");
    }
    if (type == "json" || type == "json_string" || type == "money" || type == "weight" ||
        type == "dimension" || type == "volume" || type == "rating" || type.starts_with("list.")) {
        return is_json(value) ? std::nullopt : std::optional<std::string>("must be valid JSON");
    }
    return "type '" + std::string(type) + "' is not supported";
}

Checked<Metafield> upsert_metafield(sql::Database& db, const MetafieldOwner& owner,
                                    const MetafieldInput& in, std::int64_t now) {
    if (auto problem = check_input(in)) return *problem;
    WriteScope scope(db);
    if (!metafield_owner_exists(db, owner)) return FieldError{"owner_id", "does not exist"};
    auto existing = db.query_int64(
        "SELECT id FROM metafields WHERE owner_resource = ? AND owner_id = ? AND namespace = ? "
        "AND key = ?",
        {owner.resource, owner.id, in.namespace_, in.key});
    std::int64_t id = 0;
    if (existing) {
        id = *existing;
        db.run(
            "UPDATE metafields SET type = ?, value = ?, description = ?, updated_at = ? "
            "WHERE id = ?",
            {in.type, in.value, in.description, now, id});
    } else {
        id = db.run(
                   "INSERT INTO metafields(owner_resource, owner_id, namespace, key, type, value, "
                   "description, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                   {owner.resource, owner.id, in.namespace_, in.key, in.type, in.value,
                    in.description, now, now})
                 .last_insert_rowid;
    }
    Metafield m = *find_metafield(db, id);
    append_metafield_event(db, existing ? "metafields/update" : "metafields/create", m, now);
    scope.commit();
    return m;
}

Checked<std::optional<Metafield>> update_metafield(sql::Database& db, std::int64_t id,
                                                   const std::optional<MetafieldOwner>& owner,
                                                   const MetafieldInput& in, std::int64_t now) {
    WriteScope scope(db);
    auto existing = find_metafield(db, id);
    if (!existing || (owner && (existing->owner.resource != owner->resource ||
                                existing->owner.id != owner->id))) {
        return std::optional<Metafield>();
    }
    MetafieldInput merged = in;
    merged.namespace_ = existing->namespace_;
    merged.key = existing->key;
    if (merged.type.empty()) merged.type = existing->type;
    if (!merged.description) merged.description = existing->description;
    if (auto problem = check_input(merged)) return *problem;
    db.run(
        "UPDATE metafields SET type = ?, value = ?, description = ?, updated_at = ? WHERE id = ?",
        {merged.type, merged.value, merged.description, now, id});
    Metafield m = *find_metafield(db, id);
    append_metafield_event(db, "metafields/update", m, now);
    scope.commit();
    return std::optional<Metafield>(m);
}

bool delete_metafield(sql::Database& db, std::int64_t id,
                      const std::optional<MetafieldOwner>& owner, std::int64_t now) {
    WriteScope scope(db);
    auto existing = find_metafield(db, id);
    if (!existing || (owner && (existing->owner.resource != owner->resource ||
                                existing->owner.id != owner->id))) {
        return false;
    }
    db.run("DELETE FROM metafields WHERE id = ?", {id});
    append_metafield_event(db, "metafields/delete", *existing, now);
    scope.commit();
    return true;
}

std::optional<Metafield> find_metafield(sql::Database& db, std::int64_t id) {
    auto row = db.query("SELECT " + std::string(kColumns) + " FROM metafields WHERE id = ?", {id});
    if (!row.next()) return std::nullopt;
    return read_metafield(row);
}

std::vector<Metafield> list_metafields(sql::Database& db, const MetafieldOwner& owner,
                                       const MetafieldFilter& f, int limit, std::int64_t after_id,
                                       std::int64_t before_id) {
    std::vector<Metafield> out;
    bool backwards = before_id > 0;
    auto row =
        db.query("SELECT " + std::string(kColumns) +
                     " FROM metafields WHERE owner_resource = ?1 AND owner_id = ?2 AND "
                     "(?3 IS NULL OR namespace = ?3) AND (?4 IS NULL OR key = ?4) AND id > ?5 " +
                     (backwards ? "AND id < ?6 ORDER BY id DESC LIMIT ?7"
                                : "AND ?6 = 0 ORDER BY id LIMIT ?7"),
                 {owner.resource, owner.id, f.namespace_, f.key, std::max(f.since_id, after_id),
                  backwards ? before_id : 0, limit});
    while (row.next())
        out.push_back(read_metafield(row));
    if (backwards) std::reverse(out.begin(), out.end());
    return out;
}

std::int64_t count_metafields(sql::Database& db, const MetafieldOwner& owner,
                              const MetafieldFilter& f) {
    return db
        .query_int64(
            "SELECT count(*) FROM metafields WHERE owner_resource = ?1 AND owner_id = ?2 AND "
            "(?3 IS NULL OR namespace = ?3) AND (?4 IS NULL OR key = ?4) AND id > ?5",
            {owner.resource, owner.id, f.namespace_, f.key, f.since_id})
        .value_or(0);
}

}  // namespace station::tenant

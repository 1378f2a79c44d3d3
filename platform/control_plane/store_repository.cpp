#include "platform/control_plane/store_repository.hpp"

namespace station::control {
namespace {

constexpr std::string_view kSelect = R"sql(
SELECT s.id, s.merchant_id, s.handle, s.name, s.status, s.status_reason, s.plan,
       COALESCE(s.max_products, p.max_products),
       COALESCE(s.max_staff, p.max_staff),
       COALESCE(s.max_storage_bytes, p.max_storage_bytes),
       COALESCE(s.requests_per_minute, p.requests_per_minute),
       s.base_currency, s.default_locale, s.verification_token, s.webhook_secret,
       s.created_at, s.deleted_at
FROM stores s JOIN plans p ON p.name = s.plan
)sql";

StoreRecord read_store(const sql::Row& row) {
    StoreRecord s;
    s.id = row.int64(0);
    s.merchant_id = row.int64(1);
    s.handle = row.string(2);
    s.name = row.string(3);
    s.status = parse_store_status(row.text(4)).value_or(StoreStatus::Suspended);
    s.status_reason = row.optional_string(5);
    s.plan = row.string(6);
    s.quotas = {row.int64(7), row.int64(8), row.int64(9), row.int64(10)};
    s.base_currency = row.string(11);
    s.default_locale = row.string(12);
    s.verification_token = row.string(13);
    s.webhook_secret = row.string(14);
    s.created_at = row.int64(15);
    s.deleted_at = row.optional_int64(16);
    return s;
}

std::vector<StoreRecord> read_all(sql::Row row) {
    std::vector<StoreRecord> out;
    while (row.next())
        out.push_back(read_store(row));
    return out;
}

std::string escape_like(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::int64_t StoreRepository::insert(const NewStore& s, std::int64_t now) {
    return db_
        .run(
            "INSERT INTO stores(merchant_id, handle, name, plan, base_currency, default_locale, "
            "verification_token, webhook_secret, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            {s.merchant_id, s.handle, s.name, s.plan, s.base_currency, s.default_locale,
             s.verification_token, s.webhook_secret, now})
        .last_insert_rowid;
}

std::optional<StoreRecord> StoreRepository::find_by_id(std::int64_t id) {
    auto row = db_.query(std::string(kSelect) + " WHERE s.id = ?", {id});
    if (!row.next()) return std::nullopt;
    return read_store(row);
}

std::optional<StoreRecord> StoreRepository::find_by_handle(std::string_view handle) {
    auto row = db_.query(std::string(kSelect) + " WHERE s.handle = ?", {handle});
    if (!row.next()) return std::nullopt;
    return read_store(row);
}

bool StoreRepository::handle_exists(std::string_view handle) {
    return db_.query_int64("SELECT 1 FROM stores WHERE handle = ?", {handle}).has_value();
}

std::vector<StoreRecord> StoreRepository::list_for_merchant(std::int64_t merchant_id,
                                                            std::string_view email) {
    return read_all(db_.query(
        std::string(kSelect) + " WHERE s.status != 'deleted' AND (s.merchant_id = ? OR s.id IN "
                               "(SELECT store_id FROM store_staff WHERE email = ?)) ORDER BY s.id",
        {merchant_id, email}));
}

std::vector<StoreRecord> StoreRepository::search(const StoreSearch& search) {
    std::string pattern = "%" + escape_like(search.text) + "%";
    std::optional<std::string> status;
    if (search.status) status = std::string(to_string(*search.status));
    return read_all(db_.query(
        std::string(kSelect) +
            " WHERE s.id > ? AND (? IS NULL OR s.status = ?) AND (? = '' OR s.handle LIKE ? "
            "ESCAPE '\\' OR s.name LIKE ? ESCAPE '\\' OR s.merchant_id IN (SELECT id FROM "
            "merchants WHERE email LIKE ? ESCAPE '\\')) ORDER BY s.id LIMIT ?",
        {search.after_id, status, status, search.text, pattern, pattern, pattern, search.limit}));
}

std::vector<StoreRecord> StoreRepository::deleted_before(std::int64_t cutoff) {
    return read_all(db_.query(
        std::string(kSelect) + " WHERE s.status = 'deleted' AND s.deleted_at < ? ORDER BY s.id",
        {cutoff}));
}

void StoreRepository::set_status(std::int64_t id, StoreStatus status,
                                 std::optional<std::string> reason, std::int64_t now) {
    std::optional<std::int64_t> deleted_at;
    if (status == StoreStatus::Deleted) deleted_at = now;
    db_.run("UPDATE stores SET status = ?, status_reason = ?, deleted_at = ? WHERE id = ?",
            {to_string(status), reason, deleted_at, id});
}

void StoreRepository::set_plan(std::int64_t id, std::string_view plan,
                               const QuotaOverrides& overrides) {
    db_.run(
        "UPDATE stores SET plan = ?, max_products = ?, max_staff = ?, max_storage_bytes = ?, "
        "requests_per_minute = ? WHERE id = ?",
        {plan, overrides.max_products, overrides.max_staff, overrides.max_storage_bytes,
         overrides.requests_per_minute, id});
}

void StoreRepository::erase(std::int64_t id) {
    db_.run("DELETE FROM store_staff WHERE store_id = ?", {id});
    db_.run("DELETE FROM api_tokens WHERE store_id = ?", {id});
    db_.run("DELETE FROM domains WHERE store_id = ?", {id});
    db_.run("DELETE FROM stores WHERE id = ?", {id});
}

std::optional<Plan> StoreRepository::find_plan(std::string_view name) {
    auto row = db_.query(
        "SELECT name, max_products, max_staff, max_storage_bytes, requests_per_minute FROM plans "
        "WHERE name = ?",
        {name});
    if (!row.next()) return std::nullopt;
    return Plan{row.string(0), {row.int64(1), row.int64(2), row.int64(3), row.int64(4)}};
}

std::vector<Plan> StoreRepository::list_plans() {
    std::vector<Plan> out;
    auto row = db_.query(
        "SELECT name, max_products, max_staff, max_storage_bytes, requests_per_minute FROM plans "
        "ORDER BY max_products");
    while (row.next()) {
        out.push_back({row.string(0), {row.int64(1), row.int64(2), row.int64(3), row.int64(4)}});
    }
    return out;
}

std::int64_t StoreRepository::count_staff(std::int64_t store_id) {
    return db_.query_int64("SELECT count(*) FROM store_staff WHERE store_id = ?", {store_id})
        .value_or(0);
}

void StoreRepository::add_staff(std::int64_t store_id, std::string_view email, std::int64_t now) {
    db_.run("INSERT INTO store_staff(store_id, email, created_at) VALUES (?,?,?)",
            {store_id, email, now});
}

bool StoreRepository::remove_staff(std::int64_t store_id, std::string_view email) {
    return db_.run("DELETE FROM store_staff WHERE store_id = ? AND email = ?", {store_id, email})
               .changes > 0;
}

std::vector<std::string> StoreRepository::list_staff(std::int64_t store_id) {
    std::vector<std::string> out;
    auto row =
        db_.query("SELECT email FROM store_staff WHERE store_id = ? ORDER BY id", {store_id});
    while (row.next())
        out.push_back(row.string(0));
    return out;
}

bool StoreRepository::is_staff(std::int64_t store_id, std::string_view email) {
    return db_
        .query_int64("SELECT 1 FROM store_staff WHERE store_id = ? AND email = ?",
                     {store_id, email})
        .has_value();
}

}  // namespace station::control

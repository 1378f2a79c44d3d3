#include "platform/control_plane/merchant_repository.hpp"

namespace station::control {
namespace {

constexpr std::string_view kColumns = "id, email, name, password_hash, created_at";

std::optional<Merchant> read_one(sql::Row row) {
    if (!row.next()) return std::nullopt;
    return Merchant{row.int64(0), row.string(1), row.string(2), row.string(3), row.int64(4)};
}

}  // namespace

std::int64_t MerchantRepository::insert(std::string_view email, std::string_view name,
                                        std::string_view password_hash, std::int64_t now) {
    return db_
        .run("INSERT INTO merchants(email, name, password_hash, created_at) VALUES (?,?,?,?)",
             {email, name, password_hash, now})
        .last_insert_rowid;
}

std::optional<Merchant> MerchantRepository::find_by_id(std::int64_t id) {
    return read_one(
        db_.query("SELECT " + std::string(kColumns) + " FROM merchants WHERE id = ?", {id}));
}

std::optional<Merchant> MerchantRepository::find_by_email(std::string_view email) {
    return read_one(
        db_.query("SELECT " + std::string(kColumns) + " FROM merchants WHERE email = ?", {email}));
}

}  // namespace station::control

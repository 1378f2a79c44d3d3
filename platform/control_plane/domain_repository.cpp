#include "platform/control_plane/domain_repository.hpp"

namespace station::control {
namespace {

constexpr std::string_view kColumns =
    "id, store_id, hostname, kind, is_primary, verified_at, verification_method, last_check_at, "
    "last_check_detail, created_at";

DomainRecord read_domain(const sql::Row& row) {
    DomainRecord d;
    d.id = row.int64(0);
    d.store_id = row.int64(1);
    d.hostname = row.string(2);
    d.kind = row.text(3) == "platform" ? DomainKind::Platform : DomainKind::Custom;
    d.is_primary = row.int64(4) != 0;
    d.verified_at = row.optional_int64(5);
    d.verification_method = row.optional_string(6);
    d.last_check_at = row.optional_int64(7);
    d.last_check_detail = row.optional_string(8);
    d.created_at = row.int64(9);
    return d;
}

}  // namespace

std::int64_t DomainRepository::insert(std::int64_t store_id, std::string_view hostname,
                                      DomainKind kind, bool verified, bool is_primary,
                                      std::int64_t now) {
    std::optional<std::int64_t> verified_at;
    if (verified) verified_at = now;
    return db_
        .run(
            "INSERT INTO domains(store_id, hostname, kind, is_primary, verified_at, created_at) "
            "VALUES (?,?,?,?,?,?)",
            {store_id, hostname, kind == DomainKind::Platform ? "platform" : "custom", is_primary,
             verified_at, now})
        .last_insert_rowid;
}

std::optional<DomainRecord> DomainRepository::find(std::int64_t store_id,
                                                   std::string_view hostname) {
    auto row = db_.query(
        "SELECT " + std::string(kColumns) + " FROM domains WHERE store_id = ? AND hostname = ?",
        {store_id, hostname});
    if (!row.next()) return std::nullopt;
    return read_domain(row);
}

std::vector<DomainRecord> DomainRepository::list_for_store(std::int64_t store_id) {
    std::vector<DomainRecord> out;
    auto row = db_.query(
        "SELECT " + std::string(kColumns) + " FROM domains WHERE store_id = ? ORDER BY id",
        {store_id});
    while (row.next())
        out.push_back(read_domain(row));
    return out;
}

std::optional<std::int64_t> DomainRepository::verified_owner(std::string_view hostname) {
    return db_.query_int64(
        "SELECT store_id FROM domains WHERE hostname = ? AND verified_at IS NOT NULL", {hostname});
}

std::optional<std::string> DomainRepository::primary_hostname(std::int64_t store_id) {
    return db_.query_string(
        "SELECT hostname FROM domains WHERE store_id = ? AND verified_at IS NOT NULL "
        "ORDER BY is_primary DESC, kind = 'platform' DESC, id LIMIT 1",
        {store_id});
}

void DomainRepository::record_check(std::int64_t domain_id, std::string_view detail,
                                    std::int64_t now) {
    db_.run("UPDATE domains SET last_check_at = ?, last_check_detail = ? WHERE id = ?",
            {now, detail, domain_id});
}

void DomainRepository::mark_verified(const DomainRecord& domain, std::string_view method,
                                     std::int64_t now) {
    db_.run("UPDATE domains SET verified_at = ?, verification_method = ? WHERE id = ?",
            {now, method, domain.id});
    db_.run("DELETE FROM domains WHERE hostname = ? AND store_id != ? AND verified_at IS NULL",
            {domain.hostname, domain.store_id});
}

void DomainRepository::set_primary(std::int64_t store_id, std::int64_t domain_id) {
    db_.run("UPDATE domains SET is_primary = (id = ?) WHERE store_id = ?", {domain_id, store_id});
}

bool DomainRepository::remove(std::int64_t store_id, std::string_view hostname) {
    return db_.run("DELETE FROM domains WHERE store_id = ? AND hostname = ? AND kind = 'custom'",
                   {store_id, hostname})
               .changes > 0;
}

}  // namespace station::control

#include "tests/support/schema_checks.hpp"

#include <algorithm>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.hpp"

namespace station::testing {

std::string schema_of(sql::Database& db) {
    std::vector<std::string> entries;
    auto row = db.query(
        "SELECT type, name, COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'");
    while (row.next()) {
        entries.push_back(row.string(0) + " " + row.string(1) + ": " + row.string(2));
    }
    std::sort(entries.begin(), entries.end());
    std::string out;
    for (const auto& e : entries)
        out += e + "\n";
    return out;
}

void check_upgrades_from_every_version(std::span<const sql::Migration> migrations) {
    TempDir dir;
    const int latest = static_cast<int>(migrations.size());
    auto fresh = sql::Database::open(dir / "fresh.db");
    REQUIRE(sql::migrate(fresh, migrations) == latest);
    const std::string expected = schema_of(fresh);
    for (int from = 0; from <= latest; ++from) {
        INFO("upgrading from version " << from);
        auto db = sql::Database::open(dir / ("from-" + std::to_string(from) + ".db"));
        REQUIRE(sql::migrate_to(db, migrations, from) == from);
        REQUIRE(sql::migrate(db, migrations) == latest);
        CHECK(sql::schema_version(db) == latest);
        CHECK(schema_of(db) == expected);
    }
}

}  // namespace station::testing

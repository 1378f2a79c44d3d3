#include <catch2/catch.hpp>

#include "base/sqlite/database.hpp"
#include "base/sqlite/migrations.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;

namespace {

constexpr sql::Migration kMigrations[] = {
    {1, "create items", "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL);"},
    {2, "add price", "ALTER TABLE items ADD COLUMN price INTEGER;"},
};

}  // namespace

TEST_CASE("queries bind parameters and read typed columns") {
    testing::TempDir dir;
    auto db = sql::Database::open(dir / "t.db");
    sql::migrate(db, kMigrations);
    auto inserted = db.run("INSERT INTO items(name, price) VALUES (?, ?)", {"tee", 4900});
    CHECK(inserted.changes == 1);
    db.run("INSERT INTO items(name, price) VALUES (?, ?)", {std::string("cap"), std::nullopt});

    auto row = db.query("SELECT name, price FROM items ORDER BY id");
    REQUIRE(row.next());
    CHECK(row.text(0) == "tee");
    CHECK(row.int64(1) == 4900);
    REQUIRE(row.next());
    CHECK(row.text(0) == "cap");
    CHECK(row.is_null(1));
    CHECK_FALSE(row.next());
}

TEST_CASE("a statement re-entered while its cursor is open still works") {
    testing::TempDir dir;
    auto db = sql::Database::open(dir / "t.db");
    sql::migrate(db, kMigrations);
    db.run("INSERT INTO items(name) VALUES ('a'), ('b')");
    int pairs = 0;
    auto outer = db.query("SELECT id FROM items");
    while (outer.next()) {
        auto inner = db.query("SELECT id FROM items");
        while (inner.next())
            ++pairs;
    }
    CHECK(pairs == 4);
}

TEST_CASE("unique violations raise ConstraintError and a transaction rolls back") {
    testing::TempDir dir;
    auto db = sql::Database::open(dir / "t.db");
    sql::migrate(db, kMigrations);
    {
        sql::Transaction tx(db);
        db.run("INSERT INTO items(name) VALUES ('x')");
        CHECK_THROWS_AS(db.run("INSERT INTO items(name) VALUES ('x')"), sql::ConstraintError);
    }
    CHECK(db.query_int64("SELECT count(*) FROM items") == 0);
}

TEST_CASE("migrations are forward-only and refuse a newer file") {
    testing::TempDir dir;
    {
        auto db = sql::Database::open(dir / "t.db");
        CHECK(sql::migrate_to(db, kMigrations, 1) == 1);
        db.run("INSERT INTO items(name) VALUES ('kept')");
        CHECK(sql::migrate(db, kMigrations) == 2);
        CHECK(db.query_int64("SELECT count(*) FROM items WHERE name='kept' AND price IS NULL") ==
              1);
        CHECK(sql::migrate(db, kMigrations) == 2);  // idempotent
    }
    auto db = sql::Database::open(dir / "t.db");
    CHECK_THROWS_AS(sql::migrate(db, std::span(kMigrations, 1)), sql::SchemaTooNewError);
}

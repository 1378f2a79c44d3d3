#include <catch2/catch.hpp>

#include "tenant_runtime/store/store_pool.hpp"
#include "tenant_runtime/store/store_schema.hpp"
#include "tests/support/schema_checks.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;

TEST_CASE("store.db migrates from empty and from every earlier version") {
    testing::check_upgrades_from_every_version(tenant::store_migrations());
}

TEST_CASE("the pool opens stores lazily, each in its own directory") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir / "tenants", .max_open = 10});
    CHECK(pool.open_count() == 0);
    auto a = pool.acquire(1);
    auto b = pool.acquire(2);
    CHECK(pool.open_count() == 2);
    CHECK(a->directory() == dir / "tenants" / "1");
    CHECK(std::filesystem::exists(dir / "tenants" / "2" / "store.db"));
    CHECK(pool.acquire(1) == a);  // one runtime per store
    a->with_db([](sql::Database& db) { db.run("INSERT INTO shop_settings VALUES ('k', 'a')"); });
    b->with_db([](sql::Database& db) {
        CHECK_FALSE(db.query_string("SELECT value FROM shop_settings WHERE key = 'k'"));
    });
}

TEST_CASE("the pool evicts the least recently used store at its cap") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir / "tenants", .max_open = 2});
    auto one = pool.acquire(1);
    pool.acquire(2);
    pool.acquire(1);  // 2 is now least recently used
    pool.acquire(3);
    CHECK(pool.open_count() == 2);
    CHECK(pool.acquire(1) == one);  // still open
    // A runtime evicted while in use stays valid for its holder.
    auto three = pool.acquire(3);
    pool.acquire(4);
    pool.acquire(5);
    three->with_db([](sql::Database& db) { CHECK(db.query_int64("SELECT 1") == 1); });
}

TEST_CASE("the default cap follows the descriptor limit") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir / "tenants"});
    CHECK(pool.capacity() >= 1);
    CHECK(pool.capacity() * tenant::StorePool::kDescriptorsPerStore < 1'000'000);
}

TEST_CASE("idle stores are closed and purged stores lose their files") {
    testing::TempDir dir;
    tenant::StorePool pool(
        {.tenants_dir = dir / "tenants", .max_open = 5, .idle_timeout = std::chrono::seconds(0)});
    pool.acquire(7);
    CHECK(pool.close_idle() == 1);
    CHECK(pool.open_count() == 0);
    pool.acquire(7);
    pool.purge(7);
    CHECK(pool.open_count() == 0);
    CHECK_FALSE(std::filesystem::exists(dir / "tenants" / "7"));
}

#include <catch2/catch.hpp>

#include "tenant_runtime/catalog/collections.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/customers/customers.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/inventory/inventory.hpp"
#include "tenant_runtime/search/product_search.hpp"
#include "tenant_runtime/store/store_pool.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;

namespace {

tenant::ProductInput product(std::string title, std::string tags, std::string sku,
                             std::int64_t price = 1000) {
    tenant::ProductInput in;
    in.title = std::move(title);
    in.tags = std::move(tags);
    tenant::VariantInput v;
    v.sku = std::move(sku);
    v.price_minor = price;
    in.variants.push_back(v);
    return in;
}

}  // namespace

TEST_CASE("user text becomes quoted FTS5 prefix terms") {
    CHECK(tenant::fts_prefix_query("Cotton tee") == "\"Cotton\"* \"tee\"*");
    CHECK(tenant::fts_prefix_query("a OR b\" NEAR(") == "\"a\"* \"OR\"* \"b\"* \"NEAR\"*");
    CHECK(tenant::fts_prefix_query("  ") == "");
}

TEST_CASE("search ranks title matches first and follows updates and deletes") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir.path(), .max_open = 2});
    auto store = pool.acquire(1);
    tenant::CatalogFormat format{2, ""};
    store->with_db([&](sql::Database& db) {
        auto tagged =
            tenant::create_product(db, product("Plain Shirt", "linen", "S-1"), 1, format).value();
        auto titled =
            tenant::create_product(db, product("Linen Trousers", "", "T-1"), 1, format).value();
        auto ids = tenant::search_product_ids(db, "lin", {});
        REQUIRE(ids.size() == 2);
        CHECK(ids[0] == titled.id);
        CHECK(tenant::search_product_ids(db, "t-1", {}) == std::vector<std::int64_t>{titled.id});
        auto input = tenant::input_from(tagged);
        input.tags = "wool";
        REQUIRE(tenant::update_product(db, tagged.id, input, 2, format).has_value());
        CHECK(tenant::search_product_ids(db, "lin", {}) == std::vector<std::int64_t>{titled.id});
        tenant::delete_product(db, titled.id, 3);
        CHECK(tenant::search_product_ids(db, "lin", {}).empty());
        CHECK(tenant::count_product_matches(db, "wool", false) == 1);
    });
}

TEST_CASE("inventory changes are ledger entries with reasons and events, in one transaction") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir.path(), .max_open = 2});
    auto store = pool.acquire(1);
    store->with_db([&](sql::Database& db) {
        auto p = tenant::create_product(db, product("Sock", "", "SOCK"), 1, {2, ""}).value();
        std::int64_t item = p.variants[0].inventory_item_id;
        std::int64_t location = *tenant::default_location_id(db);
        REQUIRE(tenant::set_quantity(db, item, location, tenant::Quantity::Available, 10,
                                     "received", "PO-7", 2)
                    .has_value());
        REQUIRE(tenant::adjust_quantity(db, item, location, tenant::Quantity::Committed, 3,
                                        "reservation_created", std::nullopt, 3)
                    .has_value());
        auto level = tenant::adjust_quantity(db, item, location, tenant::Quantity::Available, -4,
                                             "shrinkage", std::nullopt, 4);
        REQUIRE(level.has_value());
        CHECK(level->available == 6);
        CHECK(level->committed == 3);
        CHECK(tenant::total_available(db, item) == 6);
        auto entries = tenant::ledger(db, item, 10);
        REQUIRE(entries.size() == 3);
        CHECK(entries[2].reference == "PO-7");
        CHECK(entries[1].quantity_name == "committed");
        CHECK(entries[0].quantity_after == 6);
        CHECK(tenant::read_events(db, {.topic = std::string("inventory_levels/update")}).size() ==
              3);
        // Committed stock blocks disconnecting; an unknown location is a field error.
        CHECK_FALSE(tenant::disconnect_level(db, item, location, 5).has_value());
        CHECK(tenant::set_quantity(db, item, 999, tenant::Quantity::Available, 1, "correction",
                                   std::nullopt, 5)
                  .error()
                  .field == "location_id");
        // The ledger outlives the product.
        tenant::delete_product(db, p.id, 6);
        CHECK(tenant::ledger(db, item, 10).size() == 3);
    });
}

TEST_CASE("smart collections follow rules with all/any, and the storefront reads sorted pages") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir.path(), .max_open = 2});
    auto store = pool.acquire(1);
    tenant::CatalogFormat format{2, ""};
    store->with_db([&](sql::Database& db) {
        tenant::create_product(db, product("B cheap", "sale", "1", 500), 1, format).value();
        tenant::create_product(db, product("A dear", "sale", "2", 9000), 2, format).value();
        tenant::create_product(db, product("C other", "", "3", 100), 3, format).value();
        tenant::CollectionInput all;
        all.title = "Cheap sale";
        all.rules = {{"tag", "equals", "sale"}, {"variant_price", "less_than", "10"}};
        auto cheap =
            tenant::create_collection(db, tenant::CollectionKind::Smart, all, 4, 2).value();
        CHECK(cheap.products_count == 1);
        tenant::CollectionInput any = all;
        any.title = "Sale or cheap";
        any.disjunctive = true;
        auto either =
            tenant::create_collection(db, tenant::CollectionKind::Smart, any, 4, 2).value();
        CHECK(either.products_count == 3);
        tenant::CollectionProductQuery q;
        q.sort_by = "price-desc";
        auto sorted = tenant::collection_products(db, either, q);
        REQUIRE(sorted.size() == 3);
        CHECK(sorted[0].title == "A dear");
        q.sort_by = "alpha-asc";
        q.limit = 2;
        q.offset = 1;
        auto page = tenant::collection_products(db, either, q);
        REQUIRE(page.size() == 2);
        CHECK(page[0].title == "B cheap");
        q = {};
        q.price_max_minor = 600;
        CHECK(tenant::count_collection_products(db, either, q) == 2);
        q = {};
        q.tag = "sale";
        CHECK(tenant::count_collection_products(db, either, q) == 2);
        CHECK(tenant::check_rule({"vendor", "greater_than", "x"}, 2).has_value());
    });
}

TEST_CASE("customer totals and consent timestamps are kept current") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir.path(), .max_open = 2});
    auto store = pool.acquire(1);
    store->with_db([&](sql::Database& db) {
        tenant::CustomerInput in;
        in.email = "kim@example.test";
        in.email_marketing =
            tenant::MarketingConsent{"subscribed", "single_opt_in", std::nullopt, "checkout"};
        auto c = tenant::create_customer(db, in, 100, 2).value();
        CHECK(c.email_marketing.consent_updated_at == 100);
        CHECK(c.email_marketing.source == "checkout");
        CHECK(tenant::record_customer_order(db, c.id, 55, 1999, 200, 2));
        CHECK(tenant::record_customer_order(db, c.id, 56, 1, 201, 2));
        auto after = *tenant::find_customer(db, c.id);
        CHECK(after.orders_count == 2);
        CHECK(after.total_spent_minor == 2000);
        CHECK(after.last_order_id == 56);
        tenant::CustomerInput dup;
        dup.email = "KIM@example.test";
        CHECK(tenant::create_customer(db, dup, 300, 2).error().field == "email");
        CHECK(tenant::search_customers(db, "orders_count:>1", 10, 0).size() == 1);
    });
}

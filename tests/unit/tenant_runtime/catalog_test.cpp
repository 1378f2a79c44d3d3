#include <catch2/catch.hpp>

#include "tenant_runtime/catalog/handles.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/store/store_pool.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;

TEST_CASE("handles are lower-case ASCII words joined by single hyphens") {
    CHECK(tenant::handleize("Organic Cotton Tee — \"Classic\" <Fit>") ==
          "organic-cotton-tee-classic-fit");
    CHECK(tenant::handleize("  --Hello__World--  ") == "hello-world");
    CHECK(tenant::handleize("Café 100%") == "caf-100");
    CHECK(tenant::handleize("!!!") == "");
    CHECK(tenant::is_valid_handle("a-b-1"));
    CHECK_FALSE(tenant::is_valid_handle("a--b"));
    CHECK_FALSE(tenant::is_valid_handle("-a"));
}

TEST_CASE("creating a product appends its event in the same transaction") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir.path(), .max_open = 2});
    auto store = pool.acquire(1);
    store->with_db([](sql::Database& db) {
        tenant::ProductInput input;
        input.title = "Tee";
        tenant::CatalogFormat format{2, "https://shop.test/files/"};
        auto first = tenant::create_product(db, input, 1000, format).value();
        auto second = tenant::create_product(db, input, 1001, format).value();
        CHECK(first.handle == "tee");
        CHECK(second.handle == "tee-1");
        CHECK(first.variants.size() == 1);  // the default variant
        auto events = tenant::read_events_after(db, 0, 10);
        REQUIRE(events.size() == 2);
        CHECK(events[0].topic == "products/create");
        CHECK(events[0].subject_id == first.id);
        CHECK(events[1].seq > events[0].seq);
        CHECK(events[0].payload.find("\"handle\":\"tee\"") != std::string::npos);
        CHECK_THROWS_AS(tenant::append_event(db, "x/y", "x", std::nullopt, "{}", 1),
                        std::logic_error);
    });
}

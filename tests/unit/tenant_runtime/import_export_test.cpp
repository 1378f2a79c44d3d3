#include <catch2/catch.hpp>

#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/events/event_log.hpp"
#include "tenant_runtime/import_export/csv.hpp"
#include "tenant_runtime/import_export/product_csv.hpp"
#include "tenant_runtime/store/store_pool.hpp"
#include "tests/support/temp_dir.hpp"

using namespace station;

TEST_CASE("CSV parsing follows RFC 4180 and round-trips through the writer") {
    tenant::CsvError error;
    auto table = tenant::parse_csv(
        "\xEF\xBB\xBF"
        "a,\"b,1\",\"say \"\"hi\"\"\"\r\n\nx,\"multi\nline\",\n",
        &error);
    REQUIRE(table);
    REQUIRE(table->rows.size() == 2);
    CHECK(table->rows[0] == std::vector<std::string>{"a", "b,1", "say \"hi\""});
    CHECK(table->rows[1] == std::vector<std::string>{"x", "multi\nline", ""});
    std::string out;
    for (const auto& row : table->rows)
        tenant::append_csv_row(out, row);
    auto again = tenant::parse_csv(out, &error);
    REQUIRE(again);
    CHECK(again->rows == table->rows);
    CHECK_FALSE(tenant::parse_csv("a,\"open\n", &error));
    CHECK(error.message == "a quoted field is not closed");
    CHECK_FALSE(tenant::parse_csv("a,b\"c\n", &error));
}

TEST_CASE("an import plan groups rows by handle and names every problem by row and column") {
    auto plan = tenant::plan_product_import(
        "Handle,Title,Option1 Name,Option1 Value,Option2 Value,Variant Price\n"
        "tee,Tee,Size,S,,10\n"
        "tee,,,M,,10.5\n"
        "cap,Cap,,,Blue,1.999\n",
        2);
    REQUIRE(plan.products.size() == 2);
    CHECK(plan.products[0].input.variants.size() == 2);
    CHECK(plan.products[0].input.variants[1].price_minor == 1050);
    REQUIRE(plan.problems.size() == 2);
    CHECK(plan.problems[0].row == 4);
    CHECK(plan.problems[0].column == "Option2 Value");
    CHECK(plan.problems[1].column == "Variant Price");
    auto no_handle = tenant::plan_product_import("Title\nx\n", 2);
    REQUIRE(no_handle.problems.size() == 1);
    CHECK(no_handle.problems[0].column == "Handle");
}

TEST_CASE("applying an import is all or nothing") {
    testing::TempDir dir;
    tenant::StorePool pool({.tenants_dir = dir.path(), .max_open = 2});
    auto store = pool.acquire(1);
    tenant::CatalogFormat format{2, "https://s.test/files/"};
    store->with_db([&](sql::Database& db) {
        auto bad = tenant::plan_product_import(
            "Handle,Title,Option1 Name,Option1 Value\na,A,Size,S\nb,B,Size,S\nb,,,S\n", 2);
        REQUIRE(bad.problems.empty());
        auto outcome = tenant::apply_product_import(db, bad, 100, format, {});
        REQUIRE(outcome.problems.size() == 1);
        CHECK(outcome.problems[0].row == 3);
        CHECK(tenant::count_products(db) == 0);
        CHECK(tenant::read_events_after(db, 0, 10).empty());
        auto good = tenant::plan_product_import("Handle,Title\na,A\nb,B\n", 2);
        std::size_t progress = 0;
        auto done = tenant::apply_product_import(db, good, 100, format,
                                                 [&](std::size_t n) { progress = n; });
        CHECK(done.created == 2);
        CHECK(progress == 2);
        CHECK(tenant::count_products(db) == 2);
    });
}

// Product CSV import (validated first, all-or-nothing, progress as a job) and CSV exports.

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "tenant_runtime/import_export/import_jobs.hpp"
#include "tests/integration/admin_api/admin_api_support.hpp"

using namespace station::testing;
namespace json = boost::json;

namespace {

json::object finished_import(PlatformFixture& f, const Signup& s, const json::object& job) {
    std::string id = std::to_string(job.at("id").as_int64());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
        auto now =
            api(f, s, "GET", "/products/imports/" + id + ".json", "", 200)["import"].as_object();
        if (now["status"] == "completed" || now["status"] == "failed") return now;
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

const std::string kCsv =
    "Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,"
    "Variant Grams,Variant Inventory Qty,Variant Inventory Policy,Variant Price,"
    "Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Image Src,Status\n"
    "linen-shirt,Linen Shirt,\"<p>Cool, airy</p>\",Acme,Shirts,\"summer, linen\",TRUE,Size,S,LS-S,"
    "250,4,deny,49.00,59.00,TRUE,TRUE,https://cdn.example.com/ls.jpg,active\n"
    "linen-shirt,,,,,,,,M,LS-M,260,6,deny,49.00,,TRUE,TRUE,,\n"
    "canvas-bag,Canvas Bag,,Harbor,Bags,,TRUE,Title,Default "
    "Title,CB-1,900,2,continue,120.00,,TRUE,FALSE,,draft\n";

}  // namespace

TEST_CASE("a valid product CSV imports completely and exports back in Shopify's columns") {
    PlatformFixture f;
    Signup s = f.signup("import-shop");
    json::object body{{"import", json::object{{"csv", kCsv}}}};
    auto job = api(f, s, "POST", "/products/imports.json", json::serialize(body), 202)["import"]
                   .as_object();
    CHECK(job["status"] == "queued");
    auto done = finished_import(f, s, job);
    INFO(json::serialize(done));
    REQUIRE(done["status"] == "completed");
    CHECK(done["summary"].as_object().at("created") == 2);
    CHECK(done["summary"].as_object().at("ignored_image_urls") == 1);
    CHECK(done["processed_rows"] == 2);
    auto shirt =
        api(f, s, "GET", "/products.json?handle=linen-shirt", "", 200)["products"].as_array();
    REQUIRE(shirt.size() == 1);
    auto p = shirt[0].as_object();
    CHECK(p["body_html"] == "<p>Cool, airy</p>");
    CHECK(p["variants"].as_array().size() == 2);
    CHECK(p["variants"].as_array()[0].as_object().at("compare_at_price") == "59.00");
    CHECK(p["variants"].as_array()[1].as_object().at("inventory_quantity") == 6);
    CHECK(p["options"].as_array()[0].as_object().at("name") == "Size");

    HttpResult exported =
        f.get(s.host, kApi + "/products/export.csv", token_headers(s.admin_token));
    REQUIRE(exported.status == 200);
    CHECK(exported.body.starts_with("Handle,Title,Body (HTML),Vendor,Type,Tags,Published"));
    CHECK(exported.body.find("linen-shirt,Linen Shirt,\"<p>Cool, airy</p>\",Acme") !=
          std::string::npos);
    CHECK(exported.body.find("LS-M") != std::string::npos);

    // Importing the export again replaces the products by handle: same count afterwards.
    json::object again{{"import", json::object{{"csv", exported.body}}}};
    auto second = finished_import(
        f, s,
        api(f, s, "POST", "/products/imports.json", json::serialize(again), 202)["import"]
            .as_object());
    CHECK(second["status"] == "completed");
    CHECK(second["summary"].as_object().at("updated") == 2);
    CHECK(api(f, s, "GET", "/products/count.json", "", 200)["count"] == 2);

    api(f, s, "POST", "/customers.json",
        R"({"customer":{"first_name":"Ada","email":"ada@x.test","tags":"vip","addresses":[{"address1":"1 St","city":"Oslo","country_code":"NO"}]}})",
        201);
    HttpResult customers =
        f.get(s.host, kApi + "/customers/export.csv", token_headers(s.admin_token));
    REQUIRE(customers.status == 200);
    CHECK(customers.body.find("Ada,,ada@x.test,no,,1 St,,Oslo,,NO") != std::string::npos);
}

TEST_CASE("an invalid CSV reports every problem as row, column, message and writes nothing") {
    PlatformFixture f;
    Signup s = f.signup("bad-import-shop");
    std::string csv =
        "Handle,Title,Option1 Name,Option1 Value,Variant Price,Variant Inventory Qty,Published\n"
        "good,Good,Size,S,10.00,1,TRUE\n"
        "bad,,Size,S,ten,1,TRUE\n"
        "bad,,,M,10.00,lots,maybe\n"
        ",Orphan,,,,,\n";
    json::object body{{"import", json::object{{"csv", csv}}}};
    auto done = finished_import(
        f, s,
        api(f, s, "POST", "/products/imports.json", json::serialize(body), 202)["import"]
            .as_object());
    REQUIRE(done["status"] == "failed");
    std::vector<std::string> problems;
    for (auto& e : done["errors"].as_array()) {
        auto o = e.as_object();
        problems.push_back(std::to_string(o.at("row").as_int64()) + " " +
                           std::string(o.at("column").as_string()));
    }
    // Product fields (Published) count on a handle's first row only, as in Shopify's format.
    CHECK(problems == std::vector<std::string>{"3 Title", "3 Variant Price",
                                               "4 Variant Inventory Qty", "5 Handle"});
    CHECK(api(f, s, "GET", "/products/count.json", "", 200)["count"] == 0);
    CHECK(api(f, s, "GET", "/events/count.json", "", 200)["count"] == 0);

    // A rule only the catalog can check (duplicate variants) also rolls back the whole file.
    std::string dup =
        "Handle,Title,Option1 Name,Option1 Value\nok,OK,Size,S\ntwin,Twin,Size,S\ntwin,,,S\n";
    json::object dup_body{{"import", json::object{{"csv", dup}}}};
    auto failed = finished_import(
        f, s,
        api(f, s, "POST", "/products/imports.json", json::serialize(dup_body), 202)["import"]
            .as_object());
    CHECK(failed["status"] == "failed");
    CHECK(failed["errors"].as_array()[0].as_object().at("row") == 3);
    CHECK(api(f, s, "GET", "/products/count.json", "", 200)["count"] == 0);
}

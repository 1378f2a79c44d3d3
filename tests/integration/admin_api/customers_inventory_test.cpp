// Customers (addresses, consent, search) and inventory (locations, levels, the ledger) through
// the Admin REST API.

#include <catch2/catch.hpp>

#include "tests/integration/admin_api/admin_api_support.hpp"

using namespace station::testing;
namespace json = boost::json;

TEST_CASE("customers with addresses, marketing consent and search") {
    PlatformFixture f;
    Signup s = f.signup("customer-shop");
    json::object c = api(f, s, "POST", "/customers.json", R"({"customer":{
        "first_name":"Ada","last_name":"Lovelace","email":"ada@example.test","phone":"+441234567890",
        "tags":"vip, newsletter","locale":"en-GB",
        "email_marketing_consent":{"state":"subscribed","opt_in_level":"confirmed_opt_in"},
        "addresses":[{"address1":"1 Analytical St","city":"London","country_code":"GB","zip":"N1"},
                     {"address1":"2 Engine Rd","city":"Paris","country_code":"FR","default":true}]}})",
                         201)["customer"]
                         .as_object();
    CHECK(c["email"] == "ada@example.test");
    CHECK(c["total_spent"] == "0.00");
    CHECK(c["orders_count"] == 0);
    auto consent = c["email_marketing_consent"].as_object();
    CHECK(consent["state"] == "subscribed");
    CHECK(consent["consent_updated_at"].is_string());
    CHECK(consent["source"] == "admin");
    CHECK(c["default_address"].as_object().at("city") == "Paris");
    std::string id = std::to_string(c["id"].as_int64());

    api(f, s, "POST", "/customers.json",
        R"({"customer":{"first_name":"Grace","last_name":"Hopper","email":"grace@navy.test","tags":"vip"}})",
        201);
    auto search = [&](const std::string& q) {
        std::vector<std::string> names;
        json::object found = api(f, s, "GET", "/customers/search.json?query=" + q, "", 200);
        for (auto& x : found["customers"].as_array())
            names.emplace_back(x.as_object().at("first_name").as_string());
        return names;
    };
    CHECK(search("tag:vip").size() == 2);
    CHECK(search("email:ada@example.test") == std::vector<std::string>{"Ada"});
    CHECK(search("hopp") == std::vector<std::string>{"Grace"});
    CHECK(search("country:GB") == std::vector<std::string>{"Ada"});
    CHECK(search("accepts_marketing:true") == std::vector<std::string>{"Ada"});

    // Addresses have their own routes; the default cannot be deleted while others exist.
    auto addresses =
        api(f, s, "GET", "/customers/" + id + "/addresses.json", "", 200)["addresses"].as_array();
    REQUIRE(addresses.size() == 2);
    std::string london = std::to_string(addresses[0].as_object().at("id").as_int64());
    std::string paris = std::to_string(addresses[1].as_object().at("id").as_int64());
    api(f, s, "DELETE", "/customers/" + id + "/addresses/" + paris + ".json", "", 422);
    api(f, s, "PUT", "/customers/" + id + "/addresses/" + london + "/default.json", "", 200);
    api(f, s, "DELETE", "/customers/" + id + "/addresses/" + paris + ".json", "", 200);
    auto added =
        api(f, s, "POST", "/customers/" + id + "/addresses.json",
            R"({"address":{"address1":"3 Loom Lane","city":"Leeds","country_code":"GB"}})", 201);
    CHECK(added["customer_address"].as_object().at("default") == false);

    // Consent changes move consent_updated_at; unrelated updates keep it.
    f.clock().advance(std::chrono::hours(1));
    auto unchanged = api(f, s, "PUT", "/customers/" + id + ".json",
                         R"({"customer":{"note":"likes tea"}})", 200)["customer"]
                         .as_object();
    CHECK(unchanged["email_marketing_consent"].as_object().at("consent_updated_at") ==
          consent["consent_updated_at"]);
    auto unsub =
        api(f, s, "PUT", "/customers/" + id + ".json",
            R"({"customer":{"email_marketing_consent":{"state":"unsubscribed"}}})", 200)["customer"]
            .as_object();
    CHECK(unsub["email_marketing_consent"].as_object().at("consent_updated_at") !=
          consent["consent_updated_at"]);
    CHECK(api(f, s, "GET", "/customers/count.json", "", 200)["count"] == 2);
    api(f, s, "DELETE", "/customers/" + id + ".json", "", 200);
    CHECK(api(f, s, "GET", "/customers/count.json", "", 200)["count"] == 1);
}

TEST_CASE("inventory levels are set, adjusted and connected, and every change is in the ledger") {
    PlatformFixture f;
    Signup s = f.signup("stock-shop");
    auto locations = api(f, s, "GET", "/locations.json", "", 200)["locations"].as_array();
    REQUIRE(locations.size() == 1);
    std::string location = std::to_string(locations[0].as_object().at("id").as_int64());
    json::object p =
        api(f, s, "POST", "/products.json",
            R"({"product":{"title":"Socks","variants":[{"sku":"SOCK","inventory_management":"shopify","inventory_quantity":10}]}})",
            201)["product"]
            .as_object();
    std::int64_t item_id =
        p["variants"].as_array()[0].as_object().at("inventory_item_id").as_int64();
    std::string item = std::to_string(item_id);

    auto levels = api(f, s, "GET", "/inventory_levels.json?inventory_item_ids=" + item, "",
                      200)["inventory_levels"]
                      .as_array();
    REQUIRE(levels.size() == 1);
    CHECK(levels[0].as_object().at("available") == 10);

    auto adjusted = api(f, s, "POST", "/inventory_levels/adjust.json",
                        R"({"location_id":)" + location + R"(,"inventory_item_id":)" + item +
                            R"(,"available_adjustment":-3,"reason":"damaged"})",
                        200)["inventory_level"]
                        .as_object();
    CHECK(adjusted["available"] == 7);
    auto set = api(f, s, "POST", "/inventory_levels/set.json",
                   R"({"location_id":)" + location + R"(,"inventory_item_id":)" + item +
                       R"(,"available":42})",
                   200)["inventory_level"]
                   .as_object();
    CHECK(set["available"] == 42);
    CHECK(api(f, s, "GET", "/products/" + std::to_string(p["id"].as_int64()) + ".json", "",
              200)["product"]
              .as_object()
              .at("variants")
              .as_array()[0]
              .as_object()
              .at("inventory_quantity") == 42);

    auto ledger = api(f, s, "GET", "/inventory_items/" + item + "/adjustments.json", "",
                      200)["inventory_adjustments"]
                      .as_array();
    REQUIRE(ledger.size() == 3);
    CHECK(ledger[0].as_object().at("delta") == 35);
    CHECK(ledger[0].as_object().at("reason") == "correction");
    CHECK(ledger[1].as_object().at("delta") == -3);
    CHECK(ledger[1].as_object().at("reason") == "damaged");
    CHECK(ledger[2].as_object().at("reason") == "received");

    api(f, s, "POST", "/inventory_levels/adjust.json",
        R"({"location_id":)" + location + R"(,"inventory_item_id":)" + item +
            R"(,"available_adjustment":1,"reason":"because"})",
        422);
    api(f, s, "POST", "/inventory_levels/set.json",
        R"({"location_id":999,"inventory_item_id":)" + item + R"(,"available":1})", 422);

    // Customs data lives on the inventory item.
    auto updated =
        api(f, s, "PUT", "/inventory_items/" + item + ".json",
            R"({"inventory_item":{"cost":"2.50","harmonized_system_code":"611595","country_code_of_origin":"TR"}})",
            200)["inventory_item"]
            .as_object();
    CHECK(updated["cost"] == "2.50");
    CHECK(updated["country_code_of_origin"] == "TR");
    CHECK(api(f, s, "GET", "/inventory_items.json?ids=" + item, "", 200)["inventory_items"]
              .as_array()
              .size() == 1);

    HttpResult removed = f.send(
        "DELETE", s.host,
        kApi + "/inventory_levels.json?inventory_item_id=" + item + "&location_id=" + location, "",
        token_headers(s.admin_token));
    CHECK(removed.status == 204);
    api(f, s, "POST", "/inventory_levels/adjust.json",
        R"({"location_id":)" + location + R"(,"inventory_item_id":)" + item +
            R"(,"available_adjustment":1})",
        422);
    auto connected =
        api(f, s, "POST", "/inventory_levels/connect.json",
            R"({"location_id":)" + location + R"(,"inventory_item_id":)" + item + "}", 201);
    CHECK(connected["inventory_level"].as_object().at("available") == 0);
}

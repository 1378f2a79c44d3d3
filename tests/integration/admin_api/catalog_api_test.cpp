// Products, variants, options, images, collections, collects, metafields, search and pagination
// through the Admin REST API, as Shopify tooling calls them.

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "base/crypto/secrets.hpp"
#include "tests/integration/admin_api/admin_api_support.hpp"

using namespace station::testing;
namespace json = boost::json;

namespace {

json::object create_tee(PlatformFixture& f, const Signup& s) {
    return api(f, s, "POST", "/products.json", R"({"product":{
        "title":"Organic Tee","vendor":"Acme","product_type":"Shirts","tags":"summer, cotton",
        "options":[{"name":"Size"},{"name":"Color"}],
        "variants":[
          {"option1":"S","option2":"Red","price":"19.00","sku":"TEE-S-R","inventory_quantity":5,
           "weight":"0.2","weight_unit":"kg","harmonized_system_code":"610910",
           "country_code_of_origin":"PT"},
          {"option1":"M","option2":"Red","price":"19.50","compare_at_price":"25","sku":"TEE-M-R"}
        ]}})",
               201)["product"]
        .as_object();
}

// A 1×1 PNG.
const std::string kPngBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg"
    "==";

}  // namespace

TEST_CASE("products are created, read, updated and deleted in Shopify's shapes") {
    PlatformFixture f;
    Signup s = f.signup("catalog-crud");
    json::object p = create_tee(f, s);
    CHECK(p["handle"] == "organic-tee");
    CHECK(p["status"] == "active");
    CHECK(p["tags"] == "summer, cotton");
    CHECK(p["admin_graphql_api_id"].as_string().starts_with("gid://shopify/Product/"));
    auto& variants = p["variants"].as_array();
    REQUIRE(variants.size() == 2);
    CHECK(variants[0].as_object().at("title") == "S / Red");
    CHECK(variants[0].as_object().at("price") == "19.00");
    CHECK(variants[0].as_object().at("inventory_quantity") == 5);
    CHECK(variants[0].as_object().at("grams") == 200);
    CHECK(variants[0].as_object().at("harmonized_system_code") == "610910");
    CHECK(variants[1].as_object().at("compare_at_price") == "25.00");
    auto& options = p["options"].as_array();
    REQUIRE(options.size() == 2);
    CHECK(options[0].as_object().at("name") == "Size");
    CHECK(options[0].as_object().at("values").as_array().size() == 2);
    std::string id = std::to_string(p["id"].as_int64());

    json::object got = api(f, s, "GET", "/products/" + id + ".json?fields=id,title", "", 200);
    CHECK(got["product"].as_object().size() == 2);

    // An update keeps what it does not mention and replaces the variant list when given.
    std::string keep = std::to_string(variants[0].as_object().at("id").as_int64());
    json::object updated = api(f, s, "PUT", "/products/" + id + ".json",
                               R"({"product":{"title":"Organic Tee 2","variants":[{"id":)" + keep +
                                   R"(,"price":"21.00"},{"option1":"L","option2":"Blue"}]}})",
                               200)["product"]
                               .as_object();
    CHECK(updated["title"] == "Organic Tee 2");
    CHECK(updated["vendor"] == "Acme");
    CHECK(updated["handle"] == "organic-tee");
    REQUIRE(updated["variants"].as_array().size() == 2);
    CHECK(updated["variants"].as_array()[0].as_object().at("price") == "21.00");
    CHECK(updated["variants"].as_array()[0].as_object().at("sku") == "TEE-S-R");
    CHECK(updated["variants"].as_array()[1].as_object().at("title") == "L / Blue");

    CHECK(api(f, s, "GET", "/products/count.json", "", 200)["count"] == 1);
    api(f, s, "DELETE", "/products/" + id + ".json", "", 200);
    api(f, s, "GET", "/products/" + id + ".json", "", 404);
    CHECK(api(f, s, "GET", "/products/count.json", "", 200)["count"] == 0);
}

TEST_CASE("variants have their own routes and money keeps the currency's exponent") {
    PlatformFixture f;
    Signup s = f.signup("variants-shop");
    json::object p =
        api(f, s, "POST", "/products.json",
            R"({"product":{"title":"Mug","variants":[{"price":"12.5"}]}})", 201)["product"]
            .as_object();
    std::string id = std::to_string(p["id"].as_int64());
    CHECK(p["variants"].as_array()[0].as_object().at("price") == "12.50");
    // The first real variant replaces the default one.
    json::object v =
        api(f, s, "POST", "/products/" + id + "/variants.json",
            R"({"variant":{"option1":"Large","price":"15.00","sku":"MUG-L"}})", 201)["variant"]
            .as_object();
    CHECK(v["title"] == "Large");
    CHECK(api(f, s, "GET", "/products/" + id + "/variants/count.json", "", 200)["count"] == 1);
    api(f, s, "POST", "/products/" + id + "/variants.json",
        R"({"variant":{"option1":"Small","price":9.99}})", 201);
    std::string vid = std::to_string(v["id"].as_int64());
    json::object changed = api(f, s, "PUT", "/variants/" + vid + ".json",
                               R"({"variant":{"price":"16.25"}})", 200)["variant"]
                               .as_object();
    CHECK(changed["price"] == "16.25");
    CHECK(changed["sku"] == "MUG-L");
    // Duplicate option values are refused with Shopify's message.
    json::object dup = api(f, s, "POST", "/products/" + id + "/variants.json",
                           R"({"variant":{"option1":"Small"}})", 422);
    CHECK(dup["errors"].as_object().at("variants").as_array()[0] ==
          "The variant 'Small' already exists.");
    api(f, s, "DELETE", "/products/" + id + "/variants/" + vid + ".json", "", 200);
    CHECK(api(f, s, "GET", "/products/" + id + "/variants/count.json", "", 200)["count"] == 1);
    json::object prices =
        api(f, s, "PUT", "/variants/" + vid + ".json", R"({"variant":{"price":"1.234"}})", 0);
    CHECK(prices.contains("errors"));
}

TEST_CASE("list filters, fields and cursor pagination with Link headers") {
    PlatformFixture f;
    Signup s = f.signup("paging-shop");
    for (int i = 0; i < 7; ++i) {
        std::string vendor = i % 2 ? "Odd" : "Even";
        api(f, s, "POST", "/products.json",
            R"({"product":{"title":"P)" + std::to_string(i) + R"(","vendor":")" + vendor +
                R"(","status":")" + (i == 6 ? "draft" : "active") + R"("}})",
            201);
    }
    CHECK(api(f, s, "GET", "/products/count.json?vendor=Odd", "", 200)["count"] == 3);
    CHECK(api(f, s, "GET", "/products/count.json?status=draft", "", 200)["count"] == 1);
    auto page = f.get(s.host, kApi + "/products.json?limit=3&vendor=Even&fields=id,title",
                      token_headers(s.admin_token));
    REQUIRE(page.status == 200);
    auto first = parse_object(page.body)["products"].as_array();
    CHECK(first.size() == 3);
    CHECK(first[0].as_object().size() == 2);
    std::string link = page.header("link");
    INFO(link);
    REQUIRE(link.find("rel=\"next\"") != std::string::npos);
    CHECK(link.find("rel=\"previous\"") == std::string::npos);
    auto start = link.find("page_info=") + 10;
    std::string cursor = link.substr(start, link.find_first_of("&>", start) - start);
    auto next = f.get(s.host, kApi + "/products.json?limit=3&page_info=" + cursor,
                      token_headers(s.admin_token));
    REQUIRE(next.status == 200);
    auto second = parse_object(next.body)["products"].as_array();
    CHECK(second.size() == 1);  // 4 "Even" products: the filter travels in the cursor
    CHECK(next.header("link").find("rel=\"previous\"") != std::string::npos);
    CHECK(next.header("link").find("rel=\"next\"") == std::string::npos);
    // page_info may not be combined with filters.
    auto mixed = f.get(s.host, kApi + "/products.json?vendor=Odd&page_info=" + cursor,
                       token_headers(s.admin_token));
    CHECK(mixed.status == 400);
    CHECK(
        f.get(s.host, kApi + "/products.json?page_info=zz", token_headers(s.admin_token)).status ==
        400);
    CHECK(f.get(s.host, kApi + "/products.json?limit=251", token_headers(s.admin_token)).status ==
          400);
    auto since =
        api(f, s, "GET",
            "/products.json?since_id=" + std::to_string(first[2].as_object().at("id").as_int64()),
            "", 200);
    CHECK(since["products"].as_array().size() == 2);  // ids 6 and 7
}

TEST_CASE("custom and smart collections, collects and collection products") {
    PlatformFixture f;
    Signup s = f.signup("collections-shop");
    json::object tee = create_tee(f, s);
    json::object mug =
        api(f, s, "POST", "/products.json",
            R"({"product":{"title":"Mug","vendor":"Kiln","tags":"kitchen","variants":[{"price":"9.00"}]}})",
            201)["product"]
            .as_object();
    json::object custom =
        api(f, s, "POST", "/custom_collections.json",
            R"({"custom_collection":{"title":"Front page","collects":[{"product_id":)" +
                std::to_string(mug["id"].as_int64()) + "}]}}",
            201)["custom_collection"]
            .as_object();
    CHECK(custom["sort_order"] == "manual");
    CHECK(custom["products_count"] == 1);
    json::object collect =
        api(f, s, "POST", "/collects.json",
            R"({"collect":{"collection_id":)" + std::to_string(custom["id"].as_int64()) +
                R"(,"product_id":)" + std::to_string(tee["id"].as_int64()) + "}}",
            201)["collect"]
            .as_object();
    CHECK(collect["position"] == 2);
    auto dup = api(f, s, "POST", "/collects.json",
                   R"({"collect":{"collection_id":)" + std::to_string(custom["id"].as_int64()) +
                       R"(,"product_id":)" + std::to_string(tee["id"].as_int64()) + "}}",
                   422);
    json::object smart =
        api(f, s, "POST", "/smart_collections.json",
            R"({"smart_collection":{"title":"Cheap summer","disjunctive":false,"rules":[
                                 {"column":"tag","relation":"equals","condition":"summer"},
                                 {"column":"variant_price","relation":"less_than","condition":"20"}]}})",
            201)["smart_collection"]
            .as_object();
    CHECK(smart["products_count"] == 1);
    CHECK(smart["rules"].as_array().size() == 2);
    std::string smart_id = std::to_string(smart["id"].as_int64());
    auto members = api(f, s, "GET", "/collections/" + smart_id + "/products.json", "", 200);
    REQUIRE(members["products"].as_array().size() == 1);
    CHECK(members["products"].as_array()[0].as_object().at("title") == "Organic Tee");
    // Membership follows product changes.
    api(f, s, "PUT", "/products/" + std::to_string(mug["id"].as_int64()) + ".json",
        R"({"product":{"tags":"kitchen, summer"}})", 200);
    CHECK(api(f, s, "GET", "/products/count.json?collection_id=" + smart_id, "", 200)["count"] ==
          2);
    // Smart collections refuse manual collects; bad rules are 422.
    api(f, s, "POST", "/collects.json",
        R"({"collect":{"collection_id":)" + smart_id + R"(,"product_id":)" +
            std::to_string(tee["id"].as_int64()) + "}}",
        422);
    api(f, s, "POST", "/smart_collections.json",
        R"({"smart_collection":{"title":"Bad","rules":[{"column":"colour","relation":"equals","condition":"x"}]}})",
        422);
    CHECK(api(f, s, "GET", "/custom_collections/count.json", "", 200)["count"] == 1);
    CHECK(api(f, s, "GET",
              "/collects.json?collection_id=" + std::to_string(custom["id"].as_int64()), "",
              200)["collects"]
              .as_array()
              .size() == 2);
    api(f, s, "DELETE", "/collects/" + std::to_string(collect["id"].as_int64()) + ".json", "", 200);
    api(f, s, "DELETE", "/smart_collections/" + smart_id + ".json", "", 200);
    api(f, s, "GET", "/smart_collections/" + smart_id + ".json", "", 404);
}

TEST_CASE("metafields on the shop and on products, typed and unique per namespace and key") {
    PlatformFixture f;
    Signup s = f.signup("metafield-shop");
    json::object p = create_tee(f, s);
    std::string pid = std::to_string(p["id"].as_int64());
    json::object m =
        api(f, s, "POST", "/products/" + pid + "/metafields.json",
            R"({"metafield":{"namespace":"specs","key":"fabric","type":"single_line_text_field","value":"cotton"}})",
            201)["metafield"]
            .as_object();
    CHECK(m["owner_resource"] == "product");
    api(f, s, "POST", "/products/" + pid + "/metafields.json",
        R"({"metafield":{"namespace":"specs","key":"gsm","type":"number_integer","value":"heavy"}})",
        422);
    api(f, s, "POST", "/metafields.json",
        R"({"metafield":{"namespace":"store","key":"motto","type":"single_line_text_field","value":"hi"}})",
        201);
    CHECK(api(f, s, "GET", "/products/" + pid + "/metafields/count.json", "", 200)["count"] == 1);
    CHECK(api(f, s, "GET", "/metafields.json", "", 200)["metafields"].as_array().size() == 1);
    std::string mid = std::to_string(m["id"].as_int64());
    CHECK(api(f, s, "PUT", "/metafields/" + mid + ".json", R"({"metafield":{"value":"linen"}})",
              200)["metafield"]
              .as_object()
              .at("value") == "linen");
    api(f, s, "GET", "/products/999999/metafields.json", "", 404);
    api(f, s, "DELETE", "/products/" + pid + "/metafields/" + mid + ".json", "", 200);
    CHECK(api(f, s, "GET", "/products/" + pid + "/metafields/count.json", "", 200)["count"] == 0);
}

TEST_CASE("product images are stored per store, served from its domain, and listed") {
    PlatformFixture f;
    Signup s = f.signup("image-shop");
    json::object p = create_tee(f, s);
    std::string pid = std::to_string(p["id"].as_int64());
    std::string vid = std::to_string(p["variants"].as_array()[0].as_object().at("id").as_int64());
    json::object image =
        api(f, s, "POST", "/products/" + pid + "/images.json",
            R"({"image":{"attachment":")" + kPngBase64 +
                R"(","filename":"Front View.png","alt":"front","variant_ids":[)" + vid + "]}}",
            201)["image"]
            .as_object();
    CHECK(image["width"] == 1);
    CHECK(image["variant_ids"].as_array().size() == 1);
    std::string src(image["src"].as_string());
    auto path = src.substr(src.find("/files/"));
    auto served = f.get(s.host, path);
    CHECK(served.status == 200);
    CHECK(served.header("content-type") == "image/png");
    CHECK(served.body.substr(1, 3) == "PNG");
    CHECK(f.get(s.host, "/files/products/" + pid + "/..%2fstore.db").status == 404);
    json::object product =
        api(f, s, "GET", "/products/" + pid + ".json", "", 200)["product"].as_object();
    CHECK(product["image"].as_object().at("id") == image["id"]);
    CHECK(product["variants"].as_array()[0].as_object().at("image_id") == image["id"]);
    api(f, s, "POST", "/products/" + pid + "/images.json",
        R"({"image":{"attachment":"bm90IGFuIGltYWdl"}})", 422);
    std::string iid = std::to_string(image["id"].as_int64());
    api(f, s, "DELETE", "/products/" + pid + "/images/" + iid + ".json", "", 200);
    CHECK(f.get(s.host, path).status == 404);
}

TEST_CASE("resized renditions are made on request and snap to a fixed ladder of widths") {
    PlatformFixture f;
    Signup s = f.signup("rendition-shop");
    TempDir dir;
    // A 400×300 RGB PNG written by Python's standard library.
    const char* script = R"py(
import struct, sys, zlib
w, h = 400, 300
raw = b"".join(b"\x00" + b"".join(bytes((x * 255 // w, y * 255 // h, 128)) for x in range(w))
               for y in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" +
    chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
    chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
)py";
    auto python = ChildProcess::spawn({"python3", "-c", script, (dir / "big.png").string()});
    REQUIRE(python.wait(10000) == 0);
    std::ifstream in(dir / "big.png", std::ios::binary);
    std::ostringstream png;
    png << in.rdbuf();
    json::object p =
        api(f, s, "POST", "/products.json", R"({"product":{"title":"Poster"}})", 201)["product"]
            .as_object();
    json::object image =
        api(f, s, "POST", "/products/" + std::to_string(p["id"].as_int64()) + "/images.json",
            R"({"image":{"attachment":")" + station::crypto::base64_encode(png.str()) +
                R"(","filename":"poster.png"}})",
            201)["image"]
            .as_object();
    CHECK(image["width"] == 400);
    CHECK(image["height"] == 300);
    std::string src(image["src"].as_string());
    std::string path = src.substr(src.find("/files/"));
    auto width_of = [](const std::string& bytes) {
        return (static_cast<unsigned char>(bytes[16]) << 24) |
               (static_cast<unsigned char>(bytes[17]) << 16) |
               (static_cast<unsigned char>(bytes[18]) << 8) | static_cast<unsigned char>(bytes[19]);
    };
    auto small = f.get(s.host, path + "?width=90");
    REQUIRE(small.status == 200);
    CHECK(small.header("content-type") == "image/png");
    CHECK(width_of(small.body) == 100);  // 90 snaps up to the 100 px rendition
    CHECK(small.body.size() < png.str().size());
    auto again = f.get(s.host, path + "?width=100");
    CHECK(again.body == small.body);  // served from the cached rendition
    CHECK(width_of(f.get(s.host, path + "?width=3000").body) == 400);  // never upscaled
    CHECK(f.get(s.host, path + "?width=abc").status == 400);
}

TEST_CASE("full-text product search matches prefixes of title, tags, SKU and vendor") {
    PlatformFixture f;
    Signup s = f.signup("search-shop");
    create_tee(f, s);
    api(f, s, "POST", "/products.json",
        R"({"product":{"title":"Cotton Tote","vendor":"Harbor","variants":[{"sku":"TOTE-1"}]}})",
        201);
    auto titles = [&](const std::string& q) {
        std::vector<std::string> out;
        json::object found = api(f, s, "GET", "/products/search.json?query=" + q, "", 200);
        for (auto& p : found["products"].as_array())
            out.emplace_back(p.as_object().at("title").as_string());
        return out;
    };
    CHECK(titles("cott").size() == 2);          // tag of the tee, title of the tote
    CHECK(titles("cott")[0] == "Cotton Tote");  // a title match ranks first
    CHECK(titles("TEE-M") == std::vector<std::string>{"Organic Tee"});
    CHECK(titles("harb") == std::vector<std::string>{"Cotton Tote"});
    CHECK(titles("acme%20tee") == std::vector<std::string>{"Organic Tee"});
    CHECK(titles("%22%29%28*").empty());  // FTS syntax in the input is just text
}

// Lax-mode output compared byte for byte with Ruby Liquid 5.4 (cases and expectations in
// ruby_lax_cases.json and ruby_lax_random_cases.json, produced by regenerate_ruby_lax_cases.rb).

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "liquid_test_support.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"

using namespace station::liquid;

namespace {

// Renders every case of a Ruby-verified file and compares with Ruby's output. A case's own
// "data" and "partials" override the file's shared ones.
void check_against_ruby(const std::string& file, std::size_t minimum_cases) {
    std::ifstream in(std::string(STATION_SOURCE_DIR "/tests/unit/liquid/") + file);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    boost::json::value doc = boost::json::parse(text.str());
    const auto& root = doc.as_object();
    const auto& cases = root.at("cases").as_array();
    REQUIRE(cases.size() >= minimum_cases);
    for (const auto& entry : cases) {
        const auto& c = entry.as_object();
        std::string source(c.at("template").as_string());
        INFO(file << ": " << source);
        MemoryPartialLoader partials(Environment::standard(), ParseOptions{});
        const auto* given =
            c.contains("partials") ? c.if_contains("partials") : root.if_contains("partials");
        if (given != nullptr) {
            for (const auto& [name, partial] : given->as_object()) {
                partials.add(std::string(name), std::string(partial.as_string()));
            }
        }
        const auto* data = c.contains("data") ? c.if_contains("data") : root.if_contains("data");
        RenderOptions options;
        options.partials = &partials;
        auto out = render(*testing::compile(source), data ? from_json(*data) : Value(), options);
        REQUIRE(out);
        CHECK(out.value() == std::string(c.at("output").as_string()));
    }
}

}  // namespace

TEST_CASE("lax rendering matches Ruby Liquid 5.4 byte for byte") {
    check_against_ruby("ruby_lax_cases.json", 60);
}

TEST_CASE("random templates render as Ruby Liquid 5.4 renders them") {
    check_against_ruby("ruby_lax_random_cases.json", 200);
}

TEST_CASE("the product page fixture renders exactly as Ruby Liquid does") {
    auto read = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    };
    const std::string dir = STATION_SHARED_DIR "/bench/";
    // The fixture's `money` and `handleize`, as the shared bench defines them.
    auto money = [](RenderContext&, const Value& input, const FilterArgs&) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "$%.2f", static_cast<double>(input.as_int()) / 100);
        return Value::string(buf);
    };
    auto handleize = [](RenderContext&, const Value& input, const FilterArgs&) {
        std::string out;
        bool dash = false;
        for (char c : input.as_string()) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (alnum && dash && !out.empty()) out += '-';
            dash = !alnum;
            if (alnum) out += c;
        }
        return Value::string(out);
    };
    auto environment = Environment::Builder()
                           .add_filter({"money", money, 0, 0, nullptr})
                           .add_filter({"handleize", handleize, 0, 0, nullptr})
                           .build();
    MemoryPartialLoader partials(environment, ParseOptions{});
    partials.add("product_card", read(dir + "tpl/product_card.liquid"));
    RenderOptions options;
    options.partials = &partials;
    auto tpl = testing::compile(read(dir + "tpl/product.liquid"), Mode::kStrict, environment);
    auto data = from_json(boost::json::parse(read(dir + "data.json")));
    CHECK(render(*tpl, data, options).value() == read(dir + "product.expected.html"));
}

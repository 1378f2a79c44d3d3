// One compiled template (and one data tree, and one partial loader) shared by concurrent renders.

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "liquid_test_support.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"

using namespace station::liquid;

TEST_CASE("a compiled template renders identically from many threads at once") {
    constexpr std::string_view kSource =
        "{% for p in products %}{% render 'card', product: p, position: forloop.index %}"
        "{% cycle 'odd', 'even' %}{% endfor %}{% assign total = products | map: 'price' | sum %}"
        "{{ total | times: 1.1 | round: 2 }} {{ 'now' | date: '%Y' | size }}";
    auto tpl = testing::compile(kSource, Mode::kStrict);
    MemoryPartialLoader partials(Environment::standard(), ParseOptions{});
    partials.add("card",
                 "<li>{{ position }}. {{ product.title | upcase | escape }}"
                 "{% if product.price > 20 %} (premium){% endif %}</li>");
    std::string products = "[";
    for (int i = 0; i < 50; ++i) {
        if (i > 0) products += ",";
        products +=
            R"({"title":"item <)" + std::to_string(i) + R"(>","price":)" + std::to_string(i) + "}";
    }
    products += "]";
    const Value data = testing::json_data(R"({"products":)" + products + "}");
    RenderOptions options;
    options.partials = &partials;
    const std::string expected = render(*tpl, data, options).value();
    REQUIRE(expected.find("50. ITEM &lt;49&gt; (premium)") != std::string::npos);

    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                auto out = render(*tpl, data, options);
                if (!out || out.value() != expected) ++mismatches;
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    CHECK(mismatches == 0);
}

TEST_CASE("partials are compiled once even when first requested concurrently") {
    MemoryPartialLoader partials(Environment::standard(), ParseOptions{});
    partials.add("p", "{{ x }}");
    std::vector<TemplatePtr> seen(8);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] { seen[t] = partials.load("p").value(); });
    }
    for (auto& thread : threads)
        thread.join();
    for (const auto& tpl : seen)
        CHECK(tpl == seen[0]);
}

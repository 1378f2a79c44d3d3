// Scopes as Shopify Liquid defines them: `render` partials are isolated, `include` partials share
// the caller's variables, counters and cycles belong to the template being rendered.

#include <catch2/catch.hpp>

#include "liquid_test_support.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"

using namespace station::liquid;
using testing::compile;
using testing::json_data;

namespace {

struct Fixture {
    MemoryPartialLoader partials{Environment::standard(), ParseOptions{}};
    RenderOptions options;
    Value globals;

    Fixture() { options.partials = &partials; }

    std::string run(std::string_view source, std::string_view data = "{}") {
        return render(*compile(source), json_data(data), options).value();
    }
};

}  // namespace

TEST_CASE("render partials see only what is passed to them, plus globals") {
    Fixture f;
    f.partials.add("show", "[{{ local }}|{{ passed }}|{{ shop }}|{{ product.title }}]");
    f.globals = json_data(R"({"shop":"Acme"})");
    f.options.globals = &f.globals;
    CHECK(f.run("{% assign local = 'L' %}{% render 'show', passed: local %}",
                R"({"product":{"title":"Tee"}})") == "[|L|Acme|]");
    f.partials.add("product", "{{ product.title }}");
    CHECK(f.run("{% render 'product' with item %}", R"({"item":{"title":"Tee"}})") == "Tee");
}

TEST_CASE("include partials share the caller's scope") {
    Fixture f;
    f.partials.add("set", "{{ greeting }}{% assign greeting = 'bye' %}");
    CHECK(f.run("{% assign greeting = 'hi' %}{% include 'set' %} {{ greeting }}") == "hi bye");
    f.partials.add("product", "{{ product.title }}");
    CHECK(f.run("{% include 'product' %}", R"({"product":{"title":"Tee"}})") == "Tee");
}

TEST_CASE("break inside an include stops the caller's loop; render partials cannot") {
    Fixture f;
    f.partials.add("stop", "{{ i }}{% break %}");
    CHECK(f.run("{% for i in (1..3) %}{% include 'stop' %}{% endfor %}") == "1");
    CHECK(f.run("{% for i in (1..3) %}{% render 'stop', i: i %}{% endfor %}") == "123");
}

TEST_CASE("include is refused inside render partials") {
    Fixture f;
    f.partials.add("outer", "{% include 'inner' %}");
    f.partials.add("inner", "x");
    CHECK(f.run("{% render 'outer' %}") ==
          "Liquid error (outer line 1): include usage is not allowed in this context");
}

TEST_CASE("counters and cycles are per template execution") {
    Fixture f;
    f.partials.add("count", "{% increment n %}{% cycle 'a', 'b' %}");
    CHECK(f.run("{% increment n %}{% cycle 'a', 'b' %}{% render 'count' %}"
                "{% include 'count' %}{% increment n %}") == "0a0a1b2");
}

TEST_CASE("for loops expose forloop and parentloop; render-for loops have no parent") {
    Fixture f;
    CHECK(f.run("{% for i in (1..2) %}{% for j in (1..2) %}{{ forloop.parentloop.index }}"
                "{{ forloop.index }}{% if forloop.last %};{% endif %}{% endfor %}{% endfor %}") ==
          "1112;2122;");
    f.partials.add("item", "{{ item }}{{ forloop.index }}{{ forloop.parentloop.index }},");
    CHECK(f.run("{% for x in (1..1) %}{% render 'item' for list %}{% endfor %}",
                R"({"list":["a","b"]})") == "a1,b2,");
}

TEST_CASE("assign writes the template's outer scope, even from inside loops") {
    Fixture f;
    CHECK(f.run("{% for i in (1..3) %}{% assign last = i %}{% endfor %}{{ last }}{{ i }}") == "3");
    CHECK(f.run("{% assign x = 1 %}{% for x in (5..6) %}{{ x }}{% endfor %}{{ x }}") == "561");
}

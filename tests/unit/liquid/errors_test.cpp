// Error reporting in lax mode (inline, as Shopify's storefront prints them) and strict mode
// (typed errors with template:line:column). Messages are Ruby Liquid 5.4's.

#include <catch2/catch.hpp>

#include "liquid_test_support.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"

using namespace station::liquid;
using testing::compile;
using testing::render_lax;
using testing::render_strict;

namespace {

Error parse_error(std::string_view source, std::string name = "templates/page") {
    ParseOptions options;
    options.mode = Mode::kStrict;
    options.name = std::move(name);
    auto tpl = Template::parse(Environment::standard(), source, options);
    REQUIRE_FALSE(tpl);
    return tpl.error();
}

}  // namespace

TEST_CASE("lax mode prints syntax errors inline and renders the rest") {
    CHECK(render_lax("a{% nosuch %}b") == "aLiquid syntax error (line 1): Unknown tag 'nosuch'b");
    CHECK(render_lax("x\n{{ y }\nz", R"({"y":1})") ==
          "x\nLiquid syntax error (line 2): Variable '{{ y }' was not properly terminated with "
          "regexp: /\\}\\}/\nz");
    CHECK(render_lax("{% if true %}yes{% endfor %}{% endif %}!") ==
          "yesLiquid syntax error (line 1): 'endfor' is not a valid delimiter for if tags. use "
          "endif!");
    auto tpl = compile("{% else %}{% endif %}");
    REQUIRE(tpl->syntax_errors().size() == 2);
    CHECK(tpl->syntax_errors()[0].message == "Unexpected outer 'else' tag");
}

TEST_CASE("lax mode accepts what Ruby's lax parser accepts") {
    CHECK(render_lax("{{ foo bar }}", R"({"foo":"F"})") == "F");
    CHECK(render_lax("{{ 'x' | upcase: }}") == "X");
    CHECK(render_lax("{{ x | no_such_filter | upcase }}", R"({"x":"a"})") == "A");
    CHECK(render_lax("{% if a = b %}y{% endif %}", R"({"a":1,"b":1})") ==
          "Liquid error (line 1): Unknown operator =");
}

TEST_CASE("lax runtime errors are inline, named after the partial they happen in") {
    CHECK(render_lax("{{ 10 | divided_by: 0 }} after") ==
          "Liquid error (line 1): divided by 0 after");
    MemoryPartialLoader partials(Environment::standard(), ParseOptions{});
    partials.add("snippets/card", "ok\n{{ 'a' | plus: 1 | divided_by: 0 }}");
    RenderOptions options;
    options.partials = &partials;
    std::vector<Error> errors;
    options.errors = &errors;
    CHECK(render_lax("{% render 'snippets/card' %}", {}, options) ==
          "ok\nLiquid error (snippets/card line 2): divided by 0");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].template_name == "snippets/card");
    CHECK(errors[0].line == 2);
    CHECK(errors[0].kind == ErrorKind::kZeroDivision);
}

TEST_CASE("errors in tags that print nothing are recorded but not shown") {
    std::vector<Error> errors;
    RenderOptions options;
    options.errors = &errors;
    CHECK(render_lax("[{% assign x = 1 | divided_by: 0 %}]", {}, options) == "[]");
    CHECK(errors.size() == 1);
}

TEST_CASE("strict parse errors carry template, line and column") {
    Error error = parse_error("a\n  {% if x = %}y{% endif %}");
    CHECK(error.kind == ErrorKind::kSyntax);
    CHECK(error.line == 2);
    CHECK(error.column == 3);
    CHECK(error.to_string() ==
          "Liquid syntax error (templates/page line 2): Unexpected character = in \"x =\"");
    CHECK(error.describe() ==
          "templates/page:2:3: Liquid syntax error: Unexpected character = in \"x =\"");

    CHECK(parse_error("{% for x in %}{% endfor %}").message ==
          "[:end_of_string] is not a valid expression in \"x in\"");
    CHECK(parse_error("{{ a | }}").message ==
          "Expected id but found end_of_string in \"{{ a | }}\"");
    CHECK(parse_error("{% assign = 1 %}").message ==
          "Syntax Error in 'assign' - Valid syntax: assign [var] = [source]");
    CHECK(parse_error("x\n{% if true %}").message == "'if' tag was never closed");
}

TEST_CASE("strict mode rejects unknown filters and wrong filter arity at parse time") {
    Error unknown = parse_error("line\n{{ x | nope }}");
    CHECK(unknown.kind == ErrorKind::kUndefinedFilter);
    CHECK(unknown.message == "undefined filter nope");
    CHECK(unknown.line == 2);
    Error arity = parse_error("{{ 1 | at_most }}");
    CHECK(arity.kind == ErrorKind::kArgument);
    CHECK(arity.message == "wrong number of arguments (given 1, expected 2)");
}

TEST_CASE("strict rendering stops at the first error") {
    CHECK(render_strict("a\n{{ 1 | divided_by: 0 }}") ==
          "render error: <template>:2: Liquid error: divided by 0");
    RenderOptions options;
    options.strict_variables = true;
    CHECK(render_strict("{{ foo }}", "{}", options) ==
          "render error: <template>:1: Liquid error: undefined variable foo");
    CHECK(render_strict("{{ a.b }}", R"({"a":{}})", options) ==
          "render error: <template>:1: Liquid error: undefined variable b");
    CHECK(render_strict("{{ a.b }}", R"({"a":{"b":2}})", options) == "2");
}

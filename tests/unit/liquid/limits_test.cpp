// Resource limits: each one stops a runaway template with a clear Liquid error, never a crash
// or a hang. Deadlines are tested with an injected clock, not by sleeping.

#include <catch2/catch.hpp>

#include "liquid_test_support.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"

using namespace station::liquid;
using testing::compile;

namespace {

Error render_failure(std::string_view source, const RenderOptions& options) {
    auto out = render(*compile(source), Value(), options);
    REQUIRE_FALSE(out);
    return out.error();
}

constexpr std::string_view kEndless =
    "{% for a in (1..100000) %}{% for b in (1..100000) %}{% for c in (1..100000) %}x"
    "{% endfor %}{% endfor %}{% endfor %}";

}  // namespace

TEST_CASE("a render past its deadline stops with a Liquid error") {
    // A clock that moves one millisecond every time it is read.
    auto now = std::make_shared<std::chrono::steady_clock::time_point>();
    RenderOptions options;
    options.clock = [now] { return *now += std::chrono::milliseconds(1); };
    options.limits.timeout = std::chrono::milliseconds(50);
    options.limits.max_loop_iterations = std::numeric_limits<std::uint64_t>::max();
    options.limits.max_output_bytes = std::numeric_limits<std::size_t>::max();
    Error error = render_failure(kEndless, options);
    CHECK(error.kind == ErrorKind::kResourceLimit);
    CHECK(error.message == "Render time limit exceeded");
    CHECK(error.to_string() == "Liquid error (line 1): Render time limit exceeded");
}

TEST_CASE("loop iterations are capped across the whole render") {
    RenderOptions options;
    options.limits.max_loop_iterations = 1000;
    Error error = render_failure(
        "{% for i in (1..600) %}{% endfor %}{% for i in (1..600) %}{% endfor %}", options);
    CHECK(error.kind == ErrorKind::kResourceLimit);
    CHECK(error.message == "Loop iteration limit exceeded (1000)");
    CHECK(render(*compile("{% for i in (1..600) %}{% endfor %}"), Value(), options));
}

TEST_CASE("output is capped, including output built up in captures") {
    RenderOptions options;
    options.limits.max_output_bytes = 1000;
    Error error = render_failure("{% for i in (1..500) %}0123456789{% endfor %}", options);
    CHECK(error.message == "Output size limit exceeded (1000 bytes)");
    error = render_failure(
        "{% capture c %}{% for i in (1..500) %}0123456789{% endfor %}{% endcapture %}", options);
    CHECK(error.kind == ErrorKind::kResourceLimit);
}

TEST_CASE("assigned strings are capped, so doubling loops cannot exhaust memory") {
    RenderOptions options;
    options.limits.max_assign_bytes = 1 << 20;
    Error error = render_failure(
        "{% assign s = 'xx' %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}",
        options);
    CHECK(error.message == "Assigned value size limit exceeded (1048576 bytes)");
}

TEST_CASE("render and include depth is capped; the error is inline in lax mode") {
    MemoryPartialLoader partials(Environment::standard(), ParseOptions{});
    partials.add("self", "<{% render 'self' %}>");
    partials.add("loop", "{% include 'loop' %}");
    RenderOptions options;
    options.partials = &partials;
    options.limits.max_partial_depth = 5;
    auto out = render(*compile("{% render 'self' %}"), Value(), options).value();
    CHECK(out == "<<<<<Liquid error (self line 1): Nesting too deep>>>>>");
    out = render(*compile("{% include 'loop' %}"), Value(), options).value();
    CHECK(out == "Liquid error (loop line 1): Nesting too deep");

    options.mode = Mode::kStrict;
    auto strict = render(*compile("{% render 'self' %}"), Value(), options);
    REQUIRE_FALSE(strict);
    CHECK(strict.error().kind == ErrorKind::kNesting);
}

TEST_CASE("templates are capped in size and nesting at parse time") {
    ParseOptions options;
    options.max_template_bytes = 16;
    auto big = Template::parse(Environment::standard(), std::string(17, 'x'), options);
    REQUIRE_FALSE(big);
    CHECK(big.error().kind == ErrorKind::kResourceLimit);

    std::string nested;
    for (int i = 0; i < 150; ++i)
        nested += "{% if true %}";
    auto deep = Template::parse(Environment::standard(), nested, ParseOptions{});
    REQUIRE_FALSE(deep);
    CHECK(deep.error().kind == ErrorKind::kNesting);

    ParseOptions strict;
    strict.mode = Mode::kStrict;
    std::string brackets = "{{ " + std::string(500, '[') + "x" + std::string(500, ']') + " }}";
    auto expression = Template::parse(Environment::standard(), brackets, strict);
    REQUIRE_FALSE(expression);
    CHECK(expression.error().message.starts_with("Nesting too deep"));
}

TEST_CASE("nesting across partials is capped, so recursion cannot exhaust the stack") {
    std::string deep;
    for (int i = 0; i < 90; ++i)
        deep += "{% if true %}";
    deep += "{% render 'deep' %}";
    for (int i = 0; i < 90; ++i)
        deep += "{% endif %}";
    MemoryPartialLoader partials(Environment::standard(), ParseOptions{});
    partials.add("deep", deep);
    RenderOptions options;
    options.partials = &partials;
    auto out = render(*compile("{% render 'deep' %}"), Value(), options).value();
    CHECK(out == "Liquid error (deep line 1): Nesting too deep");
}

#pragma once
// Rendering a compiled template.
//
//   auto tpl = liquid::Template::parse(liquid::Environment::standard(), source).value();
//   auto html = liquid::render(*tpl, liquid::from_json(data), options);  // result<string, Error>
//
// One compiled template may be rendered by any number of threads at once; each call builds its
// own RenderContext. The data, globals, host and partial loader must outlive the call.
//
// Errors: in lax mode a Liquid error inside a node is printed in its place
// ("Liquid error (line 3): divided by 0") and rendering goes on; in strict mode the first error
// fails the render. Exceeding a RenderLimits limit always fails the render (kResourceLimit).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/system/result.hpp>

#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/template.hpp"
#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid {

class PartialLoader;

// Host data for custom filters, tags and drops (the storefront's shop, locale, request…).
// Extensions get it back with RenderContext::host_as<T>().
class RenderHost {
public:
    virtual ~RenderHost() = default;
};

struct RenderLimits {
    // Wall-clock budget for the whole render, checked every few hundred nodes and iterations.
    std::chrono::nanoseconds timeout = std::chrono::seconds(2);
    std::size_t max_output_bytes = 8u << 20;
    // Nested `render` / `include` depth (Shopify Liquid stops at 100).
    std::uint32_t max_partial_depth = 100;
    // Nested blocks counted across partials; bounds the stack a render can use.
    std::uint32_t max_nesting_depth = 400;
    // `for`, `tablerow` and `render … for` iterations across the whole render.
    std::uint64_t max_loop_iterations = 1'000'000;
    // Largest string an `assign` or `capture` may store.
    std::size_t max_assign_bytes = 8u << 20;
};

struct RenderOptions {
    Mode mode = Mode::kLax;
    // Strict only: a variable or property that does not exist is an error.
    bool strict_variables = false;
    RenderLimits limits;
    // Partials for `render` and `include`; without one they fail with a Liquid error.
    PartialLoader* partials = nullptr;
    // An object whose keys are visible everywhere, including inside `render` partials (which
    // otherwise see only what is passed to them, as in Shopify Liquid).
    const Value* globals = nullptr;
    const RenderHost* host = nullptr;
    // "now" for the date filter; the system clock at render start when absent.
    std::optional<std::chrono::system_clock::time_point> now;
    // Offset of the store's time zone, applied by the date filter.
    std::int32_t utc_offset_seconds = 0;
    // The clock deadlines are measured with (tests inject one); steady_clock when empty.
    std::function<std::chrono::steady_clock::time_point()> clock;
    // Lax mode: receives every error that was rendered inline.
    std::vector<Error>* errors = nullptr;
};

boost::system::result<std::string, Error> render(const Template& tpl, const Value& data,
                                                 const RenderOptions& options = {});
// Appends to `out` (which keeps what was rendered before a failure).
boost::system::result<void, Error> render_to(std::string& out, const Template& tpl,
                                             const Value& data, const RenderOptions& options = {});

}  // namespace station::liquid

#pragma once
// Filters: `{{ input | name: arg1, arg2, key: value }}`.
//
// A filter is a plain function taking the render context (for locale, host data, time), the input
// value and the arguments. Keyword arguments arrive as a trailing object argument, exactly as Ruby
// Liquid passes them as a trailing hash, so `default: 'x', allow_false: true` receives
// ('x', {"allow_false" => true}).
//
// Contracts for filter functions:
//  - MUST be thread-safe: one registration serves every concurrent render.
//  - MUST NOT keep references to the input or arguments after returning (they may belong to a
//    compiled template or to render-local data).
//  - Report a Liquid error by throwing liquid::RenderError (error.hpp); lax mode prints it in
//    place of the output, strict mode aborts the render with it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid {

class RenderContext;

// The evaluated arguments of one filter call, borrowed for the duration of the call.
class FilterArgs {
public:
    FilterArgs(const Value* const* values, std::size_t count) noexcept
        : values_(values), count_(count) {}

    std::size_t size() const noexcept { return count_; }
    // Precondition: index < size().
    const Value& operator[](std::size_t index) const noexcept { return *values_[index]; }
    // Argument `index`, or nil when fewer were given (for optional arguments).
    const Value& get(std::size_t index) const noexcept;

private:
    const Value* const* values_;
    std::size_t count_;
};

using FilterFunction = Value (*)(RenderContext& context, const Value& input,
                                 const FilterArgs& args);
// Optional fast path for a filter that ends an output: append the result to `out` instead of
// building a value. Must produce exactly what `function` would print.
using FilterAppendFunction = void (*)(RenderContext& context, const Value& input,
                                      const FilterArgs& args, std::string& out);

struct FilterDefinition {
    std::string name;
    FilterFunction function = nullptr;
    // Accepted number of arguments after the input (a keyword-argument object counts as one).
    // Calls outside the range fail with Ruby's "wrong number of arguments" error: at parse time
    // in strict mode, at render time in lax mode.
    std::uint8_t min_args = 0;
    std::uint8_t max_args = 0;
    FilterAppendFunction append = nullptr;
};

}  // namespace station::liquid

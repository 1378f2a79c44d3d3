#pragma once
// Drops: host objects exposed to templates whose properties are computed on access (a product's
// variants loaded from the store database, `collections['x'].products`, the `forloop` object).
//
// Ownership: drops are reference counted; create one with `make_drop<T>(args…)` and pass the
// resulting Value around like any other.
// Threading: the engine calls a drop only from the thread rendering the template that reached it.
// A drop instance reachable from several concurrent renders (for example one cached in shared data)
// must make its own methods thread-safe; drops created per render need no locking.
// Errors: a drop may throw liquid::RenderError (render_context.hpp) to report a Liquid error at the
// node being rendered; any other exception aborts the render.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid {

class RenderContext;

class Drop : private detail::HeapHeader {
public:
    Drop() = default;
    Drop(const Drop&) = delete;
    Drop& operator=(const Drop&) = delete;
    virtual ~Drop() = default;

    // `drop.key` and `drop['key']`. Returns nil for an unknown property.
    virtual Value get(std::string_view key, RenderContext& context) = 0;

    // Whether `for`, `tablerow` and the array filters treat the drop as a sequence.
    virtual bool iterable() const { return false; }
    // The items of an iterable drop as an array value (called at most once per loop or filter).
    virtual Value items(RenderContext& context);
    // Items [from, from + count) of an iterable drop, for `for … limit: offset:` and pagination;
    // a drop backed by a database overrides it to load only that page.
    virtual Value slice(RenderContext& context, std::int64_t from, std::int64_t count);

    // The primitive this drop stands for in comparisons and truthiness (e.g. a money drop compares
    // as its amount); nullopt means the drop compares by identity.
    virtual std::optional<Value> liquid_value(RenderContext& context);

    // What `{{ drop }}` prints. Defaults to the type name, as Ruby Liquid prints the class name.
    virtual void write_to(std::string& out, RenderContext& context);
    virtual std::string_view type_name() const { return "Drop"; }

private:
    friend class Value;
};

// Creates a drop of type T and wraps it in a Value holding its only reference.
template <class T, class... Args>
Value make_drop(Args&&... args) {
    return Value::drop(new T(std::forward<Args>(args)...));
}

}  // namespace station::liquid

#pragma once
// Internal: Ruby conversions and iteration shared by the renderer and the standard filters.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid {

class RenderContext;

namespace detail {

const Value& nil_value() noexcept;

// `to_s`: how a value prints (drops through the context).
void append_text(std::string& out, const Value& value, RenderContext& context);
std::string to_text(const Value& value, RenderContext& context);

// Utils.to_integer: integers as they are, anything else through Kernel#Integer(to_s).
// Throws RenderError("invalid integer").
std::int64_t to_integer(const Value& value);
// Ruby's `to_i` (integers, floats truncated, strings via String#to_i, anything else 0).
std::int64_t to_i(const Value& value);

// `x == empty` and `x == blank`.
bool is_empty(const Value& value) noexcept;
bool is_blank(const Value& value) noexcept;

// The items a `for` loop visits: array elements, [key, value] pairs of a hash, the integers of a
// range, a non-empty string as its only item, an iterable drop's items; nothing otherwise.
class Sequence {
public:
    Sequence() = default;
    Sequence(const Value& collection, RenderContext& context);

    std::size_t size() const noexcept { return size_; }
    // Item `index`; computed items (range integers, hash pairs) are placed in `scratch`.
    const Value& at(std::size_t index, Value& scratch) const;
    bool is_string() const noexcept { return kind_ == Kind::kSingle; }

private:
    enum class Kind : std::uint8_t { kEmpty, kArray, kRange, kPairs, kSingle };
    Kind kind_ = Kind::kEmpty;
    Value holder_;
    std::span<const Value> items_;
    std::int64_t first_ = 0;
    std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace station::liquid

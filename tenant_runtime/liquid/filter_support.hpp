#pragma once
// Internal: Ruby semantics the standard filters share (to_s, InputIterator, `item[property]`).

#include <string>
#include <vector>

#include "tenant_runtime/liquid/filter.hpp"
#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid::detail {

// Ruby's `to_s`: nil is empty, arrays and hashes print as #inspect, drops as their text.
void append_to_s(std::string& out, const Value& value, RenderContext& context);
std::string to_s(const Value& value, RenderContext& context);

// Liquid's InputIterator: arrays flattened, a hash as a one-item list, ranges and iterable drops
// as their items, nil as nothing, anything else as a one-item list.
std::vector<Value> input_list(const Value& input, RenderContext& context);

// Ruby `item[property]` as the array filters use it.
enum class Lookup : std::uint8_t { kFound, kTypeError, kNoMethod };
Lookup property_of(const Value& item, const Value& property, RenderContext& context, Value& result);

// "cannot select the property 'x'".
[[noreturn]] void throw_property_error(const Value& property, RenderContext& context);

// Ruby `a <=> b` for sorting; false when the values cannot be compared.
bool spaceship(const Value& a, const Value& b, int& order);

void add_string_filters(std::vector<FilterDefinition>& out);
void add_encoding_filters(std::vector<FilterDefinition>& out);
void add_array_filters(std::vector<FilterDefinition>& out);
void add_math_filters(std::vector<FilterDefinition>& out);
void add_date_filters(std::vector<FilterDefinition>& out);

}  // namespace station::liquid::detail

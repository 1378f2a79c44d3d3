#include "tenant_runtime/liquid/filter_support.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "tenant_runtime/liquid/drop.hpp"
#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"
#include "tenant_runtime/liquid/standard_filters.hpp"
#include "tenant_runtime/liquid/utf8.hpp"
#include "tenant_runtime/liquid/value_ops.hpp"

namespace station::liquid {
namespace detail {
namespace {

void flatten_into(std::vector<Value>& out, const Value& value) {
    for (const Value& item : value.as_array()) {
        if (item.is_array()) {
            flatten_into(out, item);
        } else {
            out.push_back(item);
        }
    }
}

}  // namespace

void append_to_s(std::string& out, const Value& value, RenderContext& context) {
    switch (value.kind()) {
        case ValueKind::kArray:
        case ValueKind::kObject:
            append_inspect(out, value);
            return;
        case ValueKind::kDrop:
            value.as_drop().write_to(out, context);
            return;
        default:
            append_plain_text(out, value);
            return;
    }
}

std::string to_s(const Value& value, RenderContext& context) {
    if (value.is_string()) return std::string(value.as_string());
    std::string out;
    append_to_s(out, value, context);
    return out;
}

std::vector<Value> input_list(const Value& input, RenderContext& context) {
    std::vector<Value> out;
    switch (input.kind()) {
        case ValueKind::kNil:
            break;
        case ValueKind::kArray:
            out.reserve(input.as_array().size());
            flatten_into(out, input);
            break;
        case ValueKind::kRange: {
            Sequence sequence(input, context);
            for (std::size_t i = 0; i < sequence.size(); ++i) {
                Value scratch;
                out.push_back(sequence.at(i, scratch));
            }
            break;
        }
        case ValueKind::kDrop:
            if (input.as_drop().iterable()) {
                Value items = input.as_drop().items(context);
                if (items.is_array()) out.assign(items.as_array().begin(), items.as_array().end());
            } else {
                out.push_back(input);
            }
            break;
        default:
            out.push_back(input);
            break;
    }
    return out;
}

Lookup property_of(const Value& item, const Value& property, RenderContext& context,
                   Value& result) {
    result = Value();
    // Ruby's Integer/String/Array#[] take numeric indexes (floats truncated) and ranges.
    std::optional<std::int64_t> index;
    if (property.is_int()) index = property.as_int();
    if (property.is_float() && std::isfinite(property.as_float())) index = to_i(property);
    auto range_window = [&](std::int64_t size, std::int64_t& begin, std::int64_t& end) {
        begin = property.range_first();
        end = property.range_last();
        if (begin < 0) begin += size;
        if (end < 0) end += size;
        if (begin < 0 || begin > size) return false;
        end = std::min(end + 1, size);
        if (end < begin) end = begin;
        return true;
    };
    switch (item.kind()) {
        case ValueKind::kObject:
            if (property.is_string()) {
                if (const Value* found = item.as_object().find(property.as_string())) {
                    result = *found;
                }
            }
            return Lookup::kFound;
        case ValueKind::kArray: {
            auto items = item.as_array();
            const auto size = static_cast<std::int64_t>(items.size());
            if (property.is_range()) {
                std::int64_t begin = 0;
                std::int64_t end = 0;
                if (range_window(size, begin, end)) {
                    result = Value::array(
                        std::vector<Value>(items.begin() + begin, items.begin() + end));
                }
                return Lookup::kFound;
            }
            if (!index) return Lookup::kTypeError;
            std::int64_t at = *index < 0 ? *index + size : *index;
            if (at >= 0 && at < size) result = items[static_cast<std::size_t>(at)];
            return Lookup::kFound;
        }
        case ValueKind::kString: {
            std::string_view text = item.as_string();
            if (property.is_string()) {
                if (text.find(property.as_string()) != std::string_view::npos) result = property;
                return Lookup::kFound;
            }
            const auto length = static_cast<std::int64_t>(utf8::char_count(text));
            std::int64_t begin = 0;
            std::int64_t end = 0;
            if (property.is_range()) {
                if (!range_window(length, begin, end)) return Lookup::kFound;
            } else if (index) {
                begin = *index < 0 ? *index + length : *index;
                if (begin < 0 || begin >= length) return Lookup::kFound;
                end = begin + 1;
            } else {
                return Lookup::kTypeError;
            }
            std::size_t from = utf8::byte_offset(text, static_cast<std::size_t>(begin));
            std::size_t to = utf8::byte_offset(text, static_cast<std::size_t>(end));
            result = Value::string(text.substr(from, to - from));
            return Lookup::kFound;
        }
        case ValueKind::kInt: {
            // Integer#[] reads bits: one, or a range of them.
            const std::int64_t n = item.as_int();
            auto bit = [n](std::int64_t i) -> std::int64_t {
                if (i < 0) return 0;
                return i >= 63 ? (n < 0 ? 1 : 0) : (n >> i) & 1;
            };
            if (property.is_range()) {
                std::int64_t first = std::max<std::int64_t>(property.range_first(), 0);
                std::int64_t last = property.range_last();
                std::int64_t bits = 0;
                for (std::int64_t i = last; i >= first && last - i < 62; --i)
                    bits = (bits << 1) | bit(i);
                result = Value::integer(bits);
                return Lookup::kFound;
            }
            if (!index) return Lookup::kTypeError;
            result = Value::integer(bit(*index));
            return Lookup::kFound;
        }
        case ValueKind::kDrop:
            result = item.as_drop().get(to_s(property, context), context);
            return Lookup::kFound;
        default:
            return Lookup::kNoMethod;
    }
}

void throw_property_error(const Value& property, RenderContext& context) {
    throw RenderError("cannot select the property '" + to_s(property, context) + "'");
}

bool spaceship(const Value& a, const Value& b, int& order) {
    if (a.is_number() && b.is_number()) {
        if (a.is_int() && b.is_int()) {
            order = a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
            return true;
        }
        double x = a.is_int() ? static_cast<double>(a.as_int()) : a.as_float();
        double y = b.is_int() ? static_cast<double>(b.as_int()) : b.as_float();
        if (x != x || y != y) return false;
        order = x < y ? -1 : (x > y ? 1 : 0);
        return true;
    }
    if (a.is_string() && b.is_string()) {
        int c = a.as_string().compare(b.as_string());
        order = c < 0 ? -1 : (c > 0 ? 1 : 0);
        return true;
    }
    if (a.is_nil() && b.is_nil()) {
        order = 0;
        return true;
    }
    if (a.is_bool() && b.is_bool() && a.as_bool() == b.as_bool()) {
        order = 0;
        return true;
    }
    if (a.is_array() && b.is_array()) {
        auto x = a.as_array();
        auto y = b.as_array();
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (!spaceship(x[i], y[i], order)) return false;
            if (order != 0) return true;
        }
        order = x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
        return true;
    }
    return false;
}

}  // namespace detail

std::vector<FilterDefinition> standard_filters() {
    std::vector<FilterDefinition> filters;
    detail::add_string_filters(filters);
    detail::add_encoding_filters(filters);
    detail::add_array_filters(filters);
    detail::add_math_filters(filters);
    detail::add_date_filters(filters);
    return filters;
}

}  // namespace station::liquid

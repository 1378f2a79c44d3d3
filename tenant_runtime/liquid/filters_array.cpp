// Array filters: join, first/last, concat, map, reverse, sort, uniq, compact, the where family,
// sum, and default.

#include <algorithm>

#include "tenant_runtime/liquid/drop.hpp"
#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/filter_support.hpp"
#include "tenant_runtime/liquid/number.hpp"
#include "tenant_runtime/liquid/render_context.hpp"
#include "tenant_runtime/liquid/value_ops.hpp"

namespace station::liquid::detail {
namespace {

Value f_join(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::string glue = args.size() > 0 ? to_s(args[0], c) : " ";
    std::string out;
    bool first = true;
    auto add = [&](const Value& item) {
        if (!first) out += glue;
        first = false;
        append_to_s(out, item, c);
    };
    if (input.is_array()) {
        bool flat = std::none_of(input.as_array().begin(), input.as_array().end(),
                                 [](const Value& v) { return v.is_array(); });
        if (flat) {
            for (const Value& item : input.as_array())
                add(item);
            return Value::string(out);
        }
    }
    for (const Value& item : input_list(input, c))
        add(item);
    return Value::string(out);
}

Value first_or_last(RenderContext& c, const Value& input, bool first) {
    switch (input.kind()) {
        case ValueKind::kArray: {
            auto items = input.as_array();
            if (items.empty()) return Value();
            return first ? items.front() : items.back();
        }
        case ValueKind::kRange:
            return Value::integer(first ? input.range_first() : input.range_last());
        case ValueKind::kObject: {
            const auto& object = input.as_object();
            if (!first || object.size() == 0) return Value();
            return Value::array({object.entries[0].key, object.entries[0].value});
        }
        case ValueKind::kDrop: {
            if (!input.as_drop().iterable()) return Value();
            return first_or_last(c, input.as_drop().items(c), first);
        }
        default:
            return Value();
    }
}

Value f_first(RenderContext& c, const Value& input, const FilterArgs&) {
    return first_or_last(c, input, true);
}

Value f_last(RenderContext& c, const Value& input, const FilterArgs&) {
    return first_or_last(c, input, false);
}

Value f_concat(RenderContext& c, const Value& input, const FilterArgs& args) {
    if (!args[0].is_array()) throw RenderError("concat filter requires an array argument");
    std::vector<Value> items = input_list(input, c);
    auto more = args[0].as_array();
    items.insert(items.end(), more.begin(), more.end());
    return Value::array(std::move(items));
}

Value f_map(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::vector<Value> out;
    for (const Value& item : input_list(input, c)) {
        if (args[0].is_string() && args[0].as_string() == "to_liquid") {
            out.push_back(item);
            continue;
        }
        Value result;
        if (property_of(item, args[0], c, result) == Lookup::kTypeError) {
            throw_property_error(args[0], c);
        }
        out.push_back(std::move(result));
    }
    return Value::array(std::move(out));
}

Value f_reverse(RenderContext& c, const Value& input, const FilterArgs&) {
    std::vector<Value> items = input_list(input, c);
    std::reverse(items.begin(), items.end());
    return Value::array(std::move(items));
}

// Liquid's nil_safe_compare: nils sort last, incomparable values are an error.
bool nil_safe_less(const Value& a, const Value& b) {
    int order = 0;
    if (spaceship(a, b, order)) return order < 0;
    if (a.is_nil()) return false;
    if (b.is_nil()) return true;
    throw RenderError("cannot sort values of incompatible types");
}

int casecmp(std::string_view a, std::string_view b) {
    std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        auto fold = [](char ch) {
            return static_cast<unsigned char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        };
        unsigned char x = fold(a[i]);
        unsigned char y = fold(b[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// Sorts `items` by key (the item itself, or item[property]).
Value sort_by(RenderContext& c, std::vector<Value> items, const Value* property, bool natural) {
    std::vector<std::pair<Value, Value>> keyed;
    keyed.reserve(items.size());
    for (Value& item : items) {
        Value key;
        if (property == nullptr) {
            key = item;
        } else if (property_of(item, *property, c, key) == Lookup::kTypeError) {
            throw_property_error(*property, c);
        }
        keyed.emplace_back(std::move(key), std::move(item));
    }
    if (natural) {
        std::vector<std::string> texts;
        texts.reserve(keyed.size());
        for (auto& [key, item] : keyed)
            texts.push_back(key.is_nil() ? std::string() : to_s(key, c));
        std::vector<std::size_t> order(keyed.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            bool x_nil = keyed[x].first.is_nil();
            bool y_nil = keyed[y].first.is_nil();
            if (x_nil || y_nil) return !x_nil && y_nil;
            return casecmp(texts[x], texts[y]) < 0;
        });
        std::vector<Value> out;
        out.reserve(order.size());
        for (std::size_t i : order)
            out.push_back(keyed[i].second);
        return Value::array(std::move(out));
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& x, const auto& y) { return nil_safe_less(x.first, y.first); });
    std::vector<Value> out;
    out.reserve(keyed.size());
    for (auto& [key, item] : keyed)
        out.push_back(std::move(item));
    return Value::array(std::move(out));
}

// Whether every item responds to `[]` (Ruby's precondition for sorting by a property).
bool all_indexable(const std::vector<Value>& items) {
    return std::all_of(items.begin(), items.end(), [](const Value& v) {
        return v.is_object() || v.is_array() || v.is_string() || v.is_int() || v.is_drop();
    });
}

Value f_sort(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::vector<Value> items = input_list(input, c);
    if (items.empty()) return Value::array({});
    if (args.size() == 0 || args[0].is_nil()) return sort_by(c, std::move(items), nullptr, false);
    if (!all_indexable(items)) return Value();
    return sort_by(c, std::move(items), &args[0], false);
}

Value f_sort_natural(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::vector<Value> items = input_list(input, c);
    if (items.empty()) return Value::array({});
    if (args.size() == 0 || args[0].is_nil()) return sort_by(c, std::move(items), nullptr, true);
    if (!all_indexable(items)) return Value();
    return sort_by(c, std::move(items), &args[0], true);
}

// Ruby's eql?: like == but 1 and 1.0 differ.
bool eql(const Value& a, const Value& b) {
    if (a.kind() != b.kind()) return false;
    if (a.is_array()) {
        auto x = a.as_array();
        auto y = b.as_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!eql(x[i], y[i])) return false;
        }
        return true;
    }
    return values_equal(a, b);
}

Value f_uniq(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::vector<Value> items = input_list(input, c);
    const bool by_property = args.size() > 0 && !args[0].is_nil();
    std::vector<Value> out;
    std::vector<Value> seen;
    for (Value& item : items) {
        Value key;
        if (by_property) {
            Lookup lookup = property_of(item, args[0], c, key);
            if (lookup == Lookup::kTypeError) throw_property_error(args[0], c);
            if (lookup == Lookup::kNoMethod) return Value();
        } else {
            key = item;
        }
        bool duplicate =
            std::any_of(seen.begin(), seen.end(), [&](const Value& s) { return eql(s, key); });
        if (duplicate) continue;
        seen.push_back(std::move(key));
        out.push_back(std::move(item));
    }
    return Value::array(std::move(out));
}

Value f_compact(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::vector<Value> items = input_list(input, c);
    const bool by_property = args.size() > 0 && !args[0].is_nil();
    std::vector<Value> out;
    for (Value& item : items) {
        if (by_property) {
            Value key;
            Lookup lookup = property_of(item, args[0], c, key);
            if (lookup == Lookup::kTypeError) throw_property_error(args[0], c);
            if (lookup == Lookup::kNoMethod) return Value();
            if (key.is_nil()) continue;
        } else if (item.is_nil()) {
            continue;
        }
        out.push_back(std::move(item));
    }
    return Value::array(std::move(out));
}

enum class Selection : std::uint8_t { kWhere, kReject, kHas, kFind, kFindIndex };

// Liquid's filter_array: test item[property] (truthiness, or equality with the target).
Value filter_array(RenderContext& c, const Value& input, const FilterArgs& args,
                   Selection selection) {
    std::vector<Value> items = input_list(input, c);
    auto empty_result = [&]() -> Value {
        switch (selection) {
            case Selection::kHas:
                return Value::boolean(false);
            case Selection::kFind:
            case Selection::kFindIndex:
                return Value();
            default:
                return Value::array({});
        }
    };
    if (items.empty()) return empty_result();
    const Value& property = args[0];
    const Value& target = args.get(1);
    std::vector<Value> kept;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Value found;
        bool match = false;
        if (selection == Selection::kReject && property.is_nil() && items[i].is_string()) {
            // Golden Liquid (newer Shopify Liquid) rejects string items for a missing property
            // where Ruby 5.4 would raise.
            match = true;
        } else {
            Lookup lookup = property_of(items[i], property, c, found);
            if (lookup == Lookup::kTypeError) throw_property_error(property, c);
            if (lookup == Lookup::kNoMethod) return Value();
            match = target.is_nil() ? found.truthy() : values_equal(found, target);
        }
        switch (selection) {
            case Selection::kWhere:
                if (match) kept.push_back(items[i]);
                break;
            case Selection::kReject:
                if (!match) kept.push_back(items[i]);
                break;
            case Selection::kHas:
                if (match) return Value::boolean(true);
                break;
            case Selection::kFind:
                if (match) return items[i];
                break;
            case Selection::kFindIndex:
                if (match) return Value::integer(static_cast<std::int64_t>(i));
                break;
        }
    }
    if (selection == Selection::kWhere || selection == Selection::kReject) {
        return Value::array(std::move(kept));
    }
    return empty_result();
}

Value f_where(RenderContext& c, const Value& input, const FilterArgs& args) {
    return filter_array(c, input, args, Selection::kWhere);
}

Value f_reject(RenderContext& c, const Value& input, const FilterArgs& args) {
    return filter_array(c, input, args, Selection::kReject);
}

Value f_has(RenderContext& c, const Value& input, const FilterArgs& args) {
    return filter_array(c, input, args, Selection::kHas);
}

Value f_find(RenderContext& c, const Value& input, const FilterArgs& args) {
    return filter_array(c, input, args, Selection::kFind);
}

Value f_find_index(RenderContext& c, const Value& input, const FilterArgs& args) {
    return filter_array(c, input, args, Selection::kFindIndex);
}

Value f_sum(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::vector<Value> items = input_list(input, c);
    const bool by_property = args.size() > 0 && !args[0].is_nil();
    std::vector<Value> values;
    values.reserve(items.size());
    for (Value& item : items) {
        if (!by_property) {
            values.push_back(std::move(item));
            continue;
        }
        Value found;
        Lookup lookup = property_of(item, args[0], c, found);
        if (lookup == Lookup::kTypeError) throw_property_error(args[0], c);
        values.push_back(std::move(found));
    }
    Number total = Number::integer(0);
    for (const Value& value : input_list(Value::array(std::move(values)), c)) {
        total = total.plus(Number::from_value(value));
    }
    return total.to_value();
}

Value f_default(RenderContext& c, const Value& input, const FilterArgs& args) {
    const Value& fallback = args.size() > 0 ? args[0] : Value::string("");
    bool allow_false = false;
    if (args.size() > 1 && args[1].is_object()) {
        const Value* flag = args[1].as_object().find("allow_false");
        allow_false = flag != nullptr && flag->truthy();
    }
    Value scratch;
    const Value* value = &input;
    if (input.is_drop()) {
        if (std::optional<Value> primitive = input.as_drop().liquid_value(c)) {
            scratch = std::move(*primitive);
            value = &scratch;
        }
    }
    bool use_default = allow_false ? input.is_nil() : !value->truthy();
    if (is_empty(input)) use_default = true;
    return use_default ? fallback : input;
}

FilterDefinition def(std::string name, FilterFunction function, std::uint8_t min,
                     std::uint8_t max) {
    return FilterDefinition{std::move(name), function, min, max, nullptr};
}

}  // namespace

void add_array_filters(std::vector<FilterDefinition>& out) {
    out.push_back(def("join", f_join, 0, 1));
    out.push_back(def("first", f_first, 0, 0));
    out.push_back(def("last", f_last, 0, 0));
    out.push_back(def("concat", f_concat, 1, 1));
    out.push_back(def("map", f_map, 1, 1));
    out.push_back(def("reverse", f_reverse, 0, 0));
    out.push_back(def("sort", f_sort, 0, 1));
    out.push_back(def("sort_natural", f_sort_natural, 0, 1));
    out.push_back(def("uniq", f_uniq, 0, 1));
    out.push_back(def("compact", f_compact, 0, 1));
    out.push_back(def("where", f_where, 1, 2));
    out.push_back(def("reject", f_reject, 1, 2));
    out.push_back(def("has", f_has, 1, 2));
    out.push_back(def("find", f_find, 1, 2));
    out.push_back(def("find_index", f_find_index, 1, 2));
    out.push_back(def("sum", f_sum, 0, 1));
    out.push_back(def("default", f_default, 0, 2));
}

}  // namespace station::liquid::detail

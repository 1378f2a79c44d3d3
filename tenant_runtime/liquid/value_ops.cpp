#include "tenant_runtime/liquid/value_ops.hpp"

#include <cmath>
#include <limits>

#include "tenant_runtime/liquid/drop.hpp"
#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/render_context.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"

namespace station::liquid::detail {

const Value& nil_value() noexcept {
    static const Value nil;
    return nil;
}

void append_text(std::string& out, const Value& value, RenderContext& context) {
    switch (value.kind()) {
        case ValueKind::kDrop:
            value.as_drop().write_to(out, context);
            return;
        case ValueKind::kArray:
            for (const Value& item : value.as_array())
                append_text(out, item, context);
            return;
        default:
            append_plain_text(out, value);
            return;
    }
}

std::string to_text(const Value& value, RenderContext& context) {
    if (value.is_string()) return std::string(value.as_string());
    std::string out;
    append_text(out, value, context);
    return out;
}

std::int64_t to_integer(const Value& value) {
    if (value.is_int()) return value.as_int();
    std::string text;
    if (value.is_string()) {
        text = value.as_string();
    } else if (value.is_array() || value.is_object()) {
        append_inspect(text, value);  // Ruby's to_s of a collection is its #inspect
    } else {
        append_plain_text(text, value);
    }
    std::optional<std::int64_t> parsed = ruby_parse_integer(text);
    if (!parsed) throw RenderError("invalid integer");
    return *parsed;
}

std::int64_t to_i(const Value& value) {
    switch (value.kind()) {
        case ValueKind::kInt:
            return value.as_int();
        case ValueKind::kFloat: {
            double d = value.as_float();
            if (std::isnan(d)) return 0;
            if (d >= 9.2e18) return std::numeric_limits<std::int64_t>::max();
            if (d <= -9.2e18) return std::numeric_limits<std::int64_t>::min();
            return static_cast<std::int64_t>(d);
        }
        case ValueKind::kString:
            return ruby_string_to_i(value.as_string());
        default:
            return 0;
    }
}

bool is_empty(const Value& value) noexcept {
    switch (value.kind()) {
        case ValueKind::kString:
            return value.as_string().empty();
        case ValueKind::kArray:
            return value.as_array().empty();
        case ValueKind::kObject:
            return value.as_object().size() == 0;
        default:
            return false;
    }
}

bool is_blank(const Value& value) noexcept {
    switch (value.kind()) {
        case ValueKind::kNil:
            return true;
        case ValueKind::kBool:
            return !value.as_bool();
        case ValueKind::kString:
            for (char c : value.as_string()) {
                if (!is_ruby_space(c)) return false;
            }
            return true;
        case ValueKind::kArray:
            return value.as_array().empty();
        case ValueKind::kObject:
            return value.as_object().size() == 0;
        default:
            return false;
    }
}

Sequence::Sequence(const Value& collection, RenderContext& context) {
    switch (collection.kind()) {
        case ValueKind::kArray:
            kind_ = Kind::kArray;
            holder_ = collection;
            items_ = collection.as_array();
            size_ = items_.size();
            return;
        case ValueKind::kObject:
            kind_ = Kind::kPairs;
            holder_ = collection;
            size_ = collection.as_object().size();
            return;
        case ValueKind::kRange: {
            kind_ = Kind::kRange;
            first_ = collection.range_first();
            std::int64_t last = collection.range_last();
            if (last >= first_) {
                // Bounded so a huge range cannot overflow; loop limits stop it long before.
                unsigned long long span =
                    static_cast<unsigned long long>(last) - static_cast<unsigned long long>(first_);
                size_ = span >= (1ull << 40) ? (1ull << 40) : static_cast<std::size_t>(span) + 1;
            }
            return;
        }
        case ValueKind::kString:
            if (!collection.as_string().empty()) {
                kind_ = Kind::kSingle;
                holder_ = collection;
                size_ = 1;
            }
            return;
        case ValueKind::kDrop: {
            Drop& drop = collection.as_drop();
            if (!drop.iterable()) return;
            Value items = drop.items(context);
            if (!items.is_array()) return;
            kind_ = Kind::kArray;
            holder_ = std::move(items);
            items_ = holder_.as_array();
            size_ = items_.size();
            return;
        }
        default:
            return;
    }
}

const Value& Sequence::at(std::size_t index, Value& scratch) const {
    switch (kind_) {
        case Kind::kArray:
            return items_[index];
        case Kind::kRange:
            scratch = Value::integer(first_ + static_cast<std::int64_t>(index));
            return scratch;
        case Kind::kPairs: {
            const auto& entry = holder_.as_object().entries[index];
            scratch = Value::array({entry.key, entry.value});
            return scratch;
        }
        case Kind::kSingle:
            return holder_;
        case Kind::kEmpty:
            break;
    }
    return nil_value();
}

}  // namespace station::liquid::detail

// String filters: case, whitespace, replacement, slicing, splitting, truncation.

#include "tenant_runtime/liquid/drop.hpp"
#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/filter_support.hpp"
#include "tenant_runtime/liquid/render_context.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"
#include "tenant_runtime/liquid/utf8.hpp"
#include "tenant_runtime/liquid/value_ops.hpp"

namespace station::liquid::detail {
namespace {

bool is_awk_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Ruby's replacement-string escapes for sub/gsub: \0 and \& are the match, \\ a backslash,
// \` and \' the text before and after the match; group references are empty.
void append_replacement(std::string& out, std::string_view replacement, std::string_view text,
                        std::size_t match, std::size_t length) {
    for (std::size_t i = 0; i < replacement.size(); ++i) {
        char c = replacement[i];
        if (c != '\\' || i + 1 >= replacement.size()) {
            out.push_back(c);
            continue;
        }
        char next = replacement[i + 1];
        if (next == '0' || next == '&') {
            out.append(text.substr(match, length));
        } else if (next == '\\') {
            out.push_back('\\');
        } else if (next == '`') {
            out.append(text.substr(0, match));
        } else if (next == '\'') {
            out.append(text.substr(match + length));
        } else if (next >= '1' && next <= '9') {
            // No groups in a literal pattern.
        } else {
            out.push_back('\\');
            out.push_back(next);
        }
        ++i;
    }
}

std::string substitute(std::string_view text, std::string_view pattern,
                       std::string_view replacement, bool all) {
    std::string out;
    if (pattern.empty()) {
        // An empty pattern matches before every character and at the end.
        std::size_t i = 0;
        do {
            append_replacement(out, replacement, text, i, 0);
            if (!all) {
                out.append(text.substr(i));
                return out;
            }
            if (i >= text.size()) break;
            std::size_t length = utf8::sequence_length(text, i);
            if (length == 0) length = 1;
            out.append(text.substr(i, length));
            i += length;
        } while (true);
        return out;
    }
    std::size_t pos = 0;
    while (true) {
        std::size_t found = text.find(pattern, pos);
        if (found == std::string_view::npos) break;
        out.append(text.substr(pos, found - pos));
        append_replacement(out, replacement, text, found, pattern.size());
        pos = found + pattern.size();
        if (!all) break;
    }
    out.append(text.substr(pos));
    return out;
}

Value replace_last_impl(RenderContext& context, const Value& input, const Value& pattern,
                        const Value& replacement) {
    std::string text = to_s(input, context);
    std::string needle = to_s(pattern, context);
    std::size_t at = text.rfind(needle);
    if (at == std::string::npos) return Value::string(text);
    text.replace(at, needle.size(), to_s(replacement, context));
    return Value::string(text);
}

// String#split(pattern) without a limit.
std::vector<Value> ruby_split(std::string_view text, std::string_view pattern) {
    std::vector<Value> parts;
    if (text.empty()) return parts;
    if (pattern == " ") {
        std::size_t i = 0;
        while (i < text.size()) {
            while (i < text.size() && is_awk_space(text[i]))
                ++i;
            if (i >= text.size()) break;
            std::size_t start = i;
            while (i < text.size() && !is_awk_space(text[i]))
                ++i;
            parts.push_back(Value::string(text.substr(start, i - start)));
        }
        return parts;
    }
    if (pattern.empty()) {
        for (std::size_t i = 0; i < text.size();) {
            std::size_t length = utf8::sequence_length(text, i);
            if (length == 0) length = 1;
            parts.push_back(Value::string(text.substr(i, length)));
            i += length;
        }
        return parts;
    }
    std::size_t pos = 0;
    while (true) {
        std::size_t found = text.find(pattern, pos);
        if (found == std::string_view::npos) {
            parts.push_back(Value::string(text.substr(pos)));
            break;
        }
        parts.push_back(Value::string(text.substr(pos, found - pos)));
        pos = found + pattern.size();
    }
    while (!parts.empty() && parts.back().as_string().empty())
        parts.pop_back();
    return parts;
}

// Ruby's slice(start, length) on a sequence of `size` items: the [begin, end) window, or false
// when Ruby returns nil.
bool slice_bounds(std::int64_t size, std::int64_t offset, std::int64_t length, std::int64_t& begin,
                  std::int64_t& end) {
    if (offset < 0) offset += size;
    if (offset < 0 || offset > size || length < 0) return false;
    begin = offset;
    end = length > size - offset ? size : offset + length;
    return true;
}

Value f_append(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::string out = to_s(input, c);
    append_to_s(out, args[0], c);
    return Value::string(out);
}

Value f_prepend(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::string out = to_s(args[0], c);
    append_to_s(out, input, c);
    return Value::string(out);
}

Value f_upcase(RenderContext& c, const Value& input, const FilterArgs&) {
    return Value::string(utf8::upcase(to_s(input, c)));
}

Value f_downcase(RenderContext& c, const Value& input, const FilterArgs&) {
    return Value::string(utf8::downcase(to_s(input, c)));
}

Value f_capitalize(RenderContext& c, const Value& input, const FilterArgs&) {
    return Value::string(utf8::capitalize(to_s(input, c)));
}

Value f_strip(RenderContext& c, const Value& input, const FilterArgs&) {
    return Value::string(ruby_strip(to_s(input, c)));
}

Value f_lstrip(RenderContext& c, const Value& input, const FilterArgs&) {
    return Value::string(ruby_lstrip(to_s(input, c)));
}

Value f_rstrip(RenderContext& c, const Value& input, const FilterArgs&) {
    return Value::string(ruby_rstrip(to_s(input, c)));
}

Value f_strip_newlines(RenderContext& c, const Value& input, const FilterArgs&) {
    std::string text = to_s(input, c);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') continue;
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out.push_back(text[i]);
    }
    return Value::string(out);
}

Value f_newline_to_br(RenderContext& c, const Value& input, const FilterArgs&) {
    std::string text = to_s(input, c);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            out += "<br />\n";
            ++i;
        } else if (text[i] == '\n') {
            out += "<br />\n";
        } else {
            out.push_back(text[i]);
        }
    }
    return Value::string(out);
}

Value f_replace(RenderContext& c, const Value& input, const FilterArgs& args) {
    return Value::string(substitute(to_s(input, c), to_s(args[0], c), to_s(args.get(1), c), true));
}

Value f_replace_first(RenderContext& c, const Value& input, const FilterArgs& args) {
    return Value::string(substitute(to_s(input, c), to_s(args[0], c), to_s(args.get(1), c), false));
}

Value f_replace_last(RenderContext& c, const Value& input, const FilterArgs& args) {
    return replace_last_impl(c, input, args[0], args[1]);
}

Value f_remove(RenderContext& c, const Value& input, const FilterArgs& args) {
    return Value::string(substitute(to_s(input, c), to_s(args[0], c), "", true));
}

Value f_remove_first(RenderContext& c, const Value& input, const FilterArgs& args) {
    return Value::string(substitute(to_s(input, c), to_s(args[0], c), "", false));
}

Value f_remove_last(RenderContext& c, const Value& input, const FilterArgs& args) {
    return replace_last_impl(c, input, args[0], Value::string(""));
}

Value f_slice(RenderContext& c, const Value& input, const FilterArgs& args) {
    std::int64_t offset = to_integer(args[0]);
    // A falsy length (nil, false) means the default of one.
    std::int64_t length = args.size() > 1 && args[1].truthy() ? to_integer(args[1]) : 1;
    std::int64_t begin = 0;
    std::int64_t end = 0;
    if (input.is_array()) {
        auto items = input.as_array();
        if (!slice_bounds(static_cast<std::int64_t>(items.size()), offset, length, begin, end)) {
            return Value::array({});
        }
        return Value::array(std::vector<Value>(items.begin() + begin, items.begin() + end));
    }
    std::string text = to_s(input, c);
    auto size = static_cast<std::int64_t>(utf8::char_count(text));
    if (!slice_bounds(size, offset, length, begin, end)) return Value::string("");
    std::size_t from = utf8::byte_offset(text, static_cast<std::size_t>(begin));
    std::size_t to = utf8::byte_offset(text, static_cast<std::size_t>(end));
    return Value::string(std::string_view(text).substr(from, to - from));
}

Value f_split(RenderContext& c, const Value& input, const FilterArgs& args) {
    return Value::array(ruby_split(to_s(input, c), to_s(args[0], c)));
}

Value f_truncate(RenderContext& c, const Value& input, const FilterArgs& args) {
    if (input.is_nil()) return Value();
    std::string owned = input.is_string() ? std::string() : to_s(input, c);
    std::string_view text = input.is_string() ? input.as_string() : std::string_view(owned);
    std::int64_t length = args.size() > 0 ? to_integer(args[0]) : 50;
    std::string ellipsis = args.size() > 1 ? to_s(args[1], c) : "...";
    // Short enough: counting stops after `length` characters.
    if (length >= 0 && utf8::byte_offset(text, static_cast<std::size_t>(length)) == text.size()) {
        return input.is_string() ? input : Value::string(text);
    }
    std::int64_t keep = length - static_cast<std::int64_t>(utf8::char_count(ellipsis));
    if (keep < 0) keep = 0;
    std::string out(text.substr(0, utf8::byte_offset(text, static_cast<std::size_t>(keep))));
    out += ellipsis;
    return Value::string(out);
}

Value f_truncatewords(RenderContext& c, const Value& input, const FilterArgs& args) {
    if (input.is_nil()) return Value();
    std::string text = to_s(input, c);
    std::int64_t words = args.size() > 0 ? to_integer(args[0]) : 15;
    if (words <= 0) words = 1;
    std::string ellipsis = args.size() > 1 ? to_s(args[1], c) : "...";
    std::string out;
    std::int64_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_awk_space(text[i]))
            ++i;
        if (i >= text.size()) break;
        std::size_t start = i;
        while (i < text.size() && !is_awk_space(text[i]))
            ++i;
        if (count == words) {
            out += ellipsis;
            return Value::string(out);
        }
        if (count > 0) out.push_back(' ');
        out.append(text, start, i - start);
        ++count;
    }
    return Value::string(text);
}

Value f_size(RenderContext& c, const Value& input, const FilterArgs&) {
    switch (input.kind()) {
        case ValueKind::kString:
            return Value::integer(static_cast<std::int64_t>(utf8::char_count(input.as_string())));
        case ValueKind::kArray:
            return Value::integer(static_cast<std::int64_t>(input.as_array().size()));
        case ValueKind::kObject:
            return Value::integer(static_cast<std::int64_t>(input.as_object().size()));
        case ValueKind::kRange: {
            std::int64_t n = input.range_last() - input.range_first() + 1;
            return Value::integer(n < 0 ? 0 : n);
        }
        case ValueKind::kInt:
            return Value::integer(8);  // Integer#size: bytes in the machine representation
        case ValueKind::kDrop: {
            Drop& drop = input.as_drop();
            if (drop.iterable()) {
                Value items = drop.items(c);
                if (items.is_array()) {
                    return Value::integer(static_cast<std::int64_t>(items.as_array().size()));
                }
            }
            Value size = drop.get("size", c);
            return size.is_number() ? size : Value::integer(0);
        }
        default:
            return Value::integer(0);
    }
}

FilterDefinition def(std::string name, FilterFunction function, std::uint8_t min,
                     std::uint8_t max) {
    return FilterDefinition{std::move(name), function, min, max, nullptr};
}

}  // namespace

void add_string_filters(std::vector<FilterDefinition>& out) {
    out.push_back(def("append", f_append, 1, 1));
    out.push_back(def("prepend", f_prepend, 1, 1));
    out.push_back(def("upcase", f_upcase, 0, 0));
    out.push_back(def("downcase", f_downcase, 0, 0));
    out.push_back(def("capitalize", f_capitalize, 0, 0));
    out.push_back(def("strip", f_strip, 0, 0));
    out.push_back(def("lstrip", f_lstrip, 0, 0));
    out.push_back(def("rstrip", f_rstrip, 0, 0));
    out.push_back(def("strip_newlines", f_strip_newlines, 0, 0));
    out.push_back(def("newline_to_br", f_newline_to_br, 0, 0));
    out.push_back(def("replace", f_replace, 1, 2));
    out.push_back(def("replace_first", f_replace_first, 1, 2));
    out.push_back(def("replace_last", f_replace_last, 2, 2));
    out.push_back(def("remove", f_remove, 1, 1));
    out.push_back(def("remove_first", f_remove_first, 1, 1));
    out.push_back(def("remove_last", f_remove_last, 1, 1));
    out.push_back(def("slice", f_slice, 1, 2));
    out.push_back(def("split", f_split, 1, 1));
    out.push_back(def("truncate", f_truncate, 0, 2));
    out.push_back(def("truncatewords", f_truncatewords, 0, 2));
    out.push_back(def("size", f_size, 0, 0));
}

}  // namespace station::liquid::detail

// Rendering of the built-in tags: conditions, loops, counters, captures and partials.

#include <limits>
#include <optional>

#include <boost/container/small_vector.hpp>

#include "tenant_runtime/liquid/drop.hpp"
#include "tenant_runtime/liquid/loop_drops.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"
#include "tenant_runtime/liquid/render_context.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"
#include "tenant_runtime/liquid/template.hpp"
#include "tenant_runtime/liquid/value_ops.hpp"

namespace station::liquid {
namespace {

template <class F>
struct ScopeExit {
    F f;
    ~ScopeExit() { f(); }
};
template <class F>
ScopeExit(F) -> ScopeExit<F>;

const std::uint64_t kForloopHash = hash_name("forloop");
const std::uint64_t kTablerowloopHash = hash_name("tablerowloop");

std::string_view ruby_class(const Value& value) {
    switch (value.kind()) {
        case ValueKind::kNil:
            return "NilClass";
        case ValueKind::kBool:
            return value.as_bool() ? "TrueClass" : "FalseClass";
        case ValueKind::kInt:
            return "Integer";
        case ValueKind::kFloat:
            return "Float";
        case ValueKind::kString:
            return "String";
        case ValueKind::kArray:
            return "Array";
        case ValueKind::kObject:
            return "Hash";
        case ValueKind::kRange:
            return "Range";
        case ValueKind::kDrop:
            return value.as_drop().type_name();
    }
    return "Object";
}

// Ruby's `left <op> right` for the ordering operators: numbers with numbers, strings with strings;
// a number against a string is an error; anything else is false.
bool compare_values(const Value& left, const Value& right, ast::CompareOp op) {
    int order = 0;
    if (left.is_number() && right.is_number()) {
        if (left.is_int() && right.is_int()) {
            order = left.as_int() < right.as_int() ? -1 : (left.as_int() > right.as_int() ? 1 : 0);
        } else {
            double a = left.is_int() ? static_cast<double>(left.as_int()) : left.as_float();
            double b = right.is_int() ? static_cast<double>(right.as_int()) : right.as_float();
            if (a != a || b != b) return false;
            order = a < b ? -1 : (a > b ? 1 : 0);
        }
    } else if (left.is_string() && right.is_string()) {
        int c = left.as_string().compare(right.as_string());
        order = c < 0 ? -1 : (c > 0 ? 1 : 0);
    } else if ((left.is_number() && right.is_string()) || (left.is_string() && right.is_number())) {
        std::string shown;
        if (right.is_number()) {
            append_plain_text(shown, right);
        } else {
            shown = ruby_class(right);
        }
        throw RenderError("comparison of " + std::string(ruby_class(left)) + " with " + shown +
                          " failed");
    } else {
        return false;
    }
    switch (op) {
        case ast::CompareOp::kLt:
            return order < 0;
        case ast::CompareOp::kGt:
            return order > 0;
        case ast::CompareOp::kLe:
            return order <= 0;
        case ast::CompareOp::kGe:
            return order >= 0;
        default:
            return false;
    }
}

bool contains(const Value& left, const Value& right, RenderContext& context) {
    auto falsy = [](const Value& v) { return !v.truthy(); };
    if (falsy(left) || falsy(right)) return false;
    switch (left.kind()) {
        case ValueKind::kString: {
            std::string needle;
            if (right.is_array() || right.is_object()) {
                append_inspect(needle, right);
            } else {
                detail::append_text(needle, right, context);
            }
            return left.as_string().find(needle) != std::string_view::npos;
        }
        case ValueKind::kArray:
            for (const Value& item : left.as_array()) {
                if (values_equal(item, right)) return true;
            }
            return false;
        case ValueKind::kObject:
            return right.is_string() && left.as_object().find(right.as_string()) != nullptr;
        case ValueKind::kRange: {
            if (!right.is_number()) return false;
            double x = right.is_int() ? static_cast<double>(right.as_int()) : right.as_float();
            return x >= static_cast<double>(left.range_first()) &&
                   x <= static_cast<double>(left.range_last());
        }
        case ValueKind::kDrop: {
            if (!left.as_drop().iterable()) return false;
            Value items = left.as_drop().items(context);
            return items.is_array() && contains(items, right, context);
        }
        default:
            return false;
    }
}

bool is_method_literal(const ast::Expr* expr) {
    return expr->kind == ast::ExprKind::kBlank || expr->kind == ast::ExprKind::kEmpty;
}

bool method_test(const ast::Expr* literal, const Value& value) {
    return literal->kind == ast::ExprKind::kBlank ? detail::is_blank(value)
                                                  : detail::is_empty(value);
}

// The variable name a partial binds its subject to: the alias, or the last path segment of the
// partial's name.
std::string_view partial_variable_name(const ast::PartialNode& node, std::string_view name) {
    if (!node.alias.text.empty()) return node.alias.text;
    std::size_t slash = name.rfind('/');
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

struct Window {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Liquid's slice_collection: items [from, to), where a string is always its only item.
Window slice_window(const detail::Sequence& sequence, std::int64_t from,
                    std::optional<std::int64_t> to) {
    std::size_t size = sequence.size();
    if (sequence.is_string()) return Window{0, size};
    auto clamp = [size](std::int64_t v) {
        if (v <= 0) return std::size_t{0};
        return static_cast<std::uint64_t>(v) > size ? size : static_cast<std::size_t>(v);
    };
    Window window;
    window.begin = clamp(from);
    window.end = to ? clamp(*to) : size;
    if (window.end < window.begin) window.end = window.begin;
    return window;
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) {
        return b > 0 ? std::numeric_limits<std::int64_t>::max()
                     : std::numeric_limits<std::int64_t>::min();
    }
    return r;
}

}  // namespace

// ---- Conditions ----

bool RenderContext::eval_condition(const ast::Condition* condition) {
    while (true) {
        bool result = eval_comparison(*condition);
        switch (condition->logic) {
            case ast::Logic::kOr:
                if (result) return true;
                break;
            case ast::Logic::kAnd:
                if (!result) return false;
                break;
            case ast::Logic::kEnd:
                return result;
        }
        condition = condition->next;
    }
}

bool RenderContext::eval_comparison(const ast::Condition& condition) {
    Value left_scratch;
    Value left_liquid;
    if (condition.op == ast::CompareOp::kNone) {
        // `blank` / `empty` on their own are objects, so truthy.
        if (is_method_literal(condition.left)) return true;
        return liquid_value(eval(*condition.left, left_scratch), left_liquid).truthy();
    }
    if (condition.op == ast::CompareOp::kUnknown) {
        fail(ErrorKind::kArgument, "Unknown operator " + std::string(condition.op_text));
    }
    Value right_scratch;
    Value right_liquid;
    const bool left_method = is_method_literal(condition.left);
    const bool right_method = is_method_literal(condition.right);
    const Value& left = liquid_value(eval(*condition.left, left_scratch), left_liquid);
    const Value& right = liquid_value(eval(*condition.right, right_scratch), right_liquid);
    auto equal = [&] {
        if (left_method && right_method) return false;
        if (left_method) return method_test(condition.left, right);
        if (right_method) return method_test(condition.right, left);
        return values_equal(left, right);
    };
    switch (condition.op) {
        case ast::CompareOp::kEq:
            return equal();
        case ast::CompareOp::kNe:
            return !equal();
        case ast::CompareOp::kContains:
            if (left_method) return false;
            return contains(left, right, *this);
        default:
            if (left_method || right_method) return false;
            return compare_values(left, right, condition.op);
    }
}

void RenderContext::render_if(const ast::IfNode& node, std::string& out) {
    for (std::size_t i = 0; i < node.branches.size(); ++i) {
        const ast::IfBranch& branch = node.branches[i];
        bool taken = branch.condition == nullptr || eval_condition(branch.condition);
        if (i == 0 && node.negate_first) taken = !taken;
        if (taken) {
            render_nodes(branch.body, out);
            return;
        }
    }
}

void RenderContext::render_case(const ast::CaseNode& node, std::string& out) {
    bool matched = false;
    Value subject_scratch;
    for (const ast::CaseBranch& branch : node.branches) {
        if (branch.value == nullptr) {
            if (!matched) render_nodes(branch.body, out);
            continue;
        }
        ast::Condition condition;
        condition.left = node.subject;
        condition.op = ast::CompareOp::kEq;
        condition.right = branch.value;
        if (eval_comparison(condition)) {
            matched = true;
            render_nodes(branch.body, out);
        }
    }
}

// ---- Loops ----

void RenderContext::render_for(const ast::LoopNode& loop, std::string& out) {
    Value collection_scratch;
    const Value collection = eval(*loop.collection, collection_scratch);
    Frame& frame = *frame_;

    std::int64_t from = 0;
    if (loop.offset_continue) {
        for (const auto& [name, offset] : frame.offsets) {
            if (name == loop.register_name) from = offset;
        }
    } else if (loop.offset != nullptr) {
        Value s;
        const Value& v = eval(*loop.offset, s);
        if (!v.is_nil()) from = detail::to_integer(v);
    }
    std::optional<std::int64_t> to;
    if (loop.limit != nullptr) {
        Value s;
        const Value& v = eval(*loop.limit, s);
        if (!v.is_nil()) to = saturating_add(detail::to_integer(v), from);
    }

    detail::Sequence sequence;
    if (collection.is_drop() && (from != 0 || to) && collection.as_drop().iterable()) {
        std::int64_t count = to ? std::max<std::int64_t>(*to - std::max<std::int64_t>(from, 0), 0)
                                : std::numeric_limits<std::int64_t>::max();
        Value page = collection.as_drop().slice(*this, std::max<std::int64_t>(from, 0), count);
        sequence = detail::Sequence(page, *this);
        from = 0;
        to.reset();
    } else {
        sequence = detail::Sequence(collection, *this);
    }
    Window window = slice_window(sequence, from, to);
    const std::size_t length = window.end - window.begin;

    std::int64_t next_offset = saturating_add(from, static_cast<std::int64_t>(length));
    bool stored = false;
    for (auto& [name, offset] : frame.offsets) {
        if (name == loop.register_name) {
            offset = next_offset;
            stored = true;
        }
    }
    if (!stored) frame.offsets.emplace_back(loop.register_name, next_offset);

    if (length == 0) {
        if (loop.has_else) render_nodes(loop.else_body, out);
        return;
    }

    auto* drop = new detail::ForloopDrop(loop.register_name, static_cast<std::int64_t>(length),
                                         frame.forloop);
    Value forloop = Value::drop(drop);
    const std::size_t mark = frame.locals.size();
    frame.locals.push_back(Local{kForloopHash, "forloop", forloop});
    frame.locals.push_back(Local{loop.variable.hash, loop.variable.text, Value()});
    Value outer_forloop = std::exchange(frame.forloop, forloop);
    ScopeExit restore{[&] {
        frame.locals.resize(mark);
        frame.forloop = std::move(outer_forloop);
    }};

    for (std::size_t k = 0; k < length; ++k) {
        count_iteration();
        std::size_t index = loop.reversed ? window.end - 1 - k : window.begin + k;
        Value item_scratch;
        frame.locals[mark + 1].value = sequence.at(index, item_scratch);
        render_nodes(loop.body, out);
        drop->advance();
        if (frame.interrupt != Interrupt::kNone) {
            Interrupt interrupt = std::exchange(frame.interrupt, Interrupt::kNone);
            if (interrupt == Interrupt::kBreak) break;
        }
    }
}

void RenderContext::render_tablerow(const ast::LoopNode& loop, std::string& out) {
    Value collection_scratch;
    const Value collection = eval(*loop.collection, collection_scratch);
    if (!collection.truthy()) return;
    Frame& frame = *frame_;
    auto integer_attribute = [this](const ast::Expr* expr) {
        Value s;
        return detail::to_i(eval(*expr, s));
    };
    std::int64_t from = loop.offset != nullptr ? integer_attribute(loop.offset) : 0;
    std::optional<std::int64_t> to;
    if (loop.limit != nullptr) to = saturating_add(from, integer_attribute(loop.limit));
    detail::Sequence sequence(collection, *this);
    Window window = slice_window(sequence, from, to);
    const auto length = static_cast<std::int64_t>(window.end - window.begin);
    std::int64_t cols = loop.cols != nullptr ? integer_attribute(loop.cols) : length;

    out += "<tr class=\"row1\">\n";
    auto* drop = new detail::TablerowloopDrop(length, cols);
    Value tablerowloop = Value::drop(drop);
    const std::size_t mark = frame.locals.size();
    frame.locals.push_back(Local{kTablerowloopHash, "tablerowloop", tablerowloop});
    frame.locals.push_back(Local{loop.variable.hash, loop.variable.text, Value()});
    ScopeExit restore{[&] { frame.locals.resize(mark); }};

    for (std::size_t index = window.begin; index < window.end; ++index) {
        count_iteration();
        Value item_scratch;
        frame.locals[mark + 1].value = sequence.at(index, item_scratch);
        out += "<td class=\"col";
        append_integer(out, drop->col());
        out += "\">";
        render_nodes(loop.body, out);
        out += "</td>";
        if (frame.interrupt != Interrupt::kNone) {
            Interrupt interrupt = std::exchange(frame.interrupt, Interrupt::kNone);
            if (interrupt == Interrupt::kBreak) break;
        }
        if (drop->col_last() && !drop->last()) {
            out += "</tr>\n<tr class=\"row";
            append_integer(out, drop->row() + 1);
            out += "\">";
        }
        drop->advance();
    }
    out += "</tr>\n";
}

// ---- Small tags ----

void RenderContext::render_cycle(const ast::CycleNode& node, std::string& out) {
    std::string key;
    if (node.group != nullptr) {
        Value s;
        const Value& group = eval(*node.group, s);
        if (group.is_string()) {
            key = group.as_string();
        } else {
            key = '\x01';
            append_inspect(key, group);
        }
    } else {
        key = node.anonymous_key;
    }
    Frame& frame = *frame_;
    std::int64_t* iteration = nullptr;
    for (auto& [name, count] : frame.cycles) {
        if (name == key) iteration = &count;
    }
    if (iteration == nullptr) {
        frame.cycles.emplace_back(std::move(key), 0);
        iteration = &frame.cycles.back().second;
    }
    const auto size = static_cast<std::int64_t>(node.values.size());
    if (*iteration < size) {
        Value s;
        write_value(out, eval(*node.values[static_cast<std::size_t>(*iteration)], s));
    }
    *iteration = *iteration + 1 >= size ? 0 : *iteration + 1;
}

void RenderContext::render_counter(const ast::CounterNode& node, bool increment, std::string& out) {
    Frame& frame = *frame_;
    Local* counter = nullptr;
    for (Local& local : frame.counters) {
        if (local.hash == node.name.hash && local.name == node.name.text) counter = &local;
    }
    if (counter == nullptr) {
        // Ruby keeps counters in the template's data hash, so a numeric value there seeds them.
        std::int64_t initial = 0;
        if (frame.environment != nullptr && frame.environment->is_object()) {
            const Value* seed = frame.environment->as_object().find(node.name.text, node.name.hash);
            if (seed != nullptr && seed->is_int()) initial = seed->as_int();
        }
        frame.counters.push_back(Local{node.name.hash, node.name.text, Value::integer(initial)});
        counter = &frame.counters.back();
    }
    std::int64_t value = counter->value.as_int();
    if (increment) {
        append_integer(out, value);
        counter->value = Value::integer(value + 1);
    } else {
        counter->value = Value::integer(value - 1);
        append_integer(out, value - 1);
    }
}

void RenderContext::render_capture(const ast::CaptureNode& node) {
    std::string buffer;
    render_nodes(node.body, buffer);
    Value value = Value::string(buffer);
    check_assign(value);
    set_root(node.target.text, node.target.hash, std::move(value));
}

void RenderContext::render_ifchanged(const ast::IfchangedNode& node, std::string& out) {
    std::string buffer;
    render_nodes(node.body, buffer);
    Frame& frame = *frame_;
    if (!frame.has_ifchanged || buffer != frame.ifchanged) {
        out += buffer;
        frame.ifchanged = std::move(buffer);
        frame.has_ifchanged = true;
    }
}

// ---- Partials ----

TemplatePtr RenderContext::load_partial(std::string_view name) {
    for (const auto& [loaded, partial] : partials_) {
        if (loaded == name) return partial;
    }
    if (options_.partials == nullptr) {
        fail(ErrorKind::kPartial, "This liquid context does not allow includes.");
    }
    auto result = options_.partials->load(name);
    if (!result) {
        const Error& error = result.error();
        // A partial that does not compile fails a strict render with its own location.
        if (error.kind != ErrorKind::kPartial && options_.mode == Mode::kStrict) throw Abort{error};
        fail(error.kind, error.kind == ErrorKind::kSyntax ? error.to_string() : error.message);
    }
    partials_.emplace_back(std::string(name), result.value());
    return partials_.back().second;
}

void RenderContext::render_include(const ast::PartialNode& node, std::string& out) {
    Value name_scratch;
    const Value& name_value = eval(*node.name, name_scratch);
    if (!name_value.truthy()) {
        fail(ErrorKind::kArgument, "Argument error in tag 'include' - Illegal template name");
    }
    if (frame_->include_disabled) {
        fail(ErrorKind::kArgument, "include usage is not allowed in this context");
    }
    std::string name = detail::to_text(name_value, *this);
    TemplatePtr partial = load_partial(name);
    if (partial_depth_ >= options_.limits.max_partial_depth) {
        fail(ErrorKind::kNesting, "Nesting too deep");
    }

    Frame& frame = *frame_;
    std::string_view variable_name = own_name(partial_variable_name(node, name));
    Value variable;
    if (node.variable != nullptr) {
        Value s;
        variable = eval(*node.variable, s);
    } else if (const Value* found = find(name, hash_name(name))) {
        variable = *found;
    }

    const std::size_t mark = frame.locals.size();
    const std::string_view outer_name = frame.template_name;
    ++partial_depth_;
    ScopeExit restore{[&] {
        frame.locals.resize(mark);
        frame.template_name = outer_name;
        --partial_depth_;
    }};
    frame.template_name = partial->name();
    for (const ast::KeywordArg& attribute : node.attributes) {
        Value s;
        Value value = eval(*attribute.value, s);
        set_local(attribute.name.text, attribute.name.hash, std::move(value));
    }
    const std::uint64_t variable_hash = hash_name(variable_name);
    if (variable.is_array()) {
        for (const Value& item : variable.as_array()) {
            set_local(variable_name, variable_hash, item);
            render_nodes(*partial->root_, out);
            if (frame.interrupt != Interrupt::kNone) break;
        }
    } else {
        set_local(variable_name, variable_hash, std::move(variable));
        render_nodes(*partial->root_, out);
    }
}

void RenderContext::render_render(const ast::PartialNode& node, std::string& out) {
    TemplatePtr partial = load_partial(node.literal_name);
    std::string_view variable_name = partial_variable_name(node, node.literal_name);
    const std::uint64_t variable_hash = hash_name(variable_name);
    Value variable;
    if (node.variable != nullptr) {
        Value s;
        variable = eval(*node.variable, s);
    }

    auto render_one = [&](const Value& item, const Value* forloop) {
        // Arguments are evaluated in the caller's scope, then the partial gets a fresh one.
        boost::container::small_vector<std::pair<const ast::KeywordArg*, Value>, 8> arguments;
        for (const ast::KeywordArg& attribute : node.attributes) {
            Value s;
            arguments.emplace_back(&attribute, eval(*attribute.value, s));
        }
        if (partial_depth_ >= options_.limits.max_partial_depth) {
            fail(ErrorKind::kNesting, "Nesting too deep");
        }
        Frame* outer = frame_;
        ++partial_depth_;
        enter_frame(true, partial->name());
        ScopeExit restore{[&] {
            leave_frame();
            frame_ = outer;
            --partial_depth_;
        }};
        if (forloop != nullptr) set_root("forloop", kForloopHash, *forloop);
        for (auto& [attribute, value] : arguments) {
            set_root(attribute->name.text, attribute->name.hash, std::move(value));
        }
        if (!item.is_nil()) set_root(variable_name, variable_hash, item);
        render_nodes(*partial->root_, out);
    };

    bool enumerable = variable.is_array() || variable.is_object() || variable.is_range() ||
                      (variable.is_drop() && variable.as_drop().iterable());
    if (node.for_loop && enumerable) {
        detail::Sequence sequence(variable, *this);
        auto* drop = new detail::ForloopDrop(node.literal_name,
                                             static_cast<std::int64_t>(sequence.size()), Value());
        Value forloop = Value::drop(drop);
        for (std::size_t i = 0; i < sequence.size(); ++i) {
            count_iteration();
            Value item_scratch;
            render_one(sequence.at(i, item_scratch), &forloop);
            drop->advance();
        }
    } else {
        render_one(variable, nullptr);
    }
}

void RenderContext::render_partial(std::string_view name, std::string& out,
                                   std::span<const std::pair<std::string_view, Value>> variables) {
    TemplatePtr partial = load_partial(name);
    if (partial_depth_ >= options_.limits.max_partial_depth) {
        fail(ErrorKind::kNesting, "Nesting too deep");
    }
    Frame* outer = frame_;
    ++partial_depth_;
    enter_frame(true, partial->name());
    ScopeExit restore{[&] {
        leave_frame();
        frame_ = outer;
        --partial_depth_;
    }};
    for (const auto& [variable, value] : variables) {
        set_root(own_name(variable), hash_name(variable), value);
    }
    render_nodes(*partial->root_, out);
}

}  // namespace station::liquid

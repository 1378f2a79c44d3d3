// The interpreter core: walking node lists, evaluating expressions and filter chains, scopes,
// error handling and limits. Tag-specific rendering lives in render_tags.cpp.

#include "tenant_runtime/liquid/render_context.hpp"

#include <algorithm>

#include <boost/container/small_vector.hpp>

#include "tenant_runtime/liquid/drop.hpp"
#include "tenant_runtime/liquid/filter.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"
#include "tenant_runtime/liquid/utf8.hpp"
#include "tenant_runtime/liquid/value_ops.hpp"

namespace station::liquid {
namespace {

// Nodes and iterations between two deadline checks: frequent enough to stop within a
// millisecond, rare enough that reading the clock costs nothing measurable.
constexpr std::int32_t kDeadlineCheckInterval = 256;
// Filter arguments evaluated without a heap allocation.
constexpr std::size_t kInlineArgs = 6;

std::string arity_message(std::size_t given, const FilterDefinition& filter) {
    std::string out = "wrong number of arguments (given " + std::to_string(given + 1) +
                      ", expected " + std::to_string(filter.min_args + 1);
    if (filter.max_args != filter.min_args) out += ".." + std::to_string(filter.max_args + 1);
    out += ')';
    return out;
}

std::chrono::steady_clock::time_point steady_now(const RenderOptions& options) {
    return options.clock ? options.clock() : std::chrono::steady_clock::now();
}

}  // namespace

RenderContext::RenderContext(const Template& tpl, const RenderOptions& options)
    : template_(tpl),
      options_(options),
      now_(options.now ? *options.now : std::chrono::system_clock::now()),
      deadline_(steady_now(options) + options.limits.timeout),
      budget_(kDeadlineCheckInterval) {}

RenderContext::~RenderContext() = default;

void RenderContext::Frame::reset() {
    root.clear();
    locals.clear();
    counters.clear();
    cycles.clear();
    offsets.clear();
    names.clear();
    ifchanged.clear();
    has_ifchanged = false;
    environment = nullptr;
    template_name = {};
    forloop = Value();
    interrupt = Interrupt::kNone;
    include_disabled = false;
}

void RenderContext::run(const Value& data, std::string& out) {
    Frame& frame = enter_frame(false, template_.name());
    frame.environment = &data;
    render_nodes(*template_.root_, out);
}

RenderContext::Frame& RenderContext::enter_frame(bool isolated, std::string_view template_name) {
    std::size_t index = frame_depth_;
    while (frames_.size() <= index)
        frames_.push_back(std::make_unique<Frame>());
    Frame& frame = *frames_[index];
    frame.reset();
    frame.template_name = template_name;
    frame.include_disabled = isolated;
    frame_ = &frame;
    ++frame_depth_;
    return frame;
}

void RenderContext::leave_frame() {
    --frame_depth_;
    frame_ = frames_[frame_depth_ - 1].get();
}

std::string_view RenderContext::template_name() const noexcept {
    return frame_ != nullptr ? frame_->template_name : std::string_view(template_.name());
}

// ---- Nodes ----

void RenderContext::render_nodes(const ast::Block& block, std::string& out) {
    if (nesting_ >= options_.limits.max_nesting_depth)
        fail(ErrorKind::kNesting, "Nesting too deep");
    ++nesting_;
    struct Unnest {
        std::uint32_t& depth;
        ~Unnest() { --depth; }
    } unnest{nesting_};
    for (const ast::Node& node : block.nodes) {
        if (node.kind == ast::NodeKind::kText) {
            out.append(node.text);
        } else {
            current_node_ = &node;
            try {
                render_node(node, out);
            } catch (const RenderError& e) {
                handle_error(node, e.kind(), e.what(), out);
            } catch (const std::bad_alloc&) {
                throw;
            } catch (const std::exception& e) {
                handle_error(node, ErrorKind::kInternal, std::string("internal: ") + e.what(), out);
            }
            if (frame_->interrupt != Interrupt::kNone) return;
        }
        if (out.size() > options_.limits.max_output_bytes) check_output(out);
        tick();
    }
}

void RenderContext::render_node(const ast::Node& node, std::string& out) {
    switch (node.kind) {
        case ast::NodeKind::kText:
        case ast::NodeKind::kRaw:
        case ast::NodeKind::kSyntaxError:
            out.append(node.text);
            return;
        case ast::NodeKind::kOutput:
            render_output(*static_cast<const ast::Output*>(node.data), out);
            return;
        case ast::NodeKind::kAssign: {
            const auto& assign = *static_cast<const ast::AssignNode*>(node.data);
            Value value = apply_filters(assign.value);
            check_assign(value);
            set_root(assign.target.text, assign.target.hash, std::move(value));
            return;
        }
        case ast::NodeKind::kCapture:
            render_capture(*static_cast<const ast::CaptureNode*>(node.data));
            return;
        case ast::NodeKind::kIf:
            render_if(*static_cast<const ast::IfNode*>(node.data), out);
            return;
        case ast::NodeKind::kCase:
            render_case(*static_cast<const ast::CaseNode*>(node.data), out);
            return;
        case ast::NodeKind::kFor:
            render_for(*static_cast<const ast::LoopNode*>(node.data), out);
            return;
        case ast::NodeKind::kTablerow:
            render_tablerow(*static_cast<const ast::LoopNode*>(node.data), out);
            return;
        case ast::NodeKind::kCycle:
            render_cycle(*static_cast<const ast::CycleNode*>(node.data), out);
            return;
        case ast::NodeKind::kIncrement:
        case ast::NodeKind::kDecrement:
            render_counter(*static_cast<const ast::CounterNode*>(node.data),
                           node.kind == ast::NodeKind::kIncrement, out);
            return;
        case ast::NodeKind::kBreak:
            frame_->interrupt = Interrupt::kBreak;
            return;
        case ast::NodeKind::kContinue:
            frame_->interrupt = Interrupt::kContinue;
            return;
        case ast::NodeKind::kInclude:
            render_include(*static_cast<const ast::PartialNode*>(node.data), out);
            return;
        case ast::NodeKind::kRender:
            render_render(*static_cast<const ast::PartialNode*>(node.data), out);
            return;
        case ast::NodeKind::kIfchanged:
            render_ifchanged(*static_cast<const ast::IfchangedNode*>(node.data), out);
            return;
        case ast::NodeKind::kCustom:
            static_cast<const ast::CustomNode*>(node.data)->tag->render(*this, out);
            return;
    }
}

void RenderContext::handle_error(const ast::Node& node, ErrorKind kind, std::string message,
                                 std::string& out) {
    Error error{kind, std::move(message), std::string(frame_->template_name), node.line, 0};
    if (options_.mode == Mode::kStrict) throw Abort{std::move(error)};
    // Shopify records undefined variables and filters without printing them.
    bool silent = kind == ErrorKind::kUndefinedVariable || kind == ErrorKind::kUndefinedFilter;
    if (!silent && !node.blank) {
        if (kind == ErrorKind::kInternal) {
            Error shown = error;
            shown.message = "internal";
            out += shown.to_string();
        } else {
            out += error.to_string();
        }
    }
    if (options_.errors != nullptr) options_.errors->push_back(std::move(error));
}

void RenderContext::render_output(const ast::Output& output, std::string& out) {
    if (output.expr == nullptr) return;
    Value scratch;
    const Value& value = eval(*output.expr, scratch);
    if (output.filters.empty()) {
        write_value(out, value);
        return;
    }
    Value results[2];
    const Value* result = run_filters(output, value, results, &out);
    if (result != nullptr) write_value(out, *result);
}

Value RenderContext::apply_filters(const ast::Output& output) {
    if (output.expr == nullptr) return Value();
    Value scratch;
    const Value& value = eval(*output.expr, scratch);
    if (output.filters.empty()) return value;
    Value results[2];
    return *run_filters(output, value, results, nullptr);
}

const Value* RenderContext::run_filters(const ast::Output& output, const Value& input,
                                        Value results[2], std::string* append_to) {
    const Value* current = &input;
    int slot = 0;
    const std::size_t count = output.filters.size();
    for (std::size_t i = 0; i < count; ++i) {
        const ast::FilterCall& call = output.filters[i];
        const FilterDefinition* filter = call.definition;
        // An unknown filter (lax mode) passes its input through, as Shopify does.
        if (filter == nullptr) continue;
        const std::size_t given = call.args.size() + (call.kwargs.empty() ? 0 : 1);
        if (given < filter->min_args || given > filter->max_args) {
            fail(ErrorKind::kArgument, arity_message(given, *filter));
        }
        // Argument values live here only when computed; literals and variables are borrowed.
        boost::container::small_vector<Value, kInlineArgs> scratch(given);
        boost::container::small_vector<const Value*, kInlineArgs> args(given);
        for (std::size_t a = 0; a < call.args.size(); ++a) {
            args[a] = &eval(*call.args[a], scratch[a]);
        }
        if (!call.kwargs.empty()) {
            ObjectBuilder keywords;
            for (const ast::KeywordArg& kw : call.kwargs) {
                Value s;
                keywords.set(kw.name.text, eval(*kw.value, s));
            }
            scratch[given - 1] = std::move(keywords).build();
            args[given - 1] = &scratch[given - 1];
        }
        FilterArgs filter_args(args.data(), given);
        if (append_to != nullptr && i + 1 == count && filter->append != nullptr) {
            filter->append(*this, *current, filter_args, *append_to);
            return nullptr;
        }
        results[slot] = filter->function(*this, *current, filter_args);
        current = &results[slot];
        slot ^= 1;
    }
    return current;
}

void RenderContext::write_value(std::string& out, const Value& value) {
    switch (value.kind()) {
        case ValueKind::kNil:
            return;
        case ValueKind::kString:
            out += value.as_string();
            return;
        case ValueKind::kInt:
            append_integer(out, value.as_int());
            return;
        default:
            detail::append_text(out, value, *this);
            return;
    }
}

// ---- Expressions ----

const Value& RenderContext::eval(const ast::Expr& expr, Value& scratch) {
    switch (expr.kind) {
        case ast::ExprKind::kLiteral:
        case ast::ExprKind::kBlank:
        case ast::ExprKind::kEmpty:
            return expr.literal;
        case ast::ExprKind::kVariable:
            return eval_variable(expr, scratch);
        case ast::ExprKind::kRange: {
            // RangeLookup: integers as they are, nil and strings through to_i, anything else
            // must read as an integer.
            auto bound = [this](const ast::Expr& e) {
                Value s;
                const Value& v = eval(e, s);
                if (v.is_int()) return v.as_int();
                if (v.is_nil() || v.is_string()) return detail::to_i(v);
                return detail::to_integer(v);
            };
            std::int64_t first = bound(*expr.range_first);
            std::int64_t last = bound(*expr.range_last);
            scratch = Value::range(first, last);
            return scratch;
        }
    }
    return detail::nil_value();
}

const Value* RenderContext::find(std::string_view name, std::uint64_t hash) {
    Frame& frame = *frame_;
    for (auto it = frame.locals.rbegin(); it != frame.locals.rend(); ++it) {
        if (it->hash == hash && detail::same_text(it->name, name)) return &it->value;
    }
    for (const Local& local : frame.root) {
        if (local.hash == hash && detail::same_text(local.name, name)) return &local.value;
    }
    for (const Local& local : frame.counters) {
        if (local.hash == hash && detail::same_text(local.name, name)) return &local.value;
    }
    // Like Ruby's environments: the first non-nil value wins.
    const Value* found = nullptr;
    if (frame.environment != nullptr && frame.environment->is_object()) {
        found = frame.environment->as_object().find(name, hash);
        if (found != nullptr && !found->is_nil()) return found;
    }
    if (options_.globals != nullptr && options_.globals->is_object()) {
        if (const Value* global = options_.globals->as_object().find(name, hash)) return global;
    }
    return found;
}

const Value& RenderContext::eval_variable(const ast::Expr& expr, Value& scratch) {
    const Value* current = nullptr;
    if (expr.root_dynamic != nullptr) {
        Value name_scratch;
        const Value& name = eval(*expr.root_dynamic, name_scratch);
        if (name.is_string()) current = find(name.as_string(), hash_name(name.as_string()));
        if (current == nullptr && options_.strict_variables) {
            std::string text;
            append_plain_text(text, name);
            fail(ErrorKind::kUndefinedVariable, "undefined variable " + text);
        }
    } else {
        current = find(expr.root.text, expr.root.hash);
        if (current == nullptr && options_.strict_variables) {
            fail(ErrorKind::kUndefinedVariable,
                 "undefined variable " + std::string(expr.root.text));
        }
    }
    if (current == nullptr) return detail::nil_value();
    if (expr.path.empty()) return *current;

    // A computed step lands in `scratch`, which keeps it alive while later steps borrow from it
    // and, being the caller's, while the caller uses the result.
    for (const ast::Segment& segment : expr.path) {
        Value next_owned;
        const Value* next = child(*current, segment, next_owned);
        if (next == nullptr) {
            if (options_.strict_variables) {
                std::string key = segment.kind == ast::Segment::Kind::kKey
                                      ? std::string(segment.key.text)
                                      : std::to_string(segment.index);
                fail(ErrorKind::kUndefinedVariable, "undefined variable " + key);
            }
            return detail::nil_value();
        }
        if (next == &next_owned) {
            scratch = std::move(next_owned);
            current = &scratch;
        } else {
            current = next;
        }
    }
    return *current;
}

const Value* RenderContext::child(const Value& object, const ast::Segment& segment, Value& owned) {
    switch (segment.kind) {
        case ast::Segment::Kind::kKey:
            return child_by_key(object, segment.key.text, segment.key.hash, segment.command,
                                segment.key.known, owned);
        case ast::Segment::Kind::kIndex:
            break;
        case ast::Segment::Kind::kDynamic: {
            Value key_scratch;
            Value liquid_scratch;
            const Value& key = liquid_value(eval(*segment.dynamic, key_scratch), liquid_scratch);
            if (key.is_string()) {
                return child_by_key(object, key.as_string(), hash_name(key.as_string()), false,
                                    ast::KnownName::kNone, owned);
            }
            if (!key.is_int()) {
                if (!object.is_drop()) return nullptr;
                std::string text;
                append_plain_text(text, key);
                owned = object.as_drop().get(text, *this);
                return &owned;
            }
            ast::Segment index = segment;
            index.kind = ast::Segment::Kind::kIndex;
            index.index = key.as_int();
            return child(object, index, owned);
        }
    }
    // Integer index.
    std::int64_t index = segment.index;
    if (object.is_array()) {
        auto items = object.as_array();
        std::int64_t size = static_cast<std::int64_t>(items.size());
        if (index < 0) index += size;
        if (index < 0 || index >= size) return &detail::nil_value();
        return &items[static_cast<std::size_t>(index)];
    }
    if (object.is_drop()) {
        owned = object.as_drop().get(std::to_string(index), *this);
        return &owned;
    }
    return nullptr;
}

const Value* RenderContext::child_by_key(const Value& object, std::string_view key,
                                         std::uint64_t hash, bool command, ast::KnownName known,
                                         Value& owned) {
    switch (object.kind()) {
        case ValueKind::kObject: {
            const auto& rep = object.as_object();
            if (const Value* found = rep.find(key, hash)) return found;
            if (!command) return nullptr;
            if (known == ast::KnownName::kSize) {
                owned = Value::integer(static_cast<std::int64_t>(rep.size()));
                return &owned;
            }
            if (known == ast::KnownName::kFirst) {
                if (rep.size() == 0) return &detail::nil_value();
                owned = Value::array({rep.entries[0].key, rep.entries[0].value});
                return &owned;
            }
            return nullptr;
        }
        case ValueKind::kArray: {
            if (!command) return nullptr;
            auto items = object.as_array();
            if (known == ast::KnownName::kSize) {
                owned = Value::integer(static_cast<std::int64_t>(items.size()));
                return &owned;
            }
            if (items.empty()) return &detail::nil_value();
            return known == ast::KnownName::kFirst ? &items.front() : &items.back();
        }
        case ValueKind::kString:
            if (command && known == ast::KnownName::kSize) {
                owned =
                    Value::integer(static_cast<std::int64_t>(utf8::char_count(object.as_string())));
                return &owned;
            }
            return nullptr;
        case ValueKind::kRange:
            if (!command) return nullptr;
            if (known == ast::KnownName::kSize) {
                std::int64_t n = object.range_last() - object.range_first() + 1;
                owned = Value::integer(n < 0 ? 0 : n);
            } else {
                owned = Value::integer(known == ast::KnownName::kFirst ? object.range_first()
                                                                       : object.range_last());
            }
            return &owned;
        case ValueKind::kDrop:
            owned = object.as_drop().get(key, *this);
            return &owned;
        default:
            return nullptr;
    }
}

const Value& RenderContext::liquid_value(const Value& value, Value& scratch) {
    if (!value.is_drop()) return value;
    std::optional<Value> primitive = value.as_drop().liquid_value(*this);
    if (!primitive) return value;
    scratch = std::move(*primitive);
    return scratch;
}

// ---- Scopes ----

void RenderContext::set_local(std::string_view name, std::uint64_t hash, Value value) {
    frame_->locals.push_back(Local{hash, name, std::move(value)});
}

void RenderContext::set_root(std::string_view name, std::uint64_t hash, Value value) {
    for (Local& local : frame_->root) {
        if (local.hash == hash && local.name == name) {
            local.value = std::move(value);
            return;
        }
    }
    frame_->root.push_back(Local{hash, name, std::move(value)});
}

std::string_view RenderContext::own_name(std::string_view name) {
    frame_->names.push_back(std::make_unique<std::string>(name));
    return *frame_->names.back();
}

// ---- Limits ----

void RenderContext::check_deadline() {
    budget_ = kDeadlineCheckInterval;
    if (steady_now(options_) > deadline_) abort_limit("Render time limit exceeded");
}

void RenderContext::count_iteration() {
    if (++iterations_ > options_.limits.max_loop_iterations) {
        abort_limit("Loop iteration limit exceeded (" +
                    std::to_string(options_.limits.max_loop_iterations) + ")");
    }
    tick();
}

void RenderContext::check_output(const std::string& out) const {
    if (out.size() > options_.limits.max_output_bytes) {
        abort_limit("Output size limit exceeded (" +
                    std::to_string(options_.limits.max_output_bytes) + " bytes)");
    }
}

void RenderContext::check_assign(const Value& value) const {
    std::size_t bytes = 0;
    if (value.is_string()) {
        bytes = value.as_string().size();
    } else if (value.is_array()) {
        for (const Value& item : value.as_array()) {
            bytes += sizeof(Value) + (item.is_string() ? item.as_string().size() : 0);
            if (bytes > options_.limits.max_assign_bytes) break;
        }
    }
    if (bytes > options_.limits.max_assign_bytes) {
        abort_limit("Assigned value size limit exceeded (" +
                    std::to_string(options_.limits.max_assign_bytes) + " bytes)");
    }
}

void RenderContext::abort_limit(std::string message) const {
    std::uint32_t line = current_node_ != nullptr ? current_node_->line : 0;
    std::string name = frame_ != nullptr ? std::string(frame_->template_name) : template_.name();
    throw Abort{Error{ErrorKind::kResourceLimit, std::move(message), std::move(name), line, 0}};
}

void RenderContext::fail(ErrorKind kind, std::string message) const {
    throw RenderError(std::move(message), kind);
}

// ---- Extension API ----

Value RenderContext::evaluate(const Expression& expression) {
    if (!expression.valid()) return Value();
    Value scratch;
    return eval(*expression.expr_, scratch);
}

Value RenderContext::find_variable(std::string_view name) {
    const Value* found = find(name, hash_name(name));
    return found != nullptr ? *found : Value();
}

void RenderContext::assign(std::string_view name, Value value) {
    std::uint64_t hash = hash_name(name);
    for (Local& local : frame_->root) {
        if (local.hash == hash && local.name == name) {
            local.value = std::move(value);
            return;
        }
    }
    frame_->root.push_back(Local{hash, own_name(name), std::move(value)});
}

RenderContext::ScopeGuard::ScopeGuard(RenderContext& context)
    : context_(context), mark_(context.frame_->locals.size()) {}

RenderContext::ScopeGuard::~ScopeGuard() {
    context_.frame_->locals.resize(mark_);
}

void RenderContext::ScopeGuard::set(std::string_view name, Value value) {
    context_.set_local(context_.own_name(name), hash_name(name), std::move(value));
}

RenderContext::ScopeGuard RenderContext::push_scope() {
    return ScopeGuard(*this);
}

void RenderContext::render_block(const BlockBody& body, std::string& out) {
    if (body.valid()) render_nodes(*body.block_, out);
}

std::any& RenderContext::state(std::string_view key) {
    for (auto& [name, value] : state_) {
        if (name == key) return value;
    }
    state_.emplace_back(std::string(key), std::any());
    return state_.back().second;
}

boost::system::result<void, Error> render_to(std::string& out, const Template& tpl,
                                             const Value& data, const RenderOptions& options) {
    RenderContext context(tpl, options);
    try {
        context.run(data, out);
    } catch (const RenderContext::Abort& abort) {
        return abort.error;
    }
    return {};
}

boost::system::result<std::string, Error> render(const Template& tpl, const Value& data,
                                                 const RenderOptions& options) {
    std::string out;
    auto result = render_to(out, tpl, data, options);
    if (!result) return result.error();
    return out;
}

}  // namespace station::liquid

#pragma once
// The state of one render, and what filters, drops and custom tags may do with it.
//
// A RenderContext lives for one call of render() on one thread; extensions receive it by
// reference and MUST NOT keep it (or values borrowed from it) beyond the call that received it.

#include <any>
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tenant_runtime/liquid/ast.hpp"
#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/render.hpp"
#include "tenant_runtime/liquid/tag.hpp"
#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid {

class RenderContext {
public:
    RenderContext(const RenderContext&) = delete;
    RenderContext& operator=(const RenderContext&) = delete;
    ~RenderContext();

    // ---- For filters, drops and custom tags ----

    Value evaluate(const Expression& expression);
    // What `{{ name }}` would find (nil when undefined).
    Value find_variable(std::string_view name);
    // `{% assign name = value %}`.
    void assign(std::string_view name, Value value);

    // Variables that exist until the guard is destroyed (like a for loop's).
    class ScopeGuard {
    public:
        ScopeGuard(const ScopeGuard&) = delete;
        ScopeGuard& operator=(const ScopeGuard&) = delete;
        ~ScopeGuard();
        void set(std::string_view name, Value value);

    private:
        friend class RenderContext;
        explicit ScopeGuard(RenderContext& context);
        RenderContext& context_;
        std::size_t mark_;
    };
    [[nodiscard]] ScopeGuard push_scope();

    // Renders a custom block tag's section (errors inside it are handled per node).
    void render_block(const BlockBody& body, std::string& out);
    // Renders partial `name` in an isolated scope holding only `variables`, as `render` does.
    // Throws RenderError when the partial cannot be loaded or nesting is too deep.
    void render_partial(std::string_view name, std::string& out,
                        std::span<const std::pair<std::string_view, Value>> variables);
    // How `{{ value }}` prints it.
    void write_value(std::string& out, const Value& value);

    const RenderHost* host() const noexcept { return options_.host; }
    template <class T>
    const T* host_as() const noexcept {
        return dynamic_cast<const T*>(options_.host);
    }
    // Per-render storage for extensions, keyed by name.
    std::any& state(std::string_view key);
    std::chrono::system_clock::time_point now() const noexcept { return now_; }
    std::int32_t utc_offset_seconds() const noexcept { return options_.utc_offset_seconds; }
    Mode mode() const noexcept { return options_.mode; }
    std::string_view template_name() const noexcept;

private:
    friend boost::system::result<void, Error> render_to(std::string&, const Template&, const Value&,
                                                        const RenderOptions&);

    enum class Interrupt : std::uint8_t { kNone, kBreak, kContinue };

    struct Local {
        std::uint64_t hash;
        std::string_view name;
        Value value;
    };

    // The variables of one template execution. `render` partials get a fresh frame; `include`
    // partials share their caller's.
    struct Frame {
        std::vector<Local> root;    // assign / capture targets
        std::vector<Local> locals;  // pushed scopes (for, tablerow, include), innermost last
        std::vector<Local> counters;
        std::vector<std::pair<std::string, std::int64_t>> cycles;
        std::vector<std::pair<std::string_view, std::int64_t>> offsets;  // offset: continue
        std::vector<std::unique_ptr<std::string>> names;                 // owned local names
        std::string ifchanged;
        bool has_ifchanged = false;
        const Value* environment = nullptr;
        std::string_view template_name;
        Value forloop;  // innermost for loop, the next loop's parentloop
        Interrupt interrupt = Interrupt::kNone;
        bool include_disabled = false;

        void reset();
    };

    // Aborts the whole render (limits; any error in strict mode).
    struct Abort {
        Error error;
    };

    RenderContext(const Template& tpl, const RenderOptions& options);
    void run(const Value& data, std::string& out);

    // Nodes.
    void render_nodes(const ast::Block& block, std::string& out);
    void render_node(const ast::Node& node, std::string& out);
    void render_output(const ast::Output& output, std::string& out);
    void render_if(const ast::IfNode& node, std::string& out);
    void render_case(const ast::CaseNode& node, std::string& out);
    void render_for(const ast::LoopNode& loop, std::string& out);
    void render_tablerow(const ast::LoopNode& loop, std::string& out);
    void render_cycle(const ast::CycleNode& node, std::string& out);
    void render_counter(const ast::CounterNode& node, bool increment, std::string& out);
    void render_include(const ast::PartialNode& node, std::string& out);
    void render_render(const ast::PartialNode& node, std::string& out);
    void render_capture(const ast::CaptureNode& node);
    void render_ifchanged(const ast::IfchangedNode& node, std::string& out);
    void handle_error(const ast::Node& node, ErrorKind kind, std::string message, std::string& out);

    // Expressions.
    const Value& eval(const ast::Expr& expr, Value& scratch);
    const Value& eval_variable(const ast::Expr& expr, Value& scratch);
    // The child `segment` of `object`: a pointer into `object`, or `owned` when computed.
    const Value* child(const Value& object, const ast::Segment& segment, Value& owned);
    const Value* child_by_key(const Value& object, std::string_view key, std::uint64_t hash,
                              bool command, ast::KnownName known, Value& owned);
    const Value* find(std::string_view name, std::uint64_t hash);
    Value apply_filters(const ast::Output& output);
    // The filtered value (in `input` or `results`), or null when the last filter appended its
    // result to `append_to` directly.
    const Value* run_filters(const ast::Output& output, const Value& input, Value results[2],
                             std::string* append_to);
    bool eval_condition(const ast::Condition* condition);
    bool eval_comparison(const ast::Condition& condition);
    // A drop's primitive stand-in (to_liquid_value), or the value itself.
    const Value& liquid_value(const Value& value, Value& scratch);

    // Scopes.
    void set_local(std::string_view name, std::uint64_t hash, Value value);
    void set_root(std::string_view name, std::uint64_t hash, Value value);
    std::string_view own_name(std::string_view name);

    // Partials.
    TemplatePtr load_partial(std::string_view name);
    Frame& enter_frame(bool isolated, std::string_view template_name);
    void leave_frame();

    // Limits.
    void tick() {
        if (--budget_ == 0) check_deadline();
    }
    void check_deadline();
    void count_iteration();
    void check_output(const std::string& out) const;
    void check_assign(const Value& value) const;
    [[noreturn]] void abort_limit(std::string message) const;
    [[noreturn]] void fail(ErrorKind kind, std::string message) const;

    const Template& template_;
    const RenderOptions& options_;
    std::chrono::system_clock::time_point now_;
    std::chrono::steady_clock::time_point deadline_;
    std::int32_t budget_;
    std::uint64_t iterations_ = 0;
    std::size_t frame_depth_ = 0;
    std::uint32_t partial_depth_ = 0;
    std::uint32_t nesting_ = 0;
    std::vector<std::unique_ptr<Frame>> frames_;
    Frame* frame_ = nullptr;
    std::vector<std::pair<std::string, TemplatePtr>> partials_;
    std::vector<std::pair<std::string, std::any>> state_;
    const ast::Node* current_node_ = nullptr;
};

}  // namespace station::liquid

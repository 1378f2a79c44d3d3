#pragma once
// Internal: the compiled form of a template. Everything here is allocated in the template's arena,
// immutable after parsing, and trivially destructible (literals are immortal values owned by the
// template's LiteralPool), so one compiled template can be rendered from many threads at once.
//
// Names are pre-hashed (Key) and filter calls hold resolved definitions, so rendering does no
// string hashing of template text and no registry lookups.

#include <cstdint>
#include <span>
#include <string_view>

#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid {

struct FilterDefinition;
class CustomTag;

namespace ast {

// The property names Liquid also answers as methods (`array.size`), resolved at parse time.
enum class KnownName : std::uint8_t { kNone, kSize, kFirst, kLast };

KnownName known_name(std::string_view text) noexcept;

struct Key {
    std::string_view text;
    std::uint64_t hash = 0;
    KnownName known = KnownName::kNone;
};

Key make_key(std::string_view text) noexcept;

struct Expr;

struct Segment {
    enum class Kind : std::uint8_t { kKey, kIndex, kDynamic };
    Kind kind = Kind::kKey;
    bool command = false;  // unbracketed size / first / last
    Key key;
    std::int64_t index = 0;
    const Expr* dynamic = nullptr;
};

enum class ExprKind : std::uint8_t {
    kLiteral,
    kVariable,
    kRange,
    kBlank,  // `blank`: "" as a value, a predicate in comparisons
    kEmpty,  // `empty`: likewise
};

struct Expr {
    ExprKind kind = ExprKind::kLiteral;
    Value literal;
    // kVariable: a root name, or a computed root (`[expr]`), followed by a path.
    Key root;
    const Expr* root_dynamic = nullptr;
    std::span<const Segment> path;
    // kRange
    const Expr* range_first = nullptr;
    const Expr* range_last = nullptr;
};

struct KeywordArg {
    Key name;
    const Expr* value = nullptr;
};

struct FilterCall {
    const FilterDefinition* definition = nullptr;  // null: unknown filter, a no-op (lax mode)
    std::string_view name;
    std::span<const Expr* const> args;
    std::span<const KeywordArg> kwargs;
};

// An output expression: `{{ expr | filter: args }}`, `echo`, the value of `assign`.
struct Output {
    const Expr* expr = nullptr;  // null for an empty `{{ }}`
    std::span<const FilterCall> filters;
};

// kUnknown: an operator only lax mode accepts; evaluating it is a Liquid error.
enum class CompareOp : std::uint8_t { kNone, kEq, kNe, kLt, kGt, kLe, kGe, kContains, kUnknown };
enum class Logic : std::uint8_t { kEnd, kAnd, kOr };

// `a op b` chained right-associatively with and/or, as Liquid evaluates them.
struct Condition {
    const Expr* left = nullptr;
    CompareOp op = CompareOp::kNone;
    const Expr* right = nullptr;
    std::string_view op_text;  // kUnknown only
    Logic logic = Logic::kEnd;
    const Condition* next = nullptr;
};

struct Node;

struct Block {
    std::span<const Node> nodes;
    bool blank = true;
};

enum class NodeKind : std::uint8_t {
    kText,
    kRaw,
    kOutput,
    kAssign,
    kCapture,
    kIf,
    kCase,
    kFor,
    kTablerow,
    kCycle,
    kIncrement,
    kDecrement,
    kBreak,
    kContinue,
    kInclude,
    kRender,
    kIfchanged,
    kCustom,
    kSyntaxError,  // lax mode: a tag that failed to parse renders its error
};

struct Node {
    NodeKind kind = NodeKind::kText;
    bool blank = false;
    std::uint32_t line = 0;
    std::string_view text;  // kText, kRaw, kSyntaxError (the rendered message)
    const void* data = nullptr;
};

struct IfBranch {
    const Condition* condition = nullptr;  // null: else
    Block body;
};

struct IfNode {
    std::span<const IfBranch> branches;
    bool negate_first = false;  // unless
};

struct CaseBranch {
    const Expr* value = nullptr;  // null: else
    Block body;
};

struct CaseNode {
    const Expr* subject = nullptr;
    std::span<const CaseBranch> branches;
};

struct LoopNode {
    Key variable;
    const Expr* collection = nullptr;
    const Expr* limit = nullptr;
    const Expr* offset = nullptr;
    const Expr* cols = nullptr;  // tablerow
    bool offset_continue = false;
    bool reversed = false;
    bool has_else = false;
    std::string_view register_name;  // "var-collection", the key of `offset: continue`
    Block body;
    Block else_body;
};

struct AssignNode {
    Key target;
    Output value;
};

struct CaptureNode {
    Key target;
    Block body;
};

struct CycleNode {
    const Expr* group = nullptr;     // named cycles
    std::string_view anonymous_key;  // unnamed cycles: identical literal lists share state
    std::span<const Expr* const> values;
};

struct CounterNode {
    Key name;
};

struct PartialNode {
    const Expr* name = nullptr;      // include: any expression
    std::string_view literal_name;   // render: the quoted name
    const Expr* variable = nullptr;  // `with x` / `for x`
    bool for_loop = false;
    Key alias;  // `as name`; empty text when absent
    std::span<const KeywordArg> attributes;
};

struct IfchangedNode {
    Block body;
};

struct CustomNode {
    const CustomTag* tag = nullptr;
};

}  // namespace ast
}  // namespace station::liquid

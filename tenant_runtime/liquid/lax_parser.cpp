#include "tenant_runtime/liquid/lax_parser.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "tenant_runtime/liquid/arena.hpp"
#include "tenant_runtime/liquid/environment.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"
#include "tenant_runtime/liquid/scanner.hpp"

namespace station::liquid::detail {
namespace {

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// End of a complete quoted string starting at `pos`, or npos.
std::size_t quoted_string_end(std::string_view text, std::size_t pos) noexcept {
    if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\''))
        return std::string_view::npos;
    std::size_t close = text.find(text[pos], pos + 1);
    return close == std::string_view::npos ? std::string_view::npos : close + 1;
}

bool is_fragment_char(char c) noexcept {
    return !is_regex_space(c) && c != ',' && c != '|' && c != '\'' && c != '"';
}

std::size_t skip_spaces(std::string_view text, std::size_t pos) noexcept {
    while (pos < text.size() && is_regex_space(text[pos]))
        ++pos;
    return pos;
}

// `\w[\w-]*\s*:\s*` at `pos`: returns the position after it (name in `name`), or npos.
std::size_t keyword_prefix_end(std::string_view text, std::size_t pos, std::string_view& name) {
    if (pos >= text.size() || !is_word_char(text[pos])) return std::string_view::npos;
    std::size_t end = pos + 1;
    while (end < text.size() && (is_word_char(text[end]) || text[end] == '-'))
        ++end;
    std::size_t colon = skip_spaces(text, end);
    if (colon >= text.size() || text[colon] != ':') return std::string_view::npos;
    name = text.substr(pos, end - pos);
    return skip_spaces(text, colon + 1);
}

const ast::Expr* make_literal(CompileState& state, Value value) {
    return state.arena.make<ast::Expr>(ast::ExprKind::kLiteral,
                                       state.literals.intern(std::move(value)));
}

// VariableLookup.parse: segments are `[…]` or `[\w-]+\??` runs, anything else is skipped.
const ast::Expr* lax_variable(CompileState& state, std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t pos = 0;
    while (pos < text.size()) {
        char c = text[pos];
        if (c == '[') {
            std::size_t close = text.find(']', pos + 1);
            if (close != std::string_view::npos && close > pos + 1) {
                parts.push_back(text.substr(pos, close + 1 - pos));
                pos = close + 1;
                continue;
            }
        }
        if (is_word_char(c) || c == '-') {
            std::size_t end = pos;
            while (end < text.size() && (is_word_char(text[end]) || text[end] == '-'))
                ++end;
            if (end < text.size() && text[end] == '?') ++end;
            parts.push_back(text.substr(pos, end - pos));
            pos = end;
            continue;
        }
        ++pos;
    }
    if (parts.empty()) return make_literal(state, Value());
    auto* expr = state.arena.make<ast::Expr>();
    expr->kind = ast::ExprKind::kVariable;
    std::string_view root = parts.front();
    if (root.size() >= 2 && root.front() == '[' && root.back() == ']') {
        const ast::Expr* inner = lax_expression(state, root.substr(1, root.size() - 2));
        if (inner->kind == ast::ExprKind::kLiteral && inner->literal.is_string()) {
            expr->root = ast::make_key(inner->literal.as_string());
        } else {
            expr->root_dynamic = inner;
        }
    } else {
        expr->root = ast::make_key(root);
    }
    std::vector<ast::Segment> segments;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        std::string_view part = parts[i];
        ast::Segment segment;
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
            const ast::Expr* inner = lax_expression(state, part.substr(1, part.size() - 2));
            if (inner->kind == ast::ExprKind::kLiteral && inner->literal.is_string()) {
                segment.key = ast::make_key(inner->literal.as_string());
            } else if (inner->kind == ast::ExprKind::kLiteral && inner->literal.is_int()) {
                segment.kind = ast::Segment::Kind::kIndex;
                segment.index = inner->literal.as_int();
            } else {
                segment.kind = ast::Segment::Kind::kDynamic;
                segment.dynamic = inner;
            }
        } else {
            segment.key = ast::make_key(part);
            segment.command = segment.key.known != ast::KnownName::kNone;
        }
        segments.push_back(segment);
    }
    expr->path = state.arena.copy(segments);
    return expr;
}

bool is_integer_text(std::string_view text) {
    std::size_t pos = text.size() > 0 && text[0] == '-' ? 1 : 0;
    if (pos >= text.size()) return false;
    for (std::size_t i = pos; i < text.size(); ++i) {
        if (!is_digit(text[i])) return false;
    }
    return true;
}

// /\A-?\d[\d\.]+\z/
bool is_float_text(std::string_view text) {
    std::size_t pos = text.size() > 0 && text[0] == '-' ? 1 : 0;
    if (pos >= text.size() || !is_digit(text[pos])) return false;
    if (text.size() - pos < 2) return false;
    for (std::size_t i = pos + 1; i < text.size(); ++i) {
        if (!is_digit(text[i]) && text[i] != '.') return false;
    }
    return true;
}

std::vector<std::string_view> split_filter_chain(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t start = pos;
        while (pos < text.size()) {
            char c = text[pos];
            if (c == '|') break;
            if (c == '"' || c == '\'') {
                std::size_t end = quoted_string_end(text, pos);
                if (end == std::string_view::npos) break;
                pos = end;
                continue;
            }
            ++pos;
        }
        if (pos > start) out.push_back(text.substr(start, pos - start));
        ++pos;
    }
    return out;
}

}  // namespace

std::size_t quoted_fragment_end(std::string_view text, std::size_t pos) noexcept {
    std::size_t quoted = quoted_string_end(text, pos);
    if (quoted != std::string_view::npos) return quoted;
    std::size_t end = pos;
    while (end < text.size()) {
        if (is_fragment_char(text[end])) {
            ++end;
            continue;
        }
        std::size_t inner = quoted_string_end(text, end);
        if (inner == std::string_view::npos) break;
        end = inner;
    }
    return end == pos ? std::string_view::npos : end;
}

std::size_t quoted_fragments_end(std::string_view text, std::size_t pos) noexcept {
    std::size_t end = quoted_fragment_end(text, pos);
    while (end != std::string_view::npos && end < text.size()) {
        std::size_t next = quoted_fragment_end(text, end);
        if (next == std::string_view::npos) break;
        end = next;
    }
    return end;
}

std::size_t named_group_end(std::string_view text) noexcept {
    auto colon_follows = [&](std::size_t at) {
        while (at < text.size() && is_regex_space(text[at]))
            ++at;
        return at < text.size() && text[at] == ':';
    };
    // The quoted-string alternative is tried first, then the longest run of units.
    std::size_t quoted = quoted_string_end(text, 0);
    if (quoted != std::string_view::npos && colon_follows(quoted)) return quoted;
    std::vector<std::size_t> boundaries;
    std::size_t end = 0;
    while (end < text.size()) {
        if (is_fragment_char(text[end])) {
            ++end;
        } else {
            std::size_t inner = quoted_string_end(text, end);
            if (inner == std::string_view::npos) break;
            end = inner;
        }
        boundaries.push_back(end);
    }
    for (auto it = boundaries.rbegin(); it != boundaries.rend(); ++it) {
        if (colon_follows(*it)) return *it;
    }
    return std::string_view::npos;
}

bool find_quoted_fragment(std::string_view text, std::size_t from, std::size_t& start,
                          std::size_t& end) noexcept {
    for (std::size_t pos = from; pos < text.size(); ++pos) {
        std::size_t e = quoted_fragment_end(text, pos);
        if (e != std::string_view::npos) {
            start = pos;
            end = e;
            return true;
        }
    }
    return false;
}

const ast::Expr* lax_expression(CompileState& state, std::string_view text) {
    std::string_view markup = ruby_strip(text);
    if (!markup.empty() && ((markup.front() == '"' && markup.back() == '"') ||
                            (markup.front() == '\'' && markup.back() == '\''))) {
        return make_literal(state,
                            Value::string(markup.size() >= 2 ? markup.substr(1, markup.size() - 2)
                                                             : std::string_view()));
    }
    if (is_integer_text(markup)) return make_literal(state, number_literal(markup));
    if (markup.size() >= 2 && markup.front() == '(' && markup.back() == ')') {
        // RANGES_REGEX /\A\(\s*(?>(\S+)\s*\.\.)\s*(\S+)\s*\)\z/: the first bound is the longest
        // run of non-space characters followed by "..", committed (atomic) before the second.
        std::size_t pos = 1;
        while (pos < markup.size() && is_regex_space(markup[pos]))
            ++pos;
        std::size_t run_end = pos;
        while (run_end < markup.size() && !is_regex_space(markup[run_end]))
            ++run_end;
        std::size_t first_end = std::string_view::npos;
        std::size_t dots = run_end;
        while (dots < markup.size() && is_regex_space(markup[dots]))
            ++dots;
        if (run_end > pos && markup.substr(dots, 2) == "..") {
            first_end = run_end;
        } else {
            for (std::size_t p = run_end; p > pos + 1; --p) {
                if (markup.substr(p - 2, 2) == "..") {
                    first_end = p - 2;
                    dots = first_end;
                    break;
                }
            }
        }
        if (first_end != std::string_view::npos && first_end > pos) {
            std::size_t second = dots + 2;
            while (second < markup.size() && is_regex_space(markup[second]))
                ++second;
            std::size_t close = markup.size() - 1;  // the final ')'
            std::size_t second_end = close;
            while (second_end > second && is_regex_space(markup[second_end - 1]))
                --second_end;
            std::string_view first = markup.substr(pos, first_end - pos);
            std::string_view last =
                markup.substr(second, second_end > second ? second_end - second : 0);
            bool last_ok = !last.empty() && std::none_of(last.begin(), last.end(), is_regex_space);
            if (last_ok) {
                const ast::Expr* a = lax_expression(state, first);
                const ast::Expr* b = lax_expression(state, last);
                if (a->kind == ast::ExprKind::kLiteral && b->kind == ast::ExprKind::kLiteral) {
                    return make_literal(state, Value::range(static_range_bound(a->literal),
                                                            static_range_bound(b->literal)));
                }
                auto* expr = state.arena.make<ast::Expr>();
                expr->kind = ast::ExprKind::kRange;
                expr->range_first = a;
                expr->range_last = b;
                return expr;
            }
        }
    }
    if (is_float_text(markup)) {
        std::string copy(markup);
        return make_literal(state, Value::number(std::strtod(copy.c_str(), nullptr)));
    }
    if (markup.empty() || markup == "nil" || markup == "null") return make_literal(state, Value());
    if (markup == "true") return make_literal(state, Value::boolean(true));
    if (markup == "false") return make_literal(state, Value::boolean(false));
    if (markup == "blank" || markup == "empty") {
        return state.arena.make<ast::Expr>(
            markup == "blank" ? ast::ExprKind::kBlank : ast::ExprKind::kEmpty,
            state.literals.intern(Value::string("")));
    }
    return lax_variable(state, markup);
}

ast::Output lax_output(CompileState& state, std::string_view markup) {
    ast::Output out;
    std::size_t start = 0;
    std::size_t end = 0;
    if (!find_quoted_fragment(markup, 0, start, end)) return out;
    out.expr = lax_expression(state, markup.substr(start, end - start));
    std::string_view rest = markup.substr(end);
    std::size_t pipe = rest.find('|');
    if (pipe == std::string_view::npos) return out;
    std::vector<ast::FilterCall> filters;
    for (std::string_view piece : split_filter_chain(rest.substr(pipe + 1))) {
        std::size_t name_start = 0;
        while (name_start < piece.size() && !is_word_char(piece[name_start]))
            ++name_start;
        if (name_start == piece.size()) continue;
        std::size_t name_end = name_start;
        while (name_end < piece.size() && is_word_char(piece[name_end]))
            ++name_end;
        ast::FilterCall call;
        call.name = piece.substr(name_start, name_end - name_start);
        call.definition = state.environment.find_filter(call.name);
        std::vector<const ast::Expr*> args;
        std::vector<ast::KeywordArg> kwargs;
        std::size_t pos = 0;
        while (pos < piece.size()) {
            if (piece[pos] != ':' && piece[pos] != ',') {
                ++pos;
                continue;
            }
            std::size_t arg = skip_spaces(piece, pos + 1);
            std::string_view name;
            std::size_t value = keyword_prefix_end(piece, arg, name);
            std::size_t value_end = value == std::string_view::npos
                                        ? std::string_view::npos
                                        : quoted_fragment_end(piece, value);
            if (value_end != std::string_view::npos) {
                kwargs.push_back(
                    ast::KeywordArg{ast::make_key(name),
                                    lax_expression(state, piece.substr(value, value_end - value))});
                pos = value_end;
                continue;
            }
            std::size_t arg_end = quoted_fragment_end(piece, arg);
            if (arg_end == std::string_view::npos) {
                ++pos;
                continue;
            }
            args.push_back(lax_expression(state, piece.substr(arg, arg_end - arg)));
            pos = arg_end;
        }
        call.args = state.arena.copy(args);
        call.kwargs = state.arena.copy(kwargs);
        filters.push_back(call);
    }
    out.filters = state.arena.copy(filters);
    return out;
}

const ast::Condition* lax_condition(CompileState& state, std::string_view markup,
                                    std::string_view tag_name) {
    // Split into comparisons at the words `and` / `or` (outside quoted strings).
    struct Piece {
        std::string_view text;
        ast::Logic logic;  // the operator after this piece
    };
    std::vector<Piece> pieces;
    std::size_t piece_start = 0;
    std::size_t pos = 0;
    // Ruby's \b(?:\s?and\s?|\s?or\s?)\b: the words stand alone between word boundaries.
    auto word_at = [&](std::size_t at, std::string_view word) {
        if (markup.substr(at, word.size()) != word) return false;
        bool before = at == 0 || !is_word_char(markup[at - 1]);
        std::size_t after = at + word.size();
        return before && (after == markup.size() || !is_word_char(markup[after]));
    };
    while (pos < markup.size()) {
        char c = markup[pos];
        if (c == '"' || c == '\'') {
            std::size_t end = quoted_string_end(markup, pos);
            pos = end == std::string_view::npos ? pos + 1 : end;
            continue;
        }
        for (std::string_view word : {std::string_view("and"), std::string_view("or")}) {
            if (word_at(pos, word)) {
                pieces.push_back(Piece{markup.substr(piece_start, pos - piece_start),
                                       word == "and" ? ast::Logic::kAnd : ast::Logic::kOr});
                pos += word.size();
                piece_start = pos;
                break;
            }
        }
        ++pos;
    }
    pieces.push_back(Piece{markup.substr(piece_start), ast::Logic::kEnd});

    auto syntax_error = [&]() {
        return ParseError("Syntax Error in tag '" + std::string(tag_name) +
                          "' - Valid syntax: " + std::string(tag_name) + " [expression]");
    };
    ast::Condition* first = nullptr;
    ast::Condition* previous = nullptr;
    for (const Piece& piece : pieces) {
        std::string_view text = piece.text;
        std::size_t left_start = 0;
        std::size_t left_end = 0;
        if (!find_quoted_fragment(text, 0, left_start, left_end)) throw syntax_error();
        auto* condition = state.arena.make<ast::Condition>();
        condition->left = lax_expression(state, text.substr(left_start, left_end - left_start));
        std::size_t at = skip_spaces(text, left_end);
        std::size_t op_end = at;
        while (op_end < text.size() &&
               (text[op_end] == '=' || text[op_end] == '!' || text[op_end] == '<' ||
                text[op_end] == '>' || text[op_end] == '_' ||
                (text[op_end] >= 'a' && text[op_end] <= 'z'))) {
            ++op_end;
        }
        if (op_end > at) {
            std::string_view op = text.substr(at, op_end - at);
            if (op == "==") {
                condition->op = ast::CompareOp::kEq;
            } else if (op == "!=" || op == "<>") {
                condition->op = ast::CompareOp::kNe;
            } else if (op == "<") {
                condition->op = ast::CompareOp::kLt;
            } else if (op == ">") {
                condition->op = ast::CompareOp::kGt;
            } else if (op == "<=") {
                condition->op = ast::CompareOp::kLe;
            } else if (op == ">=") {
                condition->op = ast::CompareOp::kGe;
            } else if (op == "contains") {
                condition->op = ast::CompareOp::kContains;
            } else {
                condition->op = ast::CompareOp::kUnknown;
                condition->op_text = state.arena.copy_text(op);
            }
            std::size_t right_start = skip_spaces(text, op_end);
            std::size_t right_end = quoted_fragment_end(text, right_start);
            condition->right =
                right_end == std::string_view::npos
                    ? make_literal(state, Value())
                    : lax_expression(state, text.substr(right_start, right_end - right_start));
        }
        if (previous == nullptr) {
            first = condition;
        } else {
            previous->next = condition;
        }
        condition->logic = piece.logic;
        previous = condition;
    }
    previous->logic = ast::Logic::kEnd;
    return first;
}

std::vector<ast::KeywordArg> lax_attributes(CompileState& state, std::string_view markup) {
    std::vector<ast::KeywordArg> out;
    std::size_t pos = 0;
    while (pos < markup.size()) {
        std::string_view name;
        std::size_t value = keyword_prefix_end(markup, pos, name);
        std::size_t value_end = value == std::string_view::npos
                                    ? std::string_view::npos
                                    : quoted_fragment_end(markup, value);
        if (value_end == std::string_view::npos) {
            ++pos;
            continue;
        }
        out.push_back(ast::KeywordArg{
            ast::make_key(name), lax_expression(state, markup.substr(value, value_end - value))});
        pos = value_end;
    }
    return out;
}

}  // namespace station::liquid::detail

#include "tenant_runtime/liquid/expression_parser.hpp"

#include <charconv>
#include <cstdlib>
#include <string>

#include "tenant_runtime/liquid/arena.hpp"
#include "tenant_runtime/liquid/environment.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"
#include "tenant_runtime/liquid/value_ops.hpp"

namespace station::liquid::detail {
namespace {

std::string arity_message(std::size_t given, const FilterDefinition& filter) {
    std::string out = "wrong number of arguments (given " + std::to_string(given + 1) +
                      ", expected " + std::to_string(filter.min_args + 1);
    if (filter.max_args != filter.min_args) out += ".." + std::to_string(filter.max_args + 1);
    out += ')';
    return out;
}

bool is_literal_word(std::string_view text) {
    return text == "nil" || text == "null" || text == "true" || text == "false" ||
           text == "blank" || text == "empty";
}

}  // namespace

std::int64_t static_range_bound(const Value& bound) {
    return to_i(bound);
}

Value number_literal(std::string_view text) {
    if (text.find('.') == std::string_view::npos) {
        std::int64_t value = 0;
        auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec == std::errc() && result.ptr == text.data() + text.size()) {
            return Value::integer(value);
        }
    }
    std::string copy(text);
    return Value::number(std::strtod(copy.c_str(), nullptr));
}

ExpressionParser::ExpressionParser(CompileState& state, std::string_view markup) : state_(state) {
    tokenize(markup, tokens_);
}

const Token& ExpressionParser::peek(std::size_t ahead) const {
    std::size_t at = pos_ + ahead;
    return at < tokens_.size() ? tokens_[at] : tokens_.back();
}

bool ExpressionParser::accept(TokenKind kind) {
    if (peek().kind != kind) return false;
    ++pos_;
    return true;
}

bool ExpressionParser::accept_word(std::string_view word) {
    if (peek().kind != TokenKind::kIdentifier || peek().text != word) return false;
    ++pos_;
    return true;
}

std::optional<std::string_view> ExpressionParser::identifier() {
    if (peek().kind != TokenKind::kIdentifier) return std::nullopt;
    return tokens_[pos_++].text;
}

const Token& ExpressionParser::consume(TokenKind kind) {
    const Token& token = peek();
    if (token.kind != kind) {
        throw ParseError("Expected " + std::string(token_kind_name(kind)) + " but found " +
                         std::string(token_kind_name(token.kind)));
    }
    ++pos_;
    return token;
}

void ExpressionParser::expect_end() {
    consume(TokenKind::kEnd);
}

void ExpressionParser::invalid_expression(const Token& token) const {
    std::string shown = "[:" + std::string(token_kind_name(token.kind));
    if (token.kind != TokenKind::kEnd) {
        shown += ", ";
        append_inspect(shown, Value::string(token.text));
    }
    shown += "]";
    throw ParseError(shown + " is not a valid expression");
}

const ast::Expr* ExpressionParser::literal(Value value) {
    return state_.arena.make<ast::Expr>(ast::ExprKind::kLiteral,
                                        state_.literals.intern(std::move(value)));
}

const ast::Expr* ExpressionParser::expression() {
    return expression_at_depth(0);
}

const ast::Expr* ExpressionParser::expression_at_depth(std::uint32_t depth) {
    if (depth > state_.max_depth) throw ParseError("Nesting too deep");
    const Token& token = peek();
    switch (token.kind) {
        case TokenKind::kIdentifier: {
            ++pos_;
            TokenKind next = peek().kind;
            bool has_lookups = next == TokenKind::kDot || next == TokenKind::kOpenSquare;
            if (!has_lookups && is_literal_word(token.text)) {
                std::string_view word = token.text;
                if (word == "true") return literal(Value::boolean(true));
                if (word == "false") return literal(Value::boolean(false));
                if (word == "blank") {
                    return state_.arena.make<ast::Expr>(ast::ExprKind::kBlank,
                                                        state_.literals.intern(Value::string("")));
                }
                if (word == "empty") {
                    return state_.arena.make<ast::Expr>(ast::ExprKind::kEmpty,
                                                        state_.literals.intern(Value::string("")));
                }
                return literal(Value());
            }
            auto* expr = state_.arena.make<ast::Expr>();
            expr->kind = ast::ExprKind::kVariable;
            expr->root = ast::make_key(token.text);
            expr->path = lookups(depth);
            return expr;
        }
        case TokenKind::kOpenSquare: {
            ++pos_;
            const ast::Expr* inner = expression_at_depth(depth + 1);
            consume(TokenKind::kCloseSquare);
            auto* expr = state_.arena.make<ast::Expr>();
            expr->kind = ast::ExprKind::kVariable;
            if (inner->kind == ast::ExprKind::kLiteral && inner->literal.is_string()) {
                expr->root = ast::make_key(inner->literal.as_string());
            } else {
                expr->root_dynamic = inner;
            }
            expr->path = lookups(depth);
            return expr;
        }
        case TokenKind::kString:
            ++pos_;
            return literal(Value::string(token.text.substr(1, token.text.size() - 2)));
        case TokenKind::kNumber:
            ++pos_;
            return literal(number_literal(token.text));
        case TokenKind::kOpenRound: {
            ++pos_;
            const ast::Expr* first = expression_at_depth(depth + 1);
            consume(TokenKind::kDotDot);
            const ast::Expr* last = expression_at_depth(depth + 1);
            consume(TokenKind::kCloseRound);
            if (first->kind == ast::ExprKind::kLiteral && last->kind == ast::ExprKind::kLiteral) {
                // Liquid builds a range of literals once, with Ruby's to_i on each bound.
                return literal(Value::range(static_range_bound(first->literal),
                                            static_range_bound(last->literal)));
            }
            auto* expr = state_.arena.make<ast::Expr>();
            expr->kind = ast::ExprKind::kRange;
            expr->range_first = first;
            expr->range_last = last;
            return expr;
        }
        default:
            invalid_expression(token);
    }
}

std::span<const ast::Segment> ExpressionParser::lookups(std::uint32_t depth) {
    boost::container::small_vector<ast::Segment, 8> segments;
    while (true) {
        if (accept(TokenKind::kDot)) {
            const Token& name = consume(TokenKind::kIdentifier);
            ast::Segment segment;
            segment.kind = ast::Segment::Kind::kKey;
            segment.key = ast::make_key(name.text);
            segment.command = segment.key.known != ast::KnownName::kNone;
            segments.push_back(segment);
        } else if (accept(TokenKind::kOpenSquare)) {
            const ast::Expr* inner = expression_at_depth(depth + 1);
            consume(TokenKind::kCloseSquare);
            ast::Segment segment;
            if (inner->kind == ast::ExprKind::kLiteral && inner->literal.is_string()) {
                segment.kind = ast::Segment::Kind::kKey;
                segment.key = ast::make_key(inner->literal.as_string());
            } else if (inner->kind == ast::ExprKind::kLiteral && inner->literal.is_int()) {
                segment.kind = ast::Segment::Kind::kIndex;
                segment.index = inner->literal.as_int();
            } else {
                segment.kind = ast::Segment::Kind::kDynamic;
                segment.dynamic = inner;
            }
            segments.push_back(segment);
        } else {
            break;
        }
    }
    return state_.arena.copy(segments);
}

ast::FilterCall ExpressionParser::filter() {
    const Token& name = consume(TokenKind::kIdentifier);
    boost::container::small_vector<const ast::Expr*, 8> args;
    boost::container::small_vector<ast::KeywordArg, 4> kwargs;
    if (accept(TokenKind::kColon)) {
        do {
            if (peek().kind == TokenKind::kIdentifier && peek(1).kind == TokenKind::kColon) {
                ast::KeywordArg kw;
                kw.name = ast::make_key(peek().text);
                pos_ += 2;
                kw.value = expression();
                kwargs.push_back(kw);
            } else {
                args.push_back(expression());
            }
        } while (accept(TokenKind::kComma));
    }
    ast::FilterCall call;
    call.name = name.text;
    call.definition = state_.environment.find_filter(name.text);
    if (state_.mode == Mode::kStrict) {
        if (call.definition == nullptr) {
            throw ParseError("undefined filter " + std::string(name.text),
                             ErrorKind::kUndefinedFilter);
        }
        std::size_t given = args.size() + (kwargs.empty() ? 0 : 1);
        if (given < call.definition->min_args || given > call.definition->max_args) {
            throw ParseError(arity_message(given, *call.definition), ErrorKind::kArgument);
        }
    }
    call.args = state_.arena.copy(args);
    call.kwargs = state_.arena.copy(kwargs);
    return call;
}

ast::Output ExpressionParser::output() {
    ast::Output out;
    if (at_end()) return out;
    out.expr = expression();
    boost::container::small_vector<ast::FilterCall, 8> filters;
    while (accept(TokenKind::kPipe))
        filters.push_back(filter());
    expect_end();
    out.filters = state_.arena.copy(filters);
    return out;
}

const ast::Condition* ExpressionParser::condition() {
    auto comparison = [&]() {
        auto* condition = state_.arena.make<ast::Condition>();
        condition->left = expression();
        if (peek().kind == TokenKind::kComparison) {
            std::string_view op = tokens_[pos_++].text;
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
            } else {
                condition->op = ast::CompareOp::kContains;
            }
            condition->right = expression();
        }
        return condition;
    };
    ast::Condition* first = comparison();
    ast::Condition* current = first;
    while (true) {
        ast::Logic logic;
        if (accept_word("and")) {
            logic = ast::Logic::kAnd;
        } else if (accept_word("or")) {
            logic = ast::Logic::kOr;
        } else {
            break;
        }
        ast::Condition* next = comparison();
        current->logic = logic;
        current->next = next;
        current = next;
    }
    return first;
}

std::vector<ast::KeywordArg> ExpressionParser::keyword_args() {
    std::vector<ast::KeywordArg> out;
    while (true) {
        accept(TokenKind::kComma);
        if (peek().kind != TokenKind::kIdentifier || peek(1).kind != TokenKind::kColon) break;
        ast::KeywordArg kw;
        kw.name = ast::make_key(peek().text);
        pos_ += 2;
        kw.value = expression();
        out.push_back(kw);
    }
    return out;
}

const ast::Expr* ExpressionParser::parse_text_expression(std::string_view text) {
    ExpressionParser inner(state_, text);
    const ast::Expr* expr = inner.expression();
    inner.expect_end();
    return expr;
}

ast::Output parse_output_markup(CompileState& state, std::string_view markup) {
    ExpressionParser parser(state, markup);
    return parser.output();
}

}  // namespace station::liquid::detail

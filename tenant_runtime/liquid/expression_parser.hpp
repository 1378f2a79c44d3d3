#pragma once
// Internal: Liquid's strict expression grammar over one tag's or output's markup.
//
//   expression := id lookups | '[' expression ']' lookups | string | number
//               | '(' expression '..' expression ')'
//   lookups    := ( '.' id | '[' expression ']' )*
//   output     := [expression] ( '|' id [ ':' argument ( ',' argument )* ] )*
//   argument   := [ id ':' ] expression
//   condition  := comparison ( ( 'and' | 'or' ) comparison )*
//   comparison := expression [ operator expression ]
//
// Failures throw ParseError with Ruby Liquid's messages.

#include <optional>
#include <string_view>
#include <vector>

#include "tenant_runtime/liquid/ast.hpp"
#include "tenant_runtime/liquid/lexer.hpp"
#include "tenant_runtime/liquid/template.hpp"

namespace station::liquid {
class Environment;
}

namespace station::liquid::detail {

class Arena;
class LiteralPool;

// What compiling expressions needs from the template being built.
struct CompileState {
    Arena& arena;
    LiteralPool& literals;
    const Environment& environment;
    Mode mode;
    std::uint32_t max_depth;
};

class ExpressionParser {
public:
    // Tokenizes `markup`; throws ParseError for a character the lexer rejects.
    ExpressionParser(CompileState& state, std::string_view markup);

    const ast::Expr* expression();
    ast::Output output();
    const ast::Condition* condition();
    std::vector<ast::KeywordArg> keyword_args();

    const Token& peek(std::size_t ahead = 0) const;
    bool at_end() const { return peek().kind == TokenKind::kEnd; }
    void expect_end();
    bool accept(TokenKind kind);
    bool accept_word(std::string_view word);
    std::optional<std::string_view> identifier();
    const Token& consume(TokenKind kind);

    // Helpers shared with the tag parsers.
    const ast::Expr* literal(Value value);
    const ast::Expr* parse_text_expression(std::string_view text);

private:
    const ast::Expr* expression_at_depth(std::uint32_t depth);
    std::span<const ast::Segment> lookups(std::uint32_t depth);
    ast::FilterCall filter();
    [[noreturn]] void invalid_expression(const Token& token) const;

    CompileState& state_;
    TokenBuffer tokens_;
    std::size_t pos_ = 0;
};

// Parses a whole markup string as an Output, or throws.
ast::Output parse_output_markup(CompileState& state, std::string_view markup);

// Ruby's to_i of a literal range bound ((1.5..3) is 1..3).
std::int64_t static_range_bound(const Value& bound);

// The parsed value of a number token ("12" -> 12, "1.5" -> 1.5).
Value number_literal(std::string_view text);

}  // namespace station::liquid::detail

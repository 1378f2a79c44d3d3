#pragma once
// Internal: splits tag and output markup into tokens, following Shopify Liquid's strict lexer
// (identifiers may contain hyphens and end in '?', `contains` is an operator only when followed
// by whitespace, strings have no escapes).

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "tenant_runtime/liquid/error.hpp"

namespace station::liquid::detail {

enum class TokenKind : std::uint8_t {
    kEnd,
    kComparison,
    kString,
    kNumber,
    kIdentifier,
    kDotDot,
    kPipe,
    kDot,
    kColon,
    kComma,
    kOpenSquare,
    kCloseSquare,
    kOpenRound,
    kCloseRound,
    kQuestion,
    kDash,
};

struct Token {
    TokenKind kind = TokenKind::kEnd;
    std::string_view text;  // strings keep their quotes
    std::uint32_t offset = 0;
};

// Ruby's name for a token kind, used in error messages ("Expected id but found comma").
std::string_view token_kind_name(TokenKind kind) noexcept;

// A malformed template. The parser adds the location.
class ParseError : public std::runtime_error {
public:
    explicit ParseError(const std::string& message, ErrorKind kind = ErrorKind::kSyntax)
        : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

// Most markups hold a few dozen tokens at most; parsing them allocates nothing.
using TokenBuffer = boost::container::small_vector<Token, 32>;

// Tokenizes `markup` into `out` (cleared first), ending with a kEnd token.
// Throws ParseError("Unexpected character X") like Liquid's lexer.
void tokenize(std::string_view markup, TokenBuffer& out);

bool is_word_char(char c) noexcept;  // Ruby's \w: [A-Za-z0-9_]

}  // namespace station::liquid::detail

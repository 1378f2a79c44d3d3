#include "tenant_runtime/liquid/lexer.hpp"

#include <array>
#include <cstdint>

namespace station::liquid::detail {
namespace {

// Character classes, one table lookup per byte.
enum : std::uint8_t { kDigit = 1, kAlpha = 2, kWord = 4, kSpace = 8, kIdentifier = 16 };

constexpr std::array<std::uint8_t, 256> kClasses = [] {
    std::array<std::uint8_t, 256> table{};
    for (int c = '0'; c <= '9'; ++c)
        table[c] = kDigit | kWord | kIdentifier;
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = kAlpha | kWord | kIdentifier;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[c] = kAlpha | kWord | kIdentifier;
    table['_'] = kWord | kIdentifier;
    table['-'] = kIdentifier;
    for (char c : {' ', '\t', '\n', '\r', '\f', '\v'})
        table[static_cast<unsigned char>(c)] = kSpace;
    return table;
}();

bool has(char c, std::uint8_t cls) noexcept {
    return (kClasses[static_cast<unsigned char>(c)] & cls) != 0;
}
bool is_digit(char c) noexcept {
    return has(c, kDigit);
}
bool is_alpha(char c) noexcept {
    return has(c, kAlpha);
}
// Ruby's \s in the lexer's whitespace skip.
bool is_space(char c) noexcept {
    return has(c, kSpace);
}

}  // namespace

bool is_word_char(char c) noexcept {
    return has(c, kWord);
}

std::string_view token_kind_name(TokenKind kind) noexcept {
    switch (kind) {
        case TokenKind::kEnd:
            return "end_of_string";
        case TokenKind::kComparison:
            return "comparison";
        case TokenKind::kString:
            return "string";
        case TokenKind::kNumber:
            return "number";
        case TokenKind::kIdentifier:
            return "id";
        case TokenKind::kDotDot:
            return "dotdot";
        case TokenKind::kPipe:
            return "pipe";
        case TokenKind::kDot:
            return "dot";
        case TokenKind::kColon:
            return "colon";
        case TokenKind::kComma:
            return "comma";
        case TokenKind::kOpenSquare:
            return "open_square";
        case TokenKind::kCloseSquare:
            return "close_square";
        case TokenKind::kOpenRound:
            return "open_round";
        case TokenKind::kCloseRound:
            return "close_round";
        case TokenKind::kQuestion:
            return "question";
        case TokenKind::kDash:
            return "dash";
    }
    return "unknown";
}

void tokenize(std::string_view markup, TokenBuffer& out) {
    out.clear();
    std::size_t pos = 0;
    const std::size_t n = markup.size();
    auto emit = [&](TokenKind kind, std::size_t start, std::size_t end) {
        out.push_back(
            Token{kind, markup.substr(start, end - start), static_cast<std::uint32_t>(start)});
    };
    while (true) {
        while (pos < n && is_space(markup[pos]))
            ++pos;
        if (pos >= n) break;
        const std::size_t start = pos;
        const char c = markup[pos];
        // Comparison operators come first, as in Liquid's lexer.
        if ((c == '=' || c == '!') && pos + 1 < n && markup[pos + 1] == '=') {
            pos += 2;
            emit(TokenKind::kComparison, start, pos);
            continue;
        }
        if (c == '<' || c == '>') {
            pos += 1;
            if (pos < n && (markup[pos] == '=' || (c == '<' && markup[pos] == '>'))) ++pos;
            emit(TokenKind::kComparison, start, pos);
            continue;
        }
        if (c == 'c' && markup.substr(pos, 8) == "contains" && pos + 8 < n &&
            is_space(markup[pos + 8])) {
            pos += 8;
            emit(TokenKind::kComparison, start, pos);
            continue;
        }
        if (c == '\'' || c == '"') {
            std::size_t close = markup.find(c, pos + 1);
            if (close != std::string_view::npos) {
                pos = close + 1;
                emit(TokenKind::kString, start, pos);
                continue;
            }
        }
        if (is_digit(c) || (c == '-' && pos + 1 < n && is_digit(markup[pos + 1]))) {
            pos += c == '-' ? 1 : 0;
            while (pos < n && is_digit(markup[pos]))
                ++pos;
            if (pos + 1 < n && markup[pos] == '.' && is_digit(markup[pos + 1])) {
                pos += 1;
                while (pos < n && is_digit(markup[pos]))
                    ++pos;
            }
            emit(TokenKind::kNumber, start, pos);
            continue;
        }
        if (is_alpha(c) || c == '_') {
            while (pos < n && has(markup[pos], kIdentifier))
                ++pos;
            if (pos < n && markup[pos] == '?') ++pos;
            emit(TokenKind::kIdentifier, start, pos);
            continue;
        }
        if (c == '.' && pos + 1 < n && markup[pos + 1] == '.') {
            pos += 2;
            emit(TokenKind::kDotDot, start, pos);
            continue;
        }
        TokenKind kind;
        switch (c) {
            case '|':
                kind = TokenKind::kPipe;
                break;
            case '.':
                kind = TokenKind::kDot;
                break;
            case ':':
                kind = TokenKind::kColon;
                break;
            case ',':
                kind = TokenKind::kComma;
                break;
            case '[':
                kind = TokenKind::kOpenSquare;
                break;
            case ']':
                kind = TokenKind::kCloseSquare;
                break;
            case '(':
                kind = TokenKind::kOpenRound;
                break;
            case ')':
                kind = TokenKind::kCloseRound;
                break;
            case '?':
                kind = TokenKind::kQuestion;
                break;
            case '-':
                kind = TokenKind::kDash;
                break;
            default: {
                // Name the whole character, as Ruby does, even when it is multi-byte.
                std::size_t length = 1;
                auto lead = static_cast<unsigned char>(c);
                if (lead >= 0xC0) length = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2);
                throw ParseError("Unexpected character " + std::string(markup.substr(pos, length)));
            }
        }
        ++pos;
        emit(kind, start, pos);
    }
    out.push_back(Token{TokenKind::kEnd, {}, static_cast<std::uint32_t>(n)});
}

}  // namespace station::liquid::detail

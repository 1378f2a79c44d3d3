#include "tenant_runtime/liquid/expression_parser.hpp"
#include "tenant_runtime/liquid/tag.hpp"

namespace station::liquid {

using detail::TokenKind;

bool MarkupReader::at_end() const {
    return parser_->at_end();
}

void MarkupReader::expect_end() {
    parser_->expect_end();
}

bool MarkupReader::accept(std::string_view token) {
    const detail::Token& next = parser_->peek();
    if (next.kind == TokenKind::kEnd || next.text != token) return false;
    if (next.kind == TokenKind::kIdentifier) return parser_->accept_word(token);
    return parser_->accept(next.kind);
}

std::optional<std::string_view> MarkupReader::identifier() {
    return parser_->identifier();
}

std::optional<std::string_view> MarkupReader::string_literal() {
    if (parser_->peek().kind != TokenKind::kString) return std::nullopt;
    std::string_view quoted = parser_->consume(TokenKind::kString).text;
    return quoted.substr(1, quoted.size() - 2);
}

Expression MarkupReader::expression() {
    return Expression(parser_->expression());
}

std::vector<std::pair<std::string_view, Expression>> MarkupReader::keyword_arguments() {
    std::vector<std::pair<std::string_view, Expression>> out;
    for (const ast::KeywordArg& argument : parser_->keyword_args()) {
        out.emplace_back(argument.name.text, Expression(argument.value));
    }
    return out;
}

}  // namespace station::liquid

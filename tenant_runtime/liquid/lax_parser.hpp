#pragma once
// Internal: Ruby Liquid's lenient ("lax") markup parsing, written without regular expressions.
// Lax mode tries the strict grammar first and falls back to these when it fails, so storefront
// templates that Shopify accepts (`{{ product.title | upcase: }}`, `{% if a=b %}`) still render
// as they do there.

#include <string_view>
#include <vector>

#include "tenant_runtime/liquid/ast.hpp"
#include "tenant_runtime/liquid/expression_parser.hpp"

namespace station::liquid::detail {

// Liquid's QuotedFragment: a quoted string, or a run of characters other than whitespace, ',',
// '|' and quotes (with embedded quoted strings). Returns the end of the fragment starting at
// `pos`, or npos when none starts there.
std::size_t quoted_fragment_end(std::string_view text, std::size_t pos) noexcept;
// `QuotedFragment+`: consecutive fragments (such as `'a'b`), or npos when none starts at `pos`.
std::size_t quoted_fragments_end(std::string_view text, std::size_t pos) noexcept;
// Ruby's cycle NamedSyntax `\A(QuotedFragment)\s*:`: where the group name ends (before the
// colon), taking the longest prefix the regex would, or npos when the markup is not named.
std::size_t named_group_end(std::string_view text) noexcept;
// The first fragment at or after `from`; false when there is none.
bool find_quoted_fragment(std::string_view text, std::size_t from, std::size_t& start,
                          std::size_t& end) noexcept;

// Expression.parse: literals, ranges, then a variable lookup scanned leniently.
const ast::Expr* lax_expression(CompileState& state, std::string_view text);
// Variable#lax_parse: `name | filter: arg, key: arg | …` with everything malformed skipped.
ast::Output lax_output(CompileState& state, std::string_view markup);
// If#lax_parse. Throws ParseError("Syntax Error in tag 'if' …") when no condition is found.
const ast::Condition* lax_condition(CompileState& state, std::string_view markup,
                                    std::string_view tag_name);
// TagAttributes scan: every `word: fragment` pair anywhere in `markup`.
std::vector<ast::KeywordArg> lax_attributes(CompileState& state, std::string_view markup);

}  // namespace station::liquid::detail

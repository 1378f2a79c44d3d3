#pragma once
// Internal: splits template source into text, `{% tag %}` and `{{ output }}` tokens exactly as
// Shopify Liquid's tokenizer does (a tag ends at the first "%}", an output at the first "}" or
// "}}"; a lone "{%" or "{{" is a token of its own), and takes tokens apart.

#include <cstdint>
#include <string_view>

namespace station::liquid::detail {

struct SourceToken {
    enum class Kind : std::uint8_t { kText, kTag, kOutput };
    Kind kind = Kind::kText;
    std::string_view text;
    std::uint32_t line = 1;    // 1-based line of the first byte
    std::uint32_t column = 1;  // 1-based byte column of the first byte
};

class Scanner {
public:
    explicit Scanner(std::string_view source) : source_(source) {}
    // False at the end of the source.
    bool next(SourceToken& token);

private:
    std::string_view source_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
    std::size_t line_start_ = 0;
};

struct TagParts {
    bool valid = false;  // false: "Tag '…' was not properly terminated"
    std::string_view name;
    std::string_view markup;
    std::uint32_t extra_lines = 0;  // newlines around the tag name (Ruby counts them)
};

// `{%-? name markup -?%}`; name is '#' or a word.
TagParts split_tag(std::string_view token);
// The markup of `{{-? markup -?}}`; false when the token does not end with "}}".
bool split_output(std::string_view token, std::string_view& markup);

// Whitespace control: a '-' right after the opening or right before the closing delimiter.
inline bool trims_left(std::string_view token) {
    return token.size() > 2 && token[2] == '-';
}
inline bool trims_right(std::string_view token) {
    return token.size() >= 3 && token[token.size() - 3] == '-';
}

// Ruby's \s (space, \t, \n, \v, \f, \r).
bool is_regex_space(char c) noexcept;
bool is_blank_text(std::string_view text) noexcept;

}  // namespace station::liquid::detail

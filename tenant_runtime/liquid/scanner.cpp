#include "tenant_runtime/liquid/scanner.hpp"

#include <cstring>

#include "tenant_runtime/liquid/lexer.hpp"

namespace station::liquid::detail {

bool is_regex_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool is_blank_text(std::string_view text) noexcept {
    for (char c : text) {
        if (!is_regex_space(c)) return false;
    }
    return true;
}

bool Scanner::next(SourceToken& token) {
    if (pos_ >= source_.size()) return false;
    const std::size_t start = pos_;
    token.line = line_;
    token.column = static_cast<std::uint32_t>(start - line_start_ + 1);

    std::size_t end = source_.size();
    SourceToken::Kind kind = SourceToken::Kind::kText;
    if (source_[start] == '{' && start + 1 < source_.size() &&
        (source_[start + 1] == '%' || source_[start + 1] == '{')) {
        if (source_[start + 1] == '%') {
            kind = SourceToken::Kind::kTag;
            std::size_t close = source_.find("%}", start + 2);
            end = close == std::string_view::npos ? start + 2 : close + 2;
        } else {
            kind = SourceToken::Kind::kOutput;
            std::size_t close = source_.find('}', start + 2);
            if (close == std::string_view::npos) {
                end = start + 2;
            } else {
                end = close + 1;
                if (end < source_.size() && source_[end] == '}') ++end;
            }
        }
    } else {
        // Text runs up to the next "{%" or "{{".
        std::size_t search = start;
        while (true) {
            const void* found = std::memchr(source_.data() + search, '{', source_.size() - search);
            if (found == nullptr) break;
            std::size_t at =
                static_cast<std::size_t>(static_cast<const char*>(found) - source_.data());
            if (at + 1 < source_.size() && (source_[at + 1] == '%' || source_[at + 1] == '{')) {
                end = at;
                break;
            }
            search = at + 1;
        }
    }
    token.kind = kind;
    token.text = source_.substr(start, end - start);
    const char* begin = source_.data() + start;
    const char* stop = source_.data() + end;
    for (const char* nl = begin; (nl = static_cast<const char*>(std::memchr(
                                      nl, '\n', static_cast<std::size_t>(stop - nl)))) != nullptr;
         ++nl) {
        ++line_;
        line_start_ = static_cast<std::size_t>(nl - source_.data()) + 1;
    }
    pos_ = end;
    return true;
}

TagParts split_tag(std::string_view token) {
    TagParts parts;
    if (token.size() < 4 || token.substr(token.size() - 2) != "%}") return parts;
    std::string_view inner = token.substr(2, token.size() - 4);
    std::size_t pos = 0;
    if (pos < inner.size() && inner[pos] == '-') ++pos;
    while (pos < inner.size() && is_regex_space(inner[pos])) {
        if (inner[pos] == '\n') ++parts.extra_lines;
        ++pos;
    }
    std::size_t name_start = pos;
    if (pos < inner.size() && inner[pos] == '#') {
        ++pos;
    } else {
        while (pos < inner.size() && is_word_char(inner[pos]))
            ++pos;
    }
    if (pos == name_start) return parts;
    parts.name = inner.substr(name_start, pos - name_start);
    while (pos < inner.size() && is_regex_space(inner[pos])) {
        if (inner[pos] == '\n') ++parts.extra_lines;
        ++pos;
    }
    std::string_view markup = inner.substr(pos);
    if (!markup.empty() && markup.back() == '-') markup.remove_suffix(1);
    parts.markup = markup;
    parts.valid = true;
    return parts;
}

bool split_output(std::string_view token, std::string_view& markup) {
    if (token.size() < 4 || token.substr(token.size() - 2) != "}}") return false;
    std::string_view inner = token.substr(2, token.size() - 4);
    if (!inner.empty() && inner.front() == '-') inner.remove_prefix(1);
    if (!inner.empty() && inner.back() == '-') inner.remove_suffix(1);
    markup = inner;
    return true;
}

}  // namespace station::liquid::detail

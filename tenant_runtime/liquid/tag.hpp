#pragma once
// Custom tags for hosts such as the storefront (`section`, `schema`, `form`, `style`,
// `javascript`, `paginate`).
//
// A TagDefinition names the tag, says whether it is a simple tag, a block tag (`{% name %}…
// {% endname %}`, optionally split by intermediate tags like `else`) or a raw block (body kept
// as text, e.g. `schema`), and supplies a parse function. The parse function runs once per
// occurrence when the template is compiled; it reads the markup through TagParser and returns an
// immutable CustomTag that the template owns.
//
// Contracts:
//  - parse MUST be thread-safe (templates may be compiled concurrently) and reports malformed
//    markup by calling TagParser::syntax_error (or any MarkupReader method that fails).
//  - CustomTag::render MUST be thread-safe and MUST NOT modify the tag: one compiled template is
//    rendered by many threads at once. Per-render state belongs in RenderContext::state().
//  - render reports Liquid errors by throwing RenderError (error.hpp).

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace station::liquid {

class RenderContext;

namespace ast {
struct Expr;
struct Block;
}  // namespace ast

namespace detail {
class ExpressionParser;
}

// A compiled expression owned by the template (cheap to copy, valid while the template lives).
class Expression {
public:
    Expression() = default;
    bool valid() const noexcept { return expr_ != nullptr; }

private:
    friend class detail::ExpressionParser;
    friend class MarkupReader;
    friend class RenderContext;
    explicit Expression(const ast::Expr* expr) : expr_(expr) {}
    const ast::Expr* expr_ = nullptr;
};

// A compiled block body owned by the template.
class BlockBody {
public:
    BlockBody() = default;
    bool valid() const noexcept { return block_ != nullptr; }

private:
    friend class RenderContext;
    friend class Parser;
    explicit BlockBody(const ast::Block* block) : block_(block) {}
    const ast::Block* block_ = nullptr;
};

// Reads a tag's markup with Liquid's expression grammar. Every method that fails throws the
// syntax error the template parser reports with the tag's location.
class MarkupReader {
public:
    explicit MarkupReader(detail::ExpressionParser& parser) : parser_(&parser) {}

    bool at_end() const;
    void expect_end();
    // Consumes `token` (punctuation such as "," or ":", or a word such as "with") if next.
    bool accept(std::string_view token);
    std::optional<std::string_view> identifier();
    // A quoted string literal's contents, if one is next.
    std::optional<std::string_view> string_literal();
    Expression expression();
    // `name: expr` pairs, separated by optional commas, up to the end of the markup.
    std::vector<std::pair<std::string_view, Expression>> keyword_arguments();

private:
    detail::ExpressionParser* parser_;
};

struct TagSection {
    std::string_view tag_name;  // the opening tag or the intermediate tag starting the section
    std::string_view markup;
    BlockBody body;
};

class TagParser {
public:
    virtual ~TagParser() = default;
    virtual std::string_view tag_name() const = 0;
    virtual std::string_view markup() const = 0;
    // A reader over markup(); one per call.
    virtual MarkupReader reader() = 0;
    // Block tags: the body sections in order (the first follows the opening tag).
    virtual std::span<const TagSection> sections() const = 0;
    // Raw block tags: the body text, unparsed.
    virtual std::string_view raw_body() const = 0;
    [[noreturn]] virtual void syntax_error(std::string message) = 0;
};

class CustomTag {
public:
    virtual ~CustomTag() = default;
    virtual void render(RenderContext& context, std::string& out) const = 0;
    // True when the tag never outputs anything (like assign), so blocks holding only such tags
    // and whitespace render nothing, as Liquid does.
    virtual bool blank() const { return false; }
};

enum class TagKind : std::uint8_t { kSimple, kBlock, kRawBlock };

struct TagDefinition {
    std::string name;
    TagKind kind = TagKind::kSimple;
    std::vector<std::string> intermediate_tags;  // block tags only, e.g. {"else"}
    std::function<std::unique_ptr<CustomTag>(TagParser& parser)> parse;
};

}  // namespace station::liquid

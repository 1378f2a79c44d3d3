#pragma once
// Internal: compiles template source into the template's node tree. Mirrors Shopify Liquid's
// BlockBody/Block parsing: a body runs until a tag it does not know, which the enclosing block
// tag then handles (`else`, `endif`, …) or reports.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tenant_runtime/liquid/ast.hpp"
#include "tenant_runtime/liquid/expression_parser.hpp"
#include "tenant_runtime/liquid/scanner.hpp"
#include "tenant_runtime/liquid/template.hpp"

namespace station::liquid {

struct TagDefinition;

// Strict mode (and hard limits in either mode) abort compilation with this.
struct ParseFailure {
    Error error;
};

class Parser {
public:
    Parser(Template& tpl, const ParseOptions& options);
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    // Compiles tpl's source into tpl.root_. Throws ParseFailure.
    void run();

private:
    struct Location {
        std::uint32_t line = 0;
        std::uint32_t column = 0;
    };
    // Where a body stopped: at a tag it does not handle, or at the end of its input.
    struct Stop {
        bool eof = true;
        std::string_view name;
        std::string_view markup;
        Location where;
    };
    struct Body {
        std::vector<ast::Node> nodes;
        bool blank = true;
    };
    // The lines of a `{% liquid %}` tag being parsed.
    struct LiquidLines {
        std::string_view rest;
        std::uint32_t line = 0;
        std::uint32_t column = 0;
    };

    Stop parse_body(Body& body);
    Stop parse_document_body(Body& body);
    Stop parse_liquid_body(Body& body);
    void apply_whitespace_control(Body& body, std::string_view token);
    // Parses a known tag into `body`; false when `name` is not a tag (the body must stop).
    bool parse_tag(Body& body, std::string_view name, std::string_view markup, Location where);

    void parse_output(Body& body, std::string_view markup, Location where);
    void parse_assign(Body& body, std::string_view markup, Location where);
    void parse_capture(Body& body, std::string_view markup, Location where);
    void parse_if(Body& body, std::string_view markup, Location where, bool unless);
    void parse_case(Body& body, std::string_view markup, Location where);
    void parse_loop(Body& body, std::string_view markup, Location where, bool tablerow);
    void parse_cycle(Body& body, std::string_view markup, Location where);
    void parse_counter(Body& body, std::string_view markup, Location where, bool increment);
    void parse_partial(Body& body, std::string_view markup, Location where, bool render);
    void parse_ifchanged(Body& body, std::string_view markup, Location where);
    void parse_raw(Body& body, std::string_view markup, Location where);
    void parse_comment(Body& body, std::string_view markup, Location where, bool doc);
    void parse_inline_comment(Body& body, std::string_view markup, Location where);
    void parse_liquid(Body& body, std::string_view markup, Location where);
    void parse_custom(Body& body, const TagDefinition& definition, std::string_view markup,
                      Location where);

    // Reads the body of a raw-text block up to `{% end_name %}` (raw tags, raw custom blocks).
    bool read_raw_text(std::string_view end_name, std::string& text);
    // Skips a comment body (nested comments and raw blocks included); false if never closed.
    bool skip_comment();
    // Parses block bodies until `end_name`, reporting stray tags; false if never closed.
    bool parse_until(Body& body, std::string_view block_name, std::string_view end_name);

    const ast::Output* compile_output(std::string_view markup);
    const ast::Condition* compile_condition(std::string_view markup, std::string_view tag_name);
    std::vector<const ast::Expr*> compile_when(std::string_view markup);
    const ast::Block* finish(Body& body, bool remove_blank_text);
    ast::Node make_node(ast::NodeKind kind, Location where, const void* data, bool blank) const;

    // Reports a syntax error: throws in strict mode, becomes inline error text in lax mode.
    void fail(Body& body, Location where, std::string message, ErrorKind kind = ErrorKind::kSyntax);
    [[noreturn]] void fail_hard(Location where, std::string message, ErrorKind kind);
    void report_unknown_tag(Body& body, const Stop& stop, std::string_view block_name);

    Template& tpl_;
    const ParseOptions& options_;
    detail::CompileState state_;
    detail::Scanner scanner_;
    std::vector<LiquidLines> liquid_;
    bool trim_next_ = false;
    std::uint32_t depth_ = 0;
};

}  // namespace station::liquid

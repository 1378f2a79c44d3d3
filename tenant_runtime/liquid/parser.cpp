#include "tenant_runtime/liquid/parser.hpp"

#include <deque>
#include <optional>

#include "tenant_runtime/liquid/arena.hpp"
#include "tenant_runtime/liquid/environment.hpp"
#include "tenant_runtime/liquid/lax_parser.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"

namespace station::liquid {
namespace {

using detail::ExpressionParser;
using detail::ParseError;
using detail::TokenKind;

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string quoted_context(std::string_view markup) {
    return " in \"" + std::string(ruby_strip(markup)) + "\"";
}

// A name made only of word characters and hyphens, not starting with a hyphen (strict mode's
// rule for assign and capture targets).
bool is_strict_target(std::string_view name) {
    if (name.empty() || name.front() == '-') return false;
    for (char c : name) {
        if (!detail::is_word_char(c) && c != '-') return false;
    }
    return true;
}

// Ruby's VariableSignature character class, for lax assign/capture targets.
bool is_signature_char(char c) {
    return detail::is_word_char(c) || c == '-' || c == '.' || c == '[' || c == ']' || c == '(' ||
           c == ')';
}

// The text of an expression's tokens without the whitespace between them, as Ruby's strict
// parser rebuilds it (it names `offset: continue` registers).
std::string compact_markup(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (!detail::is_regex_space(c)) out.push_back(c);
    }
    return out;
}

class CustomTagParser final : public TagParser {
public:
    CustomTagParser(detail::CompileState& state, std::string_view name, std::string_view markup)
        : state_(state), name_(name), markup_(markup) {}

    std::string_view tag_name() const override { return name_; }
    std::string_view markup() const override { return markup_; }
    MarkupReader reader() override {
        readers_.emplace_back(state_, markup_);
        return MarkupReader(readers_.back());
    }
    std::span<const TagSection> sections() const override { return sections_; }
    std::string_view raw_body() const override { return raw_body_; }
    void syntax_error(std::string message) override { throw ParseError(message); }

    std::vector<TagSection> sections_;
    std::string_view raw_body_;

private:
    detail::CompileState& state_;
    std::string_view name_;
    std::string_view markup_;
    std::deque<ExpressionParser> readers_;
};

}  // namespace

Parser::Parser(Template& tpl, const ParseOptions& options)
    : tpl_(tpl),
      options_(options),
      state_{*tpl.arena_, *tpl.literals_, *tpl.environment_, options.mode,
             options.max_nesting_depth},
      scanner_(tpl.source_) {}

void Parser::run() {
    Body root;
    Stop stop = parse_body(root);
    while (!stop.eof) {
        std::string name(stop.name);
        fail(root, stop.where,
             name == "else" || name == "end" ? "Unexpected outer '" + name + "' tag"
                                             : "Unknown tag '" + name + "'");
        stop = parse_body(root);
    }
    tpl_.root_ = finish(root, false);
}

ast::Node Parser::make_node(ast::NodeKind kind, Location where, const void* data,
                            bool blank) const {
    ast::Node node;
    node.kind = kind;
    node.blank = blank;
    node.line = where.line;
    node.data = data;
    return node;
}

const ast::Block* Parser::finish(Body& body, bool remove_blank_text) {
    if (remove_blank_text) {
        std::erase_if(body.nodes,
                      [](const ast::Node& node) { return node.kind == ast::NodeKind::kText; });
    }
    return tpl_.arena_->make<ast::Block>(tpl_.arena_->copy(body.nodes), body.blank);
}

void Parser::fail(Body& body, Location where, std::string message, ErrorKind kind) {
    Error error{kind, std::move(message), tpl_.name_, where.line, where.column};
    if (options_.mode == Mode::kStrict) throw ParseFailure{std::move(error)};
    ast::Node node = make_node(ast::NodeKind::kSyntaxError, where, nullptr, false);
    node.text = tpl_.arena_->copy_text(error.to_string());
    body.nodes.push_back(node);
    body.blank = false;
    tpl_.syntax_errors_.push_back(std::move(error));
}

void Parser::fail_hard(Location where, std::string message, ErrorKind kind) {
    throw ParseFailure{Error{kind, std::move(message), tpl_.name_, where.line, where.column}};
}

void Parser::report_unknown_tag(Body& body, const Stop& stop, std::string_view block_name) {
    std::string name(stop.name);
    std::string block(block_name);
    std::string delimiter = block == "liquid" ? "%}" : "end" + block;
    if (name == "else") {
        fail(body, stop.where, block + " tag does not expect 'else' tag");
    } else if (starts_with(name, "end")) {
        fail(body, stop.where,
             "'" + name + "' is not a valid delimiter for " + block + " tags. use " + delimiter);
    } else {
        fail(body, stop.where, "Unknown tag '" + name + "'");
    }
}

Parser::Stop Parser::parse_body(Body& body) {
    if (++depth_ > options_.max_nesting_depth) {
        fail_hard(Location{}, "Nesting too deep", ErrorKind::kNesting);
    }
    Stop stop = liquid_.empty() ? parse_document_body(body) : parse_liquid_body(body);
    --depth_;
    return stop;
}

void Parser::apply_whitespace_control(Body& body, std::string_view token) {
    if (detail::trims_left(token) && !body.nodes.empty() &&
        body.nodes.back().kind == ast::NodeKind::kText) {
        body.nodes.back().text = ruby_rstrip(body.nodes.back().text);
    }
    trim_next_ = detail::trims_right(token);
}

Parser::Stop Parser::parse_document_body(Body& body) {
    detail::SourceToken token;
    while (scanner_.next(token)) {
        switch (token.kind) {
            case detail::SourceToken::Kind::kText: {
                std::string_view text = token.text;
                if (trim_next_) text = ruby_lstrip(text);
                trim_next_ = false;
                if (text.empty()) break;
                ast::Node node = make_node(ast::NodeKind::kText, {token.line, token.column},
                                           nullptr, detail::is_blank_text(text));
                node.text = text;
                body.blank = body.blank && node.blank;
                body.nodes.push_back(node);
                break;
            }
            case detail::SourceToken::Kind::kOutput: {
                apply_whitespace_control(body, token.text);
                Location where{token.line, token.column};
                std::string_view markup;
                if (!detail::split_output(token.text, markup)) {
                    fail(body, where,
                         "Variable '" + std::string(token.text) +
                             "' was not properly terminated with regexp: /\\}\\}/");
                    break;
                }
                parse_output(body, markup, where);
                break;
            }
            case detail::SourceToken::Kind::kTag: {
                apply_whitespace_control(body, token.text);
                detail::TagParts parts = detail::split_tag(token.text);
                Location where{token.line + parts.extra_lines, token.column};
                if (!parts.valid) {
                    fail(body, where,
                         "Tag '" + std::string(token.text) +
                             "' was not properly terminated with regexp: /\\%\\}/");
                    break;
                }
                if (!parse_tag(body, parts.name, parts.markup, where)) {
                    return Stop{false, parts.name, parts.markup, where};
                }
                break;
            }
        }
    }
    return Stop{};
}

Parser::Stop Parser::parse_liquid_body(Body& body) {
    const std::size_t stream = liquid_.size() - 1;
    while (!liquid_[stream].rest.empty()) {
        LiquidLines& lines = liquid_[stream];
        std::size_t newline = lines.rest.find('\n');
        std::string_view line = lines.rest.substr(0, newline);
        lines.rest =
            newline == std::string_view::npos ? std::string_view() : lines.rest.substr(newline + 1);
        Location where{lines.line++, lines.column};
        if (detail::is_blank_text(line)) continue;
        std::size_t pos = 0;
        while (pos < line.size() && detail::is_regex_space(line[pos]))
            ++pos;
        std::size_t name_start = pos;
        if (line[pos] == '#') {
            ++pos;
        } else {
            while (pos < line.size() && detail::is_word_char(line[pos]))
                ++pos;
        }
        if (pos == name_start) return Stop{false, line, line, where};
        std::string_view name = line.substr(name_start, pos - name_start);
        while (pos < line.size() && detail::is_regex_space(line[pos]))
            ++pos;
        std::string_view markup = line.substr(pos);
        if (!parse_tag(body, name, markup, where)) return Stop{false, name, markup, where};
    }
    return Stop{};
}

bool Parser::parse_tag(Body& body, std::string_view name, std::string_view markup, Location where) {
    if (const TagDefinition* custom = tpl_.environment_->find_tag(name)) {
        parse_custom(body, *custom, markup, where);
        return true;
    }
    if (name == "assign") {
        parse_assign(body, markup, where);
    } else if (name == "if" || name == "unless") {
        parse_if(body, markup, where, name == "unless");
    } else if (name == "for" || name == "tablerow") {
        parse_loop(body, markup, where, name == "tablerow");
    } else if (name == "echo") {
        parse_output(body, markup, where);
    } else if (name == "capture") {
        parse_capture(body, markup, where);
    } else if (name == "case") {
        parse_case(body, markup, where);
    } else if (name == "render" || name == "include") {
        parse_partial(body, markup, where, name == "render");
    } else if (name == "cycle") {
        parse_cycle(body, markup, where);
    } else if (name == "increment" || name == "decrement") {
        parse_counter(body, markup, where, name == "increment");
    } else if (name == "break" || name == "continue") {
        body.nodes.push_back(
            make_node(name == "break" ? ast::NodeKind::kBreak : ast::NodeKind::kContinue, where,
                      nullptr, false));
        body.blank = false;
    } else if (name == "comment" || name == "doc") {
        parse_comment(body, markup, where, name == "doc");
    } else if (name == "#") {
        parse_inline_comment(body, markup, where);
    } else if (name == "raw") {
        parse_raw(body, markup, where);
    } else if (name == "liquid") {
        parse_liquid(body, markup, where);
    } else if (name == "ifchanged") {
        parse_ifchanged(body, markup, where);
    } else {
        return false;
    }
    return true;
}

const ast::Output* Parser::compile_output(std::string_view markup) {
    try {
        return tpl_.arena_->make<ast::Output>(detail::parse_output_markup(state_, markup));
    } catch (const ParseError& e) {
        if (e.kind() != ErrorKind::kSyntax) throw;
        if (options_.mode == Mode::kLax) {
            return tpl_.arena_->make<ast::Output>(detail::lax_output(state_, markup));
        }
        throw ParseError(std::string(e.what()) + " in \"{{" + std::string(markup) + "}}\"",
                         e.kind());
    }
}

const ast::Condition* Parser::compile_condition(std::string_view markup,
                                                std::string_view tag_name) {
    try {
        ExpressionParser parser(state_, markup);
        const ast::Condition* condition = parser.condition();
        parser.expect_end();
        return condition;
    } catch (const ParseError& e) {
        if (options_.mode == Mode::kLax) return detail::lax_condition(state_, markup, tag_name);
        throw ParseError(std::string(e.what()) + quoted_context(markup), e.kind());
    }
}

void Parser::parse_output(Body& body, std::string_view markup, Location where) {
    try {
        const ast::Output* output = compile_output(markup);
        body.nodes.push_back(make_node(ast::NodeKind::kOutput, where, output, false));
        body.blank = false;
    } catch (const ParseError& e) {
        fail(body, where, e.what(), e.kind());
    }
}

void Parser::parse_assign(Body& body, std::string_view markup, Location where) {
    const std::string kSyntax = "Syntax Error in 'assign' - Valid syntax: assign [var] = [source]";
    std::size_t equals = markup.find('=');
    if (equals == std::string_view::npos) {
        fail(body, where, kSyntax);
        return;
    }
    std::string_view target = ruby_rstrip(markup.substr(0, equals));
    if (options_.mode == Mode::kStrict) {
        target = ruby_strip(target);
        if (!is_strict_target(target)) {
            fail(body, where, kSyntax);
            return;
        }
    } else {
        // Ruby matches the run of signature characters right before the `=`.
        std::size_t start = target.size();
        while (start > 0 && is_signature_char(target[start - 1]))
            --start;
        target = target.substr(start);
        if (target.empty()) {
            fail(body, where, kSyntax);
            return;
        }
    }
    try {
        auto* node = tpl_.arena_->make<ast::AssignNode>();
        node->target = ast::make_key(target);
        node->value = *compile_output(markup.substr(equals + 1));
        body.nodes.push_back(make_node(ast::NodeKind::kAssign, where, node, true));
    } catch (const ParseError& e) {
        fail(body, where, e.what(), e.kind());
    }
}

bool Parser::parse_until(Body& body, std::string_view block_name, std::string_view end_name) {
    while (true) {
        Stop stop = parse_body(body);
        if (stop.eof) return false;
        if (stop.name == end_name) return true;
        report_unknown_tag(body, stop, block_name);
    }
}

void Parser::parse_capture(Body& body, std::string_view markup, Location where) {
    std::string_view name = ruby_strip(markup);
    if (name.size() >= 2 && (name.front() == '\'' || name.front() == '"') &&
        name.back() == name.front()) {
        name = name.substr(1, name.size() - 2);
    } else if (options_.mode == Mode::kStrict) {
        if (!is_strict_target(name)) name = {};
    } else {
        std::size_t start = 0;
        while (start < name.size() && !is_signature_char(name[start]))
            ++start;
        std::size_t end = start;
        while (end < name.size() && is_signature_char(name[end]))
            ++end;
        name = name.substr(start, end - start);
    }
    bool valid = !name.empty();
    if (!valid) fail(body, where, "Syntax Error in 'capture' - Valid syntax: capture [var]");
    Body inner;
    bool closed = parse_until(inner, "capture", "endcapture");
    if (!closed) fail(body, where, "'capture' tag was never closed");
    if (!valid) return;
    auto* node = tpl_.arena_->make<ast::CaptureNode>();
    node->target = ast::make_key(name);
    node->body = *finish(inner, false);
    body.nodes.push_back(make_node(ast::NodeKind::kCapture, where, node, true));
}

void Parser::parse_if(Body& body, std::string_view markup, Location where, bool unless) {
    const std::string_view tag = unless ? "unless" : "if";
    const std::string end = unless ? "endunless" : "endif";
    struct Pending {
        const ast::Condition* condition;
        Body body;
    };
    auto never_true = [&] {
        auto* condition = tpl_.arena_->make<ast::Condition>();
        condition->left =
            tpl_.arena_->make<ast::Expr>(ast::ExprKind::kLiteral, Value::boolean(false));
        return condition;
    };
    auto compile = [&](std::string_view text, Location at) -> const ast::Condition* {
        try {
            return compile_condition(text, tag);
        } catch (const ParseError& e) {
            fail(body, at, e.what(), e.kind());
            return never_true();
        }
    };
    std::deque<Pending> branches;
    branches.push_back(Pending{compile(markup, where), {}});
    while (true) {
        Stop stop = parse_body(branches.back().body);
        if (stop.eof) {
            fail(body, where, "'" + std::string(tag) + "' tag was never closed");
            break;
        }
        if (stop.name == end) break;
        if (stop.name == "elsif") {
            branches.push_back(Pending{compile(stop.markup, stop.where), {}});
        } else if (stop.name == "else") {
            branches.push_back(Pending{nullptr, {}});
        } else {
            report_unknown_tag(branches.back().body, stop, tag);
        }
    }
    bool blank = true;
    for (const Pending& branch : branches)
        blank = blank && branch.body.blank;
    std::vector<ast::IfBranch> compiled;
    for (Pending& branch : branches) {
        compiled.push_back(ast::IfBranch{branch.condition, *finish(branch.body, blank)});
    }
    auto* node = tpl_.arena_->make<ast::IfNode>(tpl_.arena_->copy(compiled), unless);
    body.nodes.push_back(make_node(ast::NodeKind::kIf, where, node, blank));
    body.blank = body.blank && blank;
}

std::vector<const ast::Expr*> Parser::compile_when(std::string_view markup) {
    const std::string kInvalid =
        "Syntax Error in tag 'case' - Valid when condition: {% when [condition] [or "
        "condition2...] %}";
    // Liquid 5.4 reads `when` with its lenient WhenSyntax in every mode: values joined by `or`
    // or commas, anything after the last one ignored.
    std::vector<const ast::Expr*> values;
    std::string_view rest = markup;
    while (true) {
        std::size_t start = 0;
        std::size_t end = 0;
        if (!detail::find_quoted_fragment(rest, 0, start, end)) throw ParseError(kInvalid);
        values.push_back(detail::lax_expression(state_, rest.substr(start, end - start)));
        std::size_t pos = end;
        std::size_t spaces = pos;
        while (spaces < rest.size() && detail::is_regex_space(rest[spaces]))
            ++spaces;
        std::size_t next = std::string_view::npos;
        if (spaces > pos && rest.substr(spaces, 2) == "or" && spaces + 2 < rest.size() &&
            detail::is_regex_space(rest[spaces + 2])) {
            next = spaces + 2;
            while (next < rest.size() && detail::is_regex_space(rest[next]))
                ++next;
        } else if (spaces < rest.size() && rest[spaces] == ',') {
            next = spaces + 1;
            while (next < rest.size() && detail::is_regex_space(rest[next]))
                ++next;
        }
        if (next == std::string_view::npos ||
            detail::quoted_fragment_end(rest, next) == std::string_view::npos) {
            return values;
        }
        rest = rest.substr(next);
    }
}

void Parser::parse_case(Body& body, std::string_view markup, Location where) {
    const ast::Expr* subject = nullptr;
    try {
        ExpressionParser parser(state_, markup);
        subject = parser.expression();
        parser.expect_end();
    } catch (const ParseError& e) {
        std::size_t start = 0;
        std::size_t end = 0;
        if (options_.mode == Mode::kLax && detail::find_quoted_fragment(markup, 0, start, end)) {
            subject = detail::lax_expression(state_, markup.substr(start, end - start));
        } else if (options_.mode == Mode::kLax) {
            fail(body, where, "Syntax Error in 'case' - Valid syntax: case [condition]");
        } else {
            fail(body, where, std::string(e.what()) + quoted_context(markup), e.kind());
        }
    }
    struct Pending {
        std::vector<const ast::Expr*> values;
        bool is_else;
        Body body;
    };
    Body preamble;
    std::deque<Pending> branches;
    Body* current = &preamble;
    while (true) {
        Stop stop = parse_body(*current);
        if (stop.eof) {
            fail(body, where, "'case' tag was never closed");
            break;
        }
        if (stop.name == "endcase") break;
        if (stop.name == "when") {
            std::vector<const ast::Expr*> values;
            try {
                values = compile_when(stop.markup);
            } catch (const ParseError& e) {
                fail(body, stop.where, e.what(), e.kind());
            }
            branches.push_back(Pending{std::move(values), false, {}});
            current = &branches.back().body;
        } else if (stop.name == "else") {
            if (!ruby_strip(stop.markup).empty()) {
                fail(body, stop.where,
                     "Syntax Error in tag 'case' - Valid else condition: {% else %} (no "
                     "parameters) ");
            }
            branches.push_back(Pending{{}, true, {}});
            current = &branches.back().body;
        } else {
            report_unknown_tag(*current, stop, "case");
        }
    }
    bool blank = preamble.blank;
    for (const Pending& branch : branches)
        blank = blank && branch.body.blank;
    if (subject == nullptr) return;
    std::vector<ast::CaseBranch> compiled;
    for (Pending& branch : branches) {
        ast::Block block = *finish(branch.body, blank);
        if (branch.is_else) {
            compiled.push_back(ast::CaseBranch{nullptr, block});
        } else {
            for (const ast::Expr* value : branch.values) {
                compiled.push_back(ast::CaseBranch{value, block});
            }
        }
    }
    auto* node = tpl_.arena_->make<ast::CaseNode>(subject, tpl_.arena_->copy(compiled));
    body.nodes.push_back(make_node(ast::NodeKind::kCase, where, node, blank));
    body.blank = body.blank && blank;
}

void Parser::parse_loop(Body& body, std::string_view markup, Location where, bool tablerow) {
    const std::string_view tag = tablerow ? "tablerow" : "for";
    auto* loop = tpl_.arena_->make<ast::LoopNode>();
    bool valid = true;
    std::string_view variable;
    std::string collection_text;
    auto set_attribute = [&](std::string_view name, const ast::Expr* value) {
        bool is_continue = value->kind == ast::ExprKind::kVariable && value->path.empty() &&
                           value->root_dynamic == nullptr && value->root.text == "continue";
        if (name == "offset") {
            if (is_continue) {
                loop->offset_continue = true;
            } else {
                loop->offset = value;
            }
        } else if (name == "limit") {
            loop->limit = value;
        } else if (name == "cols") {
            loop->cols = value;
        }
    };
    try {
        ExpressionParser parser(state_, markup);
        variable = parser.consume(TokenKind::kIdentifier).text;
        if (!parser.accept_word("in")) throw ParseError("For loops require an 'in' clause");
        std::size_t start = parser.peek().offset;
        loop->collection = parser.expression();
        collection_text = compact_markup(markup.substr(start, parser.peek().offset - start));
        loop->reversed = parser.accept_word("reversed");
        while (true) {
            parser.accept(TokenKind::kComma);
            if (parser.peek().kind == TokenKind::kIdentifier &&
                parser.peek(1).kind == TokenKind::kColon) {
                std::string_view name = parser.consume(TokenKind::kIdentifier).text;
                if (!tablerow && name != "limit" && name != "offset") {
                    throw ParseError(
                        "Invalid attribute in for loop. Valid attributes are limit and offset");
                }
                parser.consume(TokenKind::kColon);
                set_attribute(name, parser.expression());
            } else if (!parser.accept_word("reversed")) {
                break;
            } else {
                loop->reversed = true;
            }
        }
        parser.expect_end();
    } catch (const ParseError& e) {
        if (options_.mode == Mode::kStrict) {
            fail(body, where, std::string(e.what()) + quoted_context(markup), e.kind());
        }
        // Ruby's lax syntax: `var in collection [reversed]` plus `name: value` attributes.
        *loop = ast::LoopNode{};
        std::size_t pos = 0;
        while (pos < markup.size() &&
               (detail::is_word_char(markup[pos]) || (!tablerow && markup[pos] == '-'))) {
            ++pos;
        }
        variable = markup.substr(0, pos);
        std::size_t in = pos;
        while (in < markup.size() && detail::is_regex_space(markup[in]))
            ++in;
        std::size_t after_in = in + 2;
        std::size_t fragment = after_in;
        while (fragment < markup.size() && detail::is_regex_space(markup[fragment]))
            ++fragment;
        std::size_t fragment_end = detail::quoted_fragments_end(markup, fragment);
        if (variable.empty() || in == pos || markup.substr(in, 2) != "in" || fragment == after_in ||
            fragment_end == std::string_view::npos) {
            fail(body, where,
                 tablerow ? "Syntax Error in 'table_row loop' - Valid syntax: table_row [item] "
                            "in [collection] cols=3"
                          : "Syntax Error in 'for loop' - Valid syntax: for [item] in "
                            "[collection]");
            valid = false;
        } else {
            std::string_view collection = markup.substr(fragment, fragment_end - fragment);
            collection_text = std::string(collection);
            loop->collection = detail::lax_expression(state_, collection);
            std::size_t rev = fragment_end;
            while (rev < markup.size() && detail::is_regex_space(markup[rev]))
                ++rev;
            loop->reversed = !tablerow && markup.substr(rev, 8) == "reversed";
            for (const ast::KeywordArg& attribute : detail::lax_attributes(state_, markup)) {
                set_attribute(attribute.name.text, attribute.value);
            }
        }
    }
    loop->variable = ast::make_key(variable);
    loop->register_name = tpl_.arena_->copy_text(std::string(variable) + "-" + collection_text);

    Body main;
    Body otherwise;
    Body* current = &main;
    const std::string end = "end" + std::string(tag);
    while (true) {
        Stop stop = parse_body(*current);
        if (stop.eof) {
            fail(body, where, "'" + std::string(tag) + "' tag was never closed");
            break;
        }
        if (stop.name == end) break;
        if (!tablerow && stop.name == "else" && current == &main) {
            loop->has_else = true;
            current = &otherwise;
            continue;
        }
        report_unknown_tag(*current, stop, tag);
    }
    if (!valid) return;
    bool blank = main.blank && otherwise.blank;
    loop->body = *finish(main, blank && !tablerow);
    loop->else_body = *finish(otherwise, blank && !tablerow);
    body.nodes.push_back(
        make_node(tablerow ? ast::NodeKind::kTablerow : ast::NodeKind::kFor, where, loop, blank));
    body.blank = body.blank && blank;
}

void Parser::parse_cycle(Body& body, std::string_view markup, Location where) {
    auto* node = tpl_.arena_->make<ast::CycleNode>();
    // Ruby's NamedSyntax: a leading fragment followed by `:` names the cycle group.
    std::string_view values_markup = markup;
    std::size_t fragment_end = detail::quoted_fragment_end(markup, 0);
    std::size_t group_end = detail::named_group_end(markup);
    if (group_end != std::string_view::npos) {
        node->group = detail::lax_expression(state_, markup.substr(0, group_end));
        values_markup = markup.substr(markup.find(':', group_end) + 1);
    }
    if (fragment_end == std::string_view::npos) {
        fail(body, where,
             "Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 ...]");
        return;
    }
    std::vector<const ast::Expr*> values;
    bool all_literal = true;
    std::size_t pos = 0;
    while (pos <= values_markup.size()) {
        std::size_t comma = values_markup.find(',', pos);
        std::string_view piece = values_markup.substr(
            pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        std::size_t start = 0;
        std::size_t end = 0;
        if (detail::find_quoted_fragment(piece, 0, start, end)) {
            const ast::Expr* value =
                detail::lax_expression(state_, piece.substr(start, end - start));
            all_literal = all_literal && value->kind == ast::ExprKind::kLiteral;
            values.push_back(value);
        }
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    node->values = tpl_.arena_->copy(values);
    if (node->group == nullptr) {
        // Identical literal lists share one counter (Ruby keys them by their inspect text);
        // a list with variables gets a counter of its own.
        std::string key;
        if (all_literal) {
            std::vector<Value> items;
            for (const ast::Expr* value : values)
                items.push_back(value->literal);
            append_inspect(key, Value::array(std::move(items)));
        } else {
            key = "#<cycle " + std::to_string(reinterpret_cast<std::uintptr_t>(node)) + ">";
        }
        node->anonymous_key = tpl_.arena_->copy_text(key);
    }
    body.nodes.push_back(make_node(ast::NodeKind::kCycle, where, node, false));
    body.blank = false;
}

void Parser::parse_counter(Body& body, std::string_view markup, Location where, bool increment) {
    auto* node = tpl_.arena_->make<ast::CounterNode>(ast::make_key(ruby_strip(markup)));
    body.nodes.push_back(make_node(
        increment ? ast::NodeKind::kIncrement : ast::NodeKind::kDecrement, where, node, false));
    body.blank = false;
}

void Parser::parse_partial(Body& body, std::string_view markup, Location where, bool render) {
    auto* node = tpl_.arena_->make<ast::PartialNode>();
    try {
        ExpressionParser parser(state_, markup);
        if (render) {
            if (parser.peek().kind != TokenKind::kString) {
                throw ParseError(
                    "Syntax error in tag 'render' - Template name must be a quoted string");
            }
            std::string_view quoted = parser.consume(TokenKind::kString).text;
            node->literal_name = quoted.substr(1, quoted.size() - 2);
        } else {
            node->name = parser.expression();
        }
        if (parser.accept_word("with")) {
            node->variable = parser.expression();
        } else if (parser.accept_word("for")) {
            node->variable = parser.expression();
            node->for_loop = true;
        }
        if (parser.accept_word("as")) {
            node->alias = ast::make_key(parser.consume(TokenKind::kIdentifier).text);
        }
        node->attributes = tpl_.arena_->copy(parser.keyword_args());
        parser.expect_end();
    } catch (const ParseError& e) {
        if (options_.mode == Mode::kStrict) {
            bool plain = render && node->literal_name.empty();
            fail(body, where, std::string(e.what()) + (plain ? "" : quoted_context(markup)),
                 e.kind());
        }
        // Ruby's lax syntax: name [with|for fragment] [as name], attributes anywhere.
        *node = ast::PartialNode{};
        std::size_t start = 0;
        std::size_t end = 0;
        if (render) {
            // (QuotedString+): the first quoted string anywhere names the partial.
            start = markup.find_first_of("'\"");
            end = start == std::string_view::npos ? start : markup.find(markup[start], start + 1);
            if (end == std::string_view::npos) {
                fail(body, where,
                     "Syntax error in tag 'render' - Template name must be a quoted string");
                return;
            }
            ++end;
            node->literal_name = markup.substr(start + 1, end - start - 2);
        } else {
            if (!detail::find_quoted_fragment(markup, 0, start, end)) {
                fail(body, where,
                     "Error in tag 'include' - Valid syntax: include '[template]' (with|for) "
                     "[object|collection]");
                return;
            }
            end = detail::quoted_fragments_end(markup, start);
            node->name = detail::lax_expression(state_, markup.substr(start, end - start));
        }
        std::size_t pos = end;
        auto word_after = [&](std::size_t at, std::string_view word) -> std::size_t {
            std::size_t p = at;
            while (p < markup.size() && detail::is_regex_space(markup[p]))
                ++p;
            if (p == at || markup.substr(p, word.size()) != word) return std::string_view::npos;
            std::size_t q = p + word.size();
            std::size_t r = q;
            while (r < markup.size() && detail::is_regex_space(markup[r]))
                ++r;
            return r == q ? std::string_view::npos : r;
        };
        for (std::string_view word : {std::string_view("with"), std::string_view("for")}) {
            std::size_t value = word_after(pos, word);
            std::size_t value_end = value == std::string_view::npos
                                        ? std::string_view::npos
                                        : detail::quoted_fragments_end(markup, value);
            if (value_end != std::string_view::npos) {
                node->variable =
                    detail::lax_expression(state_, markup.substr(value, value_end - value));
                node->for_loop = word == "for";
                pos = value_end;
                break;
            }
        }
        std::size_t alias = word_after(pos, "as");
        if (alias != std::string_view::npos) {
            std::size_t alias_end = alias;
            while (alias_end < markup.size() &&
                   (detail::is_word_char(markup[alias_end]) || markup[alias_end] == '-')) {
                ++alias_end;
            }
            if (alias_end > alias) {
                node->alias =
                    ast::make_key(tpl_.arena_->copy_text(markup.substr(alias, alias_end - alias)));
            }
        }
        node->attributes = tpl_.arena_->copy(detail::lax_attributes(state_, markup));
    }
    body.nodes.push_back(
        make_node(render ? ast::NodeKind::kRender : ast::NodeKind::kInclude, where, node, false));
    body.blank = false;
}

void Parser::parse_ifchanged(Body& body, std::string_view, Location where) {
    Body inner;
    if (!parse_until(inner, "ifchanged", "endifchanged")) {
        fail(body, where, "'ifchanged' tag was never closed");
    }
    bool blank = inner.blank;
    auto* node = tpl_.arena_->make<ast::IfchangedNode>(*finish(inner, false));
    body.nodes.push_back(make_node(ast::NodeKind::kIfchanged, where, node, blank));
    body.blank = body.blank && blank;
}

bool Parser::read_raw_text(std::string_view end_name, std::string& text) {
    if (!liquid_.empty()) {
        LiquidLines& lines = liquid_.back();
        while (!lines.rest.empty()) {
            std::size_t newline = lines.rest.find('\n');
            std::string_view line = lines.rest.substr(0, newline);
            lines.rest = newline == std::string_view::npos ? std::string_view()
                                                           : lines.rest.substr(newline + 1);
            ++lines.line;
            if (ruby_strip(line) == end_name) return true;
            text += line;
            text += '\n';
        }
        return false;
    }
    detail::SourceToken token;
    while (scanner_.next(token)) {
        std::string_view t = token.text;
        if (t.size() >= 4 && t.substr(t.size() - 2) == "%}") {
            // Ruby's FullTokenPossiblyInvalid: the last "{%" followed by an optional '-',
            // whitespace and a word names the tag that may close the raw block.
            std::size_t search = t.size();
            while (search > 0) {
                std::size_t open = t.rfind("{%", search - 1);
                if (open == std::string_view::npos) break;
                std::size_t p = open + 2;
                if (p < t.size() && t[p] == '-') ++p;
                while (p < t.size() && detail::is_regex_space(t[p]))
                    ++p;
                std::size_t name_end = p;
                while (name_end < t.size() && detail::is_word_char(t[name_end]))
                    ++name_end;
                if (name_end > p) {
                    if (t.substr(p, name_end - p) == end_name) {
                        text += t.substr(0, open);
                        trim_next_ = detail::trims_right(t);
                        return true;
                    }
                    break;
                }
                if (open == 0) break;
                search = open;
            }
        }
        text += t;
    }
    return false;
}

void Parser::parse_raw(Body& body, std::string_view markup, Location where) {
    if (!detail::is_blank_text(markup)) {
        fail(body, where, "Syntax Error in 'raw' - Valid syntax: raw");
    }
    std::string text;
    if (!read_raw_text("endraw", text)) {
        fail(body, where, "'raw' tag was never closed");
        return;
    }
    ast::Node node = make_node(ast::NodeKind::kRaw, where, nullptr, text.empty());
    node.text = tpl_.arena_->copy_text(text);
    body.nodes.push_back(node);
    body.blank = body.blank && node.blank;
}

bool Parser::skip_comment() {
    const std::string_view open = "comment";
    const std::string_view close = "endcomment";
    int depth = 1;
    if (!liquid_.empty()) {
        LiquidLines& lines = liquid_.back();
        while (!lines.rest.empty()) {
            std::size_t newline = lines.rest.find('\n');
            std::string_view line = ruby_strip(lines.rest.substr(0, newline));
            lines.rest = newline == std::string_view::npos ? std::string_view()
                                                           : lines.rest.substr(newline + 1);
            ++lines.line;
            std::size_t end = 0;
            while (end < line.size() && detail::is_word_char(line[end]))
                ++end;
            std::string_view name = line.substr(0, end);
            if (name == close && --depth == 0) return true;
            if (name == open) ++depth;
        }
        return false;
    }
    detail::SourceToken token;
    while (scanner_.next(token)) {
        if (token.kind != detail::SourceToken::Kind::kTag) continue;
        detail::TagParts parts = detail::split_tag(token.text);
        if (!parts.valid) continue;
        if (parts.name == close) {
            if (--depth == 0) {
                trim_next_ = detail::trims_right(token.text);
                return true;
            }
        } else if (parts.name == open) {
            ++depth;
        } else if (parts.name == "raw") {
            std::string ignored;
            if (!read_raw_text("endraw", ignored)) return false;
        }
    }
    return false;
}

void Parser::parse_comment(Body& body, std::string_view markup, Location where, bool doc) {
    if (doc && !ruby_strip(markup).empty()) {
        fail(body, where, "Syntax Error in 'doc' - Valid syntax: doc");
    }
    // Doc text is not tokenized at all: anything up to `{% enddoc %}` belongs to it.
    std::string ignored;
    bool closed = doc ? read_raw_text("enddoc", ignored) : skip_comment();
    if (!closed) {
        fail(body, where, std::string(doc ? "'doc'" : "'comment'") + " tag was never closed");
    }
}

void Parser::parse_inline_comment(Body& body, std::string_view markup, Location where) {
    // Every line of a multi-line inline comment must start with '#'.
    for (std::size_t newline = markup.find('\n'); newline != std::string_view::npos;
         newline = markup.find('\n', newline + 1)) {
        std::size_t pos = newline + 1;
        while (pos < markup.size() && detail::is_regex_space(markup[pos]))
            ++pos;
        if (pos < markup.size() && markup[pos] != '#') {
            fail(body, where,
                 "Syntax error in tag '#' - Each line of comments must be prefixed by the '#' "
                 "character");
            return;
        }
    }
}

void Parser::parse_liquid(Body& body, std::string_view markup, Location where) {
    liquid_.push_back(LiquidLines{markup, where.line, where.column});
    while (true) {
        Stop stop = parse_body(body);
        if (stop.eof) break;
        report_unknown_tag(body, stop, "liquid");
    }
    liquid_.pop_back();
}

void Parser::parse_custom(Body& body, const TagDefinition& definition, std::string_view markup,
                          Location where) {
    CustomTagParser parser(state_, definition.name, markup);
    if (definition.kind == TagKind::kBlock) {
        const std::string end = "end" + definition.name;
        std::string_view section_name = definition.name;
        std::string_view section_markup = markup;
        while (true) {
            Body section;
            Stop stop;
            while (true) {
                stop = parse_body(section);
                if (stop.eof || stop.name == end) break;
                bool intermediate = false;
                for (const std::string& name : definition.intermediate_tags) {
                    intermediate = intermediate || stop.name == name;
                }
                if (intermediate) break;
                report_unknown_tag(section, stop, definition.name);
            }
            parser.sections_.push_back(
                TagSection{section_name, section_markup, BlockBody(finish(section, false))});
            if (stop.eof) {
                fail(body, where, "'" + definition.name + "' tag was never closed");
                return;
            }
            if (stop.name == end) break;
            section_name = stop.name;
            section_markup = stop.markup;
        }
    } else if (definition.kind == TagKind::kRawBlock) {
        std::string text;
        if (!read_raw_text("end" + definition.name, text)) {
            fail(body, where, "'" + definition.name + "' tag was never closed");
            return;
        }
        parser.raw_body_ = tpl_.arena_->copy_text(text);
    }
    try {
        std::unique_ptr<CustomTag> tag = definition.parse(parser);
        if (!tag) throw ParseError("tag '" + definition.name + "' could not be compiled");
        bool blank = tag->blank();
        auto* node = tpl_.arena_->make<ast::CustomNode>(tag.get());
        tpl_.custom_tags_.push_back(std::move(tag));
        body.nodes.push_back(make_node(ast::NodeKind::kCustom, where, node, blank));
        body.blank = body.blank && blank;
    } catch (const ParseError& e) {
        fail(body, where, std::string(e.what()) + quoted_context(markup), e.kind());
    }
}

}  // namespace station::liquid

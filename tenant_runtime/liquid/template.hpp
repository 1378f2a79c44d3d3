#pragma once
// Compiling Liquid source into an immutable Template.
//
// A Template is compiled once (Template::parse) and rendered any number of times, from any number
// of threads at once (render.hpp); share it as shared_ptr<const Template>.
//
// Modes:
//  - kLax (storefront): a malformed tag becomes inline text "Liquid syntax error (line N): …" and
//    the rest of the template still renders; unknown filters are ignored, as in Shopify.
//  - kStrict (theme upload, `station theme check`): the first syntax error, unknown filter or
//    wrong filter arity fails the parse with its line and column.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/system/result.hpp>

#include "tenant_runtime/liquid/error.hpp"

namespace station::liquid {

class Environment;
class CustomTag;
class Parser;
class RenderContext;

namespace ast {
struct Block;
}
namespace detail {
class Arena;
class LiteralPool;
}  // namespace detail

enum class Mode : std::uint8_t { kLax, kStrict };

struct ParseOptions {
    Mode mode = Mode::kLax;
    std::string name;  // shown in error messages, e.g. "sections/header"
    std::size_t max_template_bytes = 1 << 20;
    std::uint32_t max_nesting_depth = 100;  // nested blocks and bracketed expressions
};

class Template;
using TemplatePtr = std::shared_ptr<const Template>;

class Template {
public:
    // Fails with kResourceLimit when the source exceeds max_template_bytes, and in strict mode
    // with the first syntax error. Lax mode otherwise always succeeds.
    static boost::system::result<TemplatePtr, Error> parse(
        std::shared_ptr<const Environment> environment, std::string_view source,
        const ParseOptions& options = {});

    Template(const Template&) = delete;
    Template& operator=(const Template&) = delete;
    ~Template();

    const std::string& name() const noexcept { return name_; }
    Mode mode() const noexcept { return mode_; }
    const Environment& environment() const noexcept { return *environment_; }
    // Lax mode: the syntax errors that were compiled into inline error text.
    const std::vector<Error>& syntax_errors() const noexcept { return syntax_errors_; }

private:
    friend class Parser;
    friend class RenderContext;
    Template();

    std::shared_ptr<const Environment> environment_;
    std::string name_;
    Mode mode_ = Mode::kLax;
    std::string source_;
    std::unique_ptr<detail::LiteralPool> literals_;
    std::unique_ptr<detail::Arena> arena_;
    std::vector<std::unique_ptr<CustomTag>> custom_tags_;
    std::vector<Error> syntax_errors_;
    const ast::Block* root_ = nullptr;
};

}  // namespace station::liquid

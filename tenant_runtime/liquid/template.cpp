#include "tenant_runtime/liquid/template.hpp"

#include <exception>
#include <new>

#include "tenant_runtime/liquid/arena.hpp"
#include "tenant_runtime/liquid/environment.hpp"
#include "tenant_runtime/liquid/parser.hpp"
#include "tenant_runtime/liquid/tag.hpp"

namespace station::liquid {

Template::Template()
    : literals_(std::make_unique<detail::LiteralPool>()),
      arena_(std::make_unique<detail::Arena>()) {}

// Custom tags and the arena's nodes refer to literals, so they go first.
Template::~Template() {
    custom_tags_.clear();
    arena_.reset();
    literals_.reset();
}

boost::system::result<TemplatePtr, Error> Template::parse(
    std::shared_ptr<const Environment> environment, std::string_view source,
    const ParseOptions& options) {
    if (source.size() > options.max_template_bytes) {
        return Error{ErrorKind::kResourceLimit,
                     "Template size limit exceeded (" + std::to_string(source.size()) +
                         " bytes, limit " + std::to_string(options.max_template_bytes) + ")",
                     options.name, 0, 0};
    }
    std::shared_ptr<Template> tpl(new Template());
    tpl->environment_ = std::move(environment);
    tpl->name_ = options.name;
    tpl->mode_ = options.mode;
    tpl->source_.assign(source);
    try {
        Parser(*tpl, options).run();
    } catch (const ParseFailure& failure) {
        return failure.error;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        // A custom tag's parse function failed in a way other than a syntax error.
        return Error{ErrorKind::kInternal, e.what(), options.name, 0, 0};
    }
    return TemplatePtr(std::move(tpl));
}

}  // namespace station::liquid

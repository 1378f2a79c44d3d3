#pragma once
// Helpers for the Liquid engine tests: compile and render in one call, data from JSON text.

#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "tenant_runtime/liquid/environment.hpp"
#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/render.hpp"
#include "tenant_runtime/liquid/template.hpp"
#include "tenant_runtime/liquid/value_json.hpp"

namespace station::liquid::testing {

inline Value json_data(std::string_view json) {
    return json.empty() ? Value() : from_json(boost::json::parse(json));
}

inline TemplatePtr compile(std::string_view source, Mode mode = Mode::kLax,
                           std::shared_ptr<const Environment> environment = nullptr,
                           std::string name = {}) {
    ParseOptions options;
    options.mode = mode;
    options.name = std::move(name);
    return Template::parse(environment ? environment : Environment::standard(), source, options)
        .value();
}

// Lax render; throws LiquidException if the render fails as a whole.
inline std::string render_lax(std::string_view source, std::string_view json = {},
                              const RenderOptions& options = {}) {
    return render(*compile(source), json_data(json), options).value();
}

// Strict parse and render; returns the output or the error's describe() text.
inline std::string render_strict(std::string_view source, std::string_view json = {},
                                 RenderOptions options = {}) {
    ParseOptions parse;
    parse.mode = Mode::kStrict;
    auto tpl = Template::parse(Environment::standard(), source, parse);
    if (!tpl) return "parse error: " + tpl.error().describe();
    options.mode = Mode::kStrict;
    auto out = render(*tpl.value(), json_data(json), options);
    if (!out) return "render error: " + out.error().describe();
    return out.value();
}

}  // namespace station::liquid::testing

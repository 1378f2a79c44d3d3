#include "tenant_runtime/plugins/host/hooks.hpp"

#include <algorithm>
#include <set>

namespace station::plugins {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxItems = 100;

std::optional<std::string> only_keys(const json::object& object,
                                     std::initializer_list<std::string_view> known) {
    for (const auto& entry : object) {
        if (std::find(known.begin(), known.end(), entry.key()) == known.end()) {
            return "unknown key \"" + std::string(entry.key()) + "\"";
        }
    }
    return std::nullopt;
}

bool is_text(const json::object& object, std::string_view key, bool required,
             std::size_t max_len = 500) {
    auto it = object.find(key);
    if (it == object.end()) return !required;
    return it->value().is_string() && it->value().as_string().size() <= max_len &&
           (!required || !it->value().as_string().empty());
}

bool is_count(const json::object& object, std::string_view key, bool required) {
    auto it = object.find(key);
    if (it == object.end()) return !required;
    return it->value().is_int64() && it->value().as_int64() >= 0;
}

// A list under `key` (required) of objects each checked by `item`.
template <typename Check>
std::optional<std::string> list_of(const json::object& output, std::string_view key, Check&& item) {
    auto it = output.find(key);
    if (it == output.end() || !it->value().is_array()) {
        return "\"" + std::string(key) + "\" must be an array";
    }
    const json::array& items = it->value().as_array();
    if (items.size() > kMaxItems) {
        return "\"" + std::string(key) + "\" has more than " + std::to_string(kMaxItems) + " items";
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (auto problem = item(items[i])) {
            return std::string(key) + "[" + std::to_string(i) + "]: " + *problem;
        }
    }
    return std::nullopt;
}

std::string text(const json::object& object, std::string_view key) {
    auto it = object.find(key);
    return it != object.end() && it->value().is_string() ? std::string(it->value().as_string())
                                                         : std::string();
}

std::optional<std::int64_t> count(const json::object& object, std::string_view key) {
    auto it = object.find(key);
    if (it == object.end() || !it->value().is_int64()) return std::nullopt;
    return it->value().as_int64();
}

const json::array& items(const json::object& o, std::string_view key) {
    static const json::array kNone;
    auto it = o.find(key);
    return it != o.end() && it->value().is_array() ? it->value().as_array() : kNone;
}

template <typename Fn>
void each_answer(const HookRun& run, Fn&& fn) {
    for (const PluginHookResult& r : run.results) {
        if (r.ok && r.output.is_object()) fn(r, r.output.as_object());
    }
}

}  // namespace

std::optional<std::string> hook_output_problem(std::string_view hook, const json::value& output) {
    if (!output.is_object()) return "the output must be a JSON object";
    const json::object& o = output.as_object();
    if (hook == "checkout.validate") {
        if (auto p = only_keys(o, {"errors"})) return p;
        return list_of(o, "errors", [](const json::value& v) -> std::optional<std::string> {
            if (!v.is_object()) return "must be an object";
            const json::object& e = v.as_object();
            if (auto p = only_keys(e, {"message", "field", "code"})) return p;
            if (!is_text(e, "message", true)) return "\"message\" must be a non-empty string";
            if (!is_text(e, "field", false, 100) || !is_text(e, "code", false, 100)) {
                return "\"field\" and \"code\" must be short strings";
            }
            return std::nullopt;
        });
    }
    if (hook == "shipping.rates") {
        if (auto p = only_keys(o, {"rates"})) return p;
        return list_of(o, "rates", [](const json::value& v) -> std::optional<std::string> {
            if (!v.is_object()) return "must be an object";
            const json::object& r = v.as_object();
            if (auto p = only_keys(r, {"code", "title", "price_minor", "min_days", "max_days"})) {
                return p;
            }
            if (!is_text(r, "code", true, 100) || !is_text(r, "title", true)) {
                return "\"code\" and \"title\" must be non-empty strings";
            }
            if (!is_count(r, "price_minor", true)) {
                return "\"price_minor\" must be a non-negative integer";
            }
            if (!is_count(r, "min_days", false) || !is_count(r, "max_days", false)) {
                return "\"min_days\" and \"max_days\" must be non-negative integers";
            }
            return std::nullopt;
        });
    }
    if (hook == "payment.methods") {
        if (auto p = only_keys(o, {"methods", "hide"})) return p;
        if (auto p = list_of(o, "methods", [](const json::value& v) -> std::optional<std::string> {
                if (!v.is_object()) return "must be an object";
                const json::object& m = v.as_object();
                if (auto unknown = only_keys(m, {"code", "title"})) return unknown;
                if (!is_text(m, "code", true, 100) || !is_text(m, "title", true)) {
                    return "\"code\" and \"title\" must be non-empty strings";
                }
                return std::nullopt;
            })) {
            return p;
        }
        return list_of(o, "hide", [](const json::value& v) -> std::optional<std::string> {
            if (!v.is_string() || v.as_string().empty()) return "must be a method code";
            return std::nullopt;
        });
    }
    if (hook == "order.tags") {
        if (auto p = only_keys(o, {"tags"})) return p;
        return list_of(o, "tags", [](const json::value& v) -> std::optional<std::string> {
            if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 255 ||
                v.as_string().find(',') != json::string::npos) {
                return "must be a non-empty tag without commas";
            }
            return std::nullopt;
        });
    }
    if (hook == "cart.line_price") {
        if (auto p = only_keys(o, {"unit_price_minor"})) return p;
        if (!is_count(o, "unit_price_minor", false)) {
            return "\"unit_price_minor\" must be a non-negative integer";
        }
        return std::nullopt;
    }
    return "unknown hook";
}

std::vector<ValidationError> validation_errors(const HookRun& run) {
    std::vector<ValidationError> out;
    each_answer(run, [&](const PluginHookResult& r, const json::object& o) {
        for (const json::value& e : items(o, "errors")) {
            const json::object& error = e.as_object();
            out.push_back({r.plugin_id, text(error, "message"), text(error, "field")});
        }
    });
    return out;
}

std::vector<ShippingRate> shipping_rates(const HookRun& run) {
    std::vector<ShippingRate> out;
    each_answer(run, [&](const PluginHookResult& r, const json::object& o) {
        for (const json::value& v : items(o, "rates")) {
            const json::object& rate = v.as_object();
            out.push_back({r.plugin_id, text(rate, "code"), text(rate, "title"),
                           count(rate, "price_minor").value_or(0), count(rate, "min_days"),
                           count(rate, "max_days")});
        }
    });
    return out;
}

std::vector<PaymentMethod> payment_methods(const HookRun& run, std::vector<std::string>* hidden) {
    std::vector<PaymentMethod> methods;
    std::set<std::string> hide;
    each_answer(run, [&](const PluginHookResult& r, const json::object& o) {
        for (const json::value& v : items(o, "methods")) {
            const json::object& m = v.as_object();
            methods.push_back({r.plugin_id, text(m, "code"), text(m, "title")});
        }
        for (const json::value& code : items(o, "hide"))
            hide.insert(std::string(code.as_string()));
    });
    std::erase_if(methods, [&](const PaymentMethod& m) { return hide.contains(m.code); });
    if (hidden) hidden->assign(hide.begin(), hide.end());
    return methods;
}

std::vector<std::string> order_tags(const HookRun& run) {
    std::vector<std::string> tags;
    each_answer(run, [&](const PluginHookResult&, const json::object& o) {
        for (const json::value& v : items(o, "tags")) {
            std::string tag(v.as_string());
            if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
        }
    });
    return tags;
}

std::optional<std::int64_t> line_price(const HookRun& run) {
    std::optional<std::int64_t> price;
    each_answer(run, [&](const PluginHookResult&, const json::object& o) {
        if (auto p = count(o, "unit_price_minor")) price = p;
    });
    return price;
}

}  // namespace station::plugins

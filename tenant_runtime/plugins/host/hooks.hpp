#pragma once
// Synchronous hooks: what one run of a hook across a store's plugins produced, the schema each
// hook's output must follow (docs/plugins/hooks.md), and the merged views the checkout uses.
// Every key of an output is optional: "{}" (or an empty output) means "nothing to add".
//
// A plugin's answer counts only when the call succeeded within its deadline AND the output is
// valid for the hook. Otherwise the plugin's declared failure policy decides: "skip" ignores the
// plugin for this run; "reject" makes the whole run a rejection (the caller must refuse the
// operation, e.g. not complete the checkout).
//
// Pure values and functions; thread-safe.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "tenant_runtime/plugins/abi/invocation.hpp"
#include "tenant_runtime/plugins/manifest/manifest.hpp"

namespace station::plugins {

struct PluginHookResult {
    std::string plugin_id;
    bool ok = false;            // answered in time with valid output
    boost::json::value output;  // the answer (an object) when ok
    station_status status = STATION_OK;
    Fault fault = Fault::None;
    FailurePolicy policy = FailurePolicy::Skip;
    std::string detail;  // why it failed
    std::chrono::microseconds elapsed{0};
};

struct HookRun {
    std::string hook;
    std::vector<PluginHookResult> results;  // in install order
    bool rejected = false;
    std::string rejected_by;  // the plugin whose failure rejected the run
    std::string reason;       // one sentence for logs and the shopper-facing error
};

// The problem with a plugin's output for `hook`, or nullopt when it follows the schema.
std::optional<std::string> hook_output_problem(std::string_view hook,
                                               const boost::json::value& output);

struct ValidationError {
    std::string plugin_id;
    std::string message;
    std::string field;  // may be empty
};
struct ShippingRate {
    std::string plugin_id;
    std::string code;
    std::string title;
    std::int64_t price_minor = 0;
    std::optional<std::int64_t> min_days, max_days;
};
struct PaymentMethod {
    std::string plugin_id;
    std::string code;
    std::string title;
};

// checkout.validate: every error of every plugin that answered.
std::vector<ValidationError> validation_errors(const HookRun& run);
// shipping.rates: every offered rate.
std::vector<ShippingRate> shipping_rates(const HookRun& run);
// payment.methods: every added method (codes listed in any plugin's "hide" are dropped, and
// returned separately so built-in methods can be hidden too).
std::vector<PaymentMethod> payment_methods(const HookRun& run, std::vector<std::string>* hidden);
// order.tags: the union of tags, first appearance order.
std::vector<std::string> order_tags(const HookRun& run);
// cart.line_price: the last plugin's price that answered, or nullopt (keep the price).
std::optional<std::int64_t> line_price(const HookRun& run);

}  // namespace station::plugins

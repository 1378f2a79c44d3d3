#include "tenant_runtime/plugins/host/plugin_invoker.hpp"

#include <station/plugin.hpp>

namespace station::plugins {

std::string describe_failure(const InvocationResult& result) {
    if (result.fault != Fault::None) {
        return std::string(fault_name(result.fault)) +
               (result.detail.empty() ? "" : ": " + result.detail);
    }
    std::string text = std::string("the plugin returned ") + station::status_name(result.status);
    if (!result.detail.empty()) text += ": " + result.detail;
    return text;
}

}  // namespace station::plugins

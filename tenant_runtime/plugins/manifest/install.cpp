#include "tenant_runtime/plugins/manifest/install.hpp"

namespace station::plugins {

bool StoreInstall::service_available(ServiceId service) const {
    const ServiceInfo& info = service_info(service);
    return release->manifest.declares_service(info.name) &&
           scopes_allow(granted_scopes, info.scope);
}

std::uint32_t StoreInstall::service_mask() const {
    std::uint32_t mask = 0;
    for (const ServiceInfo& info : service_catalog()) {
        if (service_available(info.id)) mask |= 1u << static_cast<unsigned>(info.id);
    }
    return mask;
}

boost::json::object StoreInstall::effective_config() const {
    boost::json::object out;
    for (const ConfigField& field : release->manifest.config) {
        const boost::json::value* value = &field.default_value;
        // A layer's value counts only when it has the declared type (stale values from an older
        // manifest version fall back to the layer beneath).
        for (const boost::json::object* layer : {&platform_config, &store_config}) {
            if (auto it = layer->find(field.key);
                it != layer->end() && !config_value_problem(field, it->value())) {
                value = &it->value();
            }
        }
        out[field.key] = *value;
    }
    return out;
}

}  // namespace station::plugins

#include "tenant_runtime/plugins/services/plugin_metrics.hpp"

#include <algorithm>

namespace station::plugins {

bool valid_metric_name(std::string_view name) {
    return !name.empty() && name.size() <= 63 && name.front() >= 'a' && name.front() <= 'z' &&
           name.find("__") == std::string_view::npos &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
           });
}

station_status PluginMetrics::counter_add(std::string_view plugin_id, std::int64_t store_id,
                                          std::string_view name, std::int64_t delta) {
    if (delta < 0) return STATION_ERR_INVALID;
    return update(plugin_id, store_id, name, Kind::Counter, delta);
}

station_status PluginMetrics::gauge_set(std::string_view plugin_id, std::int64_t store_id,
                                        std::string_view name, std::int64_t value) {
    return update(plugin_id, store_id, name, Kind::Gauge, value);
}

station_status PluginMetrics::update(std::string_view plugin_id, std::int64_t store_id,
                                     std::string_view name, Kind kind, std::int64_t value) {
    if (!valid_metric_name(name)) return STATION_ERR_INVALID;
    // Plugin ids have no "--" and names no "__", so "<id>__<name>" cannot collide.
    std::string id(plugin_id);
    std::replace(id.begin(), id.end(), '-', '_');
    std::string full = "station_plugin_" + id + "__" + std::string(name);
    std::lock_guard lock(mutex_);
    PluginUsage& usage = usage_[std::string(plugin_id)];
    auto family = families_.find(full);
    if (family == families_.end()) {
        if (usage.names >= max_names_ || usage.series >= max_series_) return STATION_ERR_QUOTA;
        family = families_.emplace(full, Family{kind, {}}).first;
        ++usage.names;
    }
    if (family->second.kind != kind) return STATION_ERR_CONFLICT;
    auto series = family->second.by_store.find(store_id);
    if (series == family->second.by_store.end()) {
        if (usage.series >= max_series_) return STATION_ERR_QUOTA;
        series = family->second.by_store.emplace(store_id, 0).first;
        ++usage.series;
    }
    if (kind == Kind::Counter) {
        series->second = value > INT64_MAX - series->second ? INT64_MAX : series->second + value;
    } else {
        series->second = value;
    }
    return STATION_OK;
}

std::string PluginMetrics::render_prometheus() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [name, family] : families_) {
        out += "# HELP " + name + " reported by a plugin\n";
        out += "# TYPE " + name + (family.kind == Kind::Counter ? " counter\n" : " gauge\n");
        for (const auto& [store, value] : family.by_store) {
            out +=
                name + "{store=\"" + std::to_string(store) + "\"} " + std::to_string(value) + "\n";
        }
    }
    return out;
}

}  // namespace station::plugins

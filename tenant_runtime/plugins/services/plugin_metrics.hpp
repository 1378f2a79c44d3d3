#pragma once
// station.metrics/1: counters and gauges a plugin reports, rendered on the platform's /metrics as
// station_plugin_<plugin>__<name>{store="<id>"} (the id's '-' become '_'). Each plugin may use
// at most `max_names` names and `max_series` (name, store) series; beyond that calls return
// STATION_ERR_QUOTA, so a plugin cannot blow up the scrape.
//
// Threading: thread-safe.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <station/plugin.h>

namespace station::plugins {

class PluginMetrics {
public:
    explicit PluginMetrics(std::size_t max_names = 50, std::size_t max_series = 5000)
        : max_names_(max_names), max_series_(max_series) {}

    station_status counter_add(std::string_view plugin_id, std::int64_t store_id,
                               std::string_view name, std::int64_t delta);
    station_status gauge_set(std::string_view plugin_id, std::int64_t store_id,
                             std::string_view name, std::int64_t value);

    // Prometheus text exposition of every family, each family's samples grouped together.
    std::string render_prometheus() const;

private:
    enum class Kind { Counter, Gauge };
    struct Family {
        Kind kind;
        std::map<std::int64_t, std::int64_t> by_store;
    };
    struct PluginUsage {
        std::size_t names = 0;
        std::size_t series = 0;
    };

    station_status update(std::string_view plugin_id, std::int64_t store_id, std::string_view name,
                          Kind kind, std::int64_t value);

    std::size_t max_names_;
    std::size_t max_series_;
    mutable std::mutex mutex_;
    std::map<std::string, Family> families_;  // by full metric name
    std::map<std::string, PluginUsage, std::less<>> usage_;
};

// [a-z][a-z0-9_]{0,62} without "__".
bool valid_metric_name(std::string_view name);

}  // namespace station::plugins

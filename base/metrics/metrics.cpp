#include "base/metrics/metrics.hpp"

#include <cstdio>
#include <set>

namespace station::metrics {

void Histogram::observe(double seconds) noexcept {
    std::size_t i = 0;
    while (i < kLatencyBounds.size() && seconds > kLatencyBounds[i])
        ++i;
    buckets_[i].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::array<std::uint64_t, Histogram::kLatencyBounds.size() + 1> Histogram::cumulative()
    const noexcept {
    std::array<std::uint64_t, kLatencyBounds.size() + 1> out{};
    std::uint64_t running = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        out[i] = running;
    }
    return out;
}

double Histogram::sum() const noexcept {
    return static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / 1e6;
}

Counter& Registry::counter(std::string_view name, std::string_view help, std::string_view labels) {
    std::lock_guard lock(mutex_);
    for (auto& entry : counters_) {
        if (entry.name == name && entry.labels == labels) return entry.counter;
    }
    auto& entry = counters_.emplace_back();
    entry.name = name;
    entry.help = help;
    entry.labels = labels;
    return entry.counter;
}

Histogram& Registry::histogram(std::string_view name, std::string_view help) {
    std::lock_guard lock(mutex_);
    for (auto& entry : histograms_) {
        if (entry.name == name) return entry.histogram;
    }
    auto& entry = histograms_.emplace_back();
    entry.name = name;
    entry.help = help;
    return entry.histogram;
}

void Registry::gauge(std::string_view name, std::string_view help, std::function<double()> read) {
    std::lock_guard lock(mutex_);
    gauges_.push_back({std::string(name), std::string(help), std::move(read)});
}

namespace {

std::string format_number(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

}  // namespace

std::string Registry::render_prometheus() const {
    std::lock_guard lock(mutex_);
    std::string out;
    std::set<std::string> described;
    for (const auto& entry : counters_) {
        if (described.insert(entry.name).second) {
            out += "# HELP " + entry.name + " " + entry.help + "\n";
            out += "# TYPE " + entry.name + " counter\n";
        }
        out += entry.name;
        if (!entry.labels.empty()) out += "{" + entry.labels + "}";
        out += " " + std::to_string(entry.counter.value()) + "\n";
    }
    for (const auto& entry : histograms_) {
        out += "# HELP " + entry.name + " " + entry.help + "\n";
        out += "# TYPE " + entry.name + " histogram\n";
        auto cumulative = entry.histogram.cumulative();
        for (std::size_t i = 0; i < Histogram::kLatencyBounds.size(); ++i) {
            out += entry.name + "_bucket{le=\"" + format_number(Histogram::kLatencyBounds[i]) +
                   "\"} " + std::to_string(cumulative[i]) + "\n";
        }
        out += entry.name + "_bucket{le=\"+Inf\"} " + std::to_string(cumulative.back()) + "\n";
        out += entry.name + "_sum " + format_number(entry.histogram.sum()) + "\n";
        out += entry.name + "_count " + std::to_string(entry.histogram.count()) + "\n";
    }
    for (const auto& entry : gauges_) {
        out += "# HELP " + entry.name + " " + entry.help + "\n";
        out += "# TYPE " + entry.name + " gauge\n";
        out += entry.name + " " + format_number(entry.read()) + "\n";
    }
    return out;
}

}  // namespace station::metrics

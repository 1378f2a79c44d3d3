#pragma once
// Process metrics rendered in the Prometheus text exposition format (GET /metrics).
//
// Counters, gauges and histograms are registered once at start-up (registration takes a lock)
// and then updated lock-free from any thread. References returned by the registry stay valid for
// the registry's lifetime.

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace station::metrics {

class Counter {
public:
    void inc(std::uint64_t by = 1) noexcept { value_.fetch_add(by, std::memory_order_relaxed); }
    std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

// Fixed upper bounds in seconds; observations are counted in the first bucket that holds them.
class Histogram {
public:
    static constexpr std::array<double, 12> kLatencyBounds{
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};

    void observe(double seconds) noexcept;
    // Cumulative counts per bound, then +Inf.
    std::array<std::uint64_t, kLatencyBounds.size() + 1> cumulative() const noexcept;
    std::uint64_t count() const noexcept { return count_.load(std::memory_order_relaxed); }
    double sum() const noexcept;

private:
    std::array<std::atomic<std::uint64_t>, kLatencyBounds.size() + 1> buckets_{};
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::uint64_t> sum_micros_{0};
};

class Registry {
public:
    // `labels` is the rendered label set without braces, e.g. `status="200"`, or empty.
    Counter& counter(std::string_view name, std::string_view help, std::string_view labels = {});
    Histogram& histogram(std::string_view name, std::string_view help);
    // A gauge read at scrape time (open stores, connections).
    void gauge(std::string_view name, std::string_view help, std::function<double()> read);

    std::string render_prometheus() const;

private:
    struct CounterEntry {
        std::string name, help, labels;
        Counter counter;
    };
    struct HistogramEntry {
        std::string name, help;
        Histogram histogram;
    };
    struct GaugeEntry {
        std::string name, help;
        std::function<double()> read;
    };
    mutable std::mutex mutex_;
    std::deque<CounterEntry> counters_;  // deque: stable addresses
    std::deque<HistogramEntry> histograms_;
    std::vector<GaugeEntry> gauges_;
};

}  // namespace station::metrics

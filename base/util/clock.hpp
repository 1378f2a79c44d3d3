#pragma once
// Injectable wall clock. Production code takes a `const Clock&`; tests pass a ManualClock so
// expiry, rate limits and schedules are tested without sleeping.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace station::util {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
    std::int64_t unix_seconds() const {
        return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
    }
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A process-wide SystemClock for code paths without an injected one.
const Clock& system_clock();

// Thread-safe clock that moves only when told to.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start = TimePoint(std::chrono::seconds(1'800'000'000)))
        : now_(start.time_since_epoch().count()) {}
    TimePoint now() const override { return TimePoint(TimePoint::duration(now_.load())); }
    void advance(std::chrono::system_clock::duration by) { now_ += by.count(); }

private:
    std::atomic<TimePoint::duration::rep> now_;
};

// "2026-11-25T10:00:00Z" (UTC, second precision).
std::string format_iso8601(TimePoint time);
std::string format_iso8601(std::int64_t unix_seconds);

}  // namespace station::util

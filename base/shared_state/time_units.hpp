#pragma once
// Conversions between the injected clock and the integer microseconds the backends store.

#include <chrono>
#include <cstdint>
#include <limits>

#include "base/util/clock.hpp"

namespace station::shared {

inline std::int64_t epoch_micros(util::TimePoint time) {
    return std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
}

// The longest a blocking pop waits in one call; longer waits are cut to it so that deadlines on
// the steady clock cannot overflow. The caller simply pops again.
inline constexpr std::chrono::milliseconds kMaxPopWait = std::chrono::hours(24);

// now_us + ttl, saturating instead of overflowing for absurdly long TTLs.
inline std::int64_t expiry_micros(std::int64_t now_us, std::chrono::milliseconds ttl) {
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    const std::int64_t ttl_ms = ttl.count();
    if (ttl_ms > (kMax - now_us) / 1000) return kMax;
    return now_us + ttl_ms * 1000;
}

}  // namespace station::shared

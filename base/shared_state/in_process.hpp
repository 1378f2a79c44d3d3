#pragma once
// The in-process SharedState backend: the single-node default (`station serve` without --redis).
// Everything lives in this process's memory; nothing is shared with other processes.
//
// All expiry (cache TTLs, lock leases, rate-limit leaking) follows the injected clock, so tests
// drive it with util::ManualClock. The exception is JobQueue::pop, whose wait is real time.
// Memory stays bounded: the cache has a byte budget with LRU eviction; expired entries, drained
// rate-limit buckets and expired leases are swept out as the clock moves on; the pub/sub queue is
// capped. Job queues hold what is pushed until it is popped.
// Lock tokens come from libsodium: crypto::init_crypto() must have run.

#include <cstddef>
#include <memory>

#include "base/shared_state/shared_state.hpp"
#include "base/util/clock.hpp"

namespace station::shared {

struct InProcessOptions {
    // Approximate memory budget of the cache (keys, values and bookkeeping).
    std::size_t cache_max_bytes = std::size_t{64} << 20;
    // Undelivered pub/sub messages held before publish() starts dropping them.
    std::size_t pubsub_queue_limit = 65536;
};

// `clock` must outlive the returned state. Starts the pub/sub delivery thread.
std::unique_ptr<SharedState> make_in_process_shared_state(const util::Clock& clock,
                                                          InProcessOptions options = {});

}  // namespace station::shared

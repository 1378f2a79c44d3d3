#include "base/shared_state/in_process.hpp"

#include "base/shared_state/in_process_cache.hpp"
#include "base/shared_state/in_process_jobs.hpp"
#include "base/shared_state/in_process_locks.hpp"
#include "base/shared_state/in_process_pubsub.hpp"
#include "base/shared_state/in_process_rate_limiter.hpp"

namespace station::shared {
namespace {

class InProcessSharedState final : public SharedState {
public:
    InProcessSharedState(const util::Clock& clock, const InProcessOptions& options)
        : cache_(clock, options.cache_max_bytes),
          rate_limiter_(clock),
          pubsub_(options.pubsub_queue_limit),
          locks_(clock) {}

    Cache& cache() override { return cache_; }
    RateLimiter& rate_limiter() override { return rate_limiter_; }
    PubSub& pubsub() override { return pubsub_; }
    JobQueue& jobs() override { return jobs_; }
    Locks& locks() override { return locks_; }
    std::string_view backend_name() const override { return "in-process"; }

private:
    InProcessCache cache_;
    InProcessRateLimiter rate_limiter_;
    InProcessPubSub pubsub_;
    InProcessJobQueue jobs_;
    InProcessLocks locks_;
};

}  // namespace

std::unique_ptr<SharedState> make_in_process_shared_state(const util::Clock& clock,
                                                          InProcessOptions options) {
    return std::make_unique<InProcessSharedState>(clock, options);
}

}  // namespace station::shared

#include "base/shared_state/in_process_jobs.hpp"

#include <algorithm>
#include <stdexcept>

#include "base/shared_state/time_units.hpp"

namespace station::shared {

void InProcessJobQueue::push(std::string_view queue, std::string_view payload) {
    std::lock_guard lock(mutex_);
    auto it = queues_.find(queue);
    if (it == queues_.end()) {
        it = queues_.emplace(std::string(queue), std::make_unique<Queue>()).first;
    }
    it->second->jobs.emplace_back(payload);
    it->second->ready.notify_one();
}

std::optional<std::string> InProcessJobQueue::pop(std::string_view queue,
                                                  std::chrono::milliseconds wait) {
    if (wait.count() < 0) throw std::invalid_argument("jobs: wait must not be negative");
    const auto deadline = std::chrono::steady_clock::now() + std::min(wait, kMaxPopWait);
    std::unique_lock lock(mutex_);
    auto it = queues_.find(queue);
    if (it == queues_.end()) {
        if (wait.count() == 0) return std::nullopt;
        it = queues_.emplace(std::string(queue), std::make_unique<Queue>()).first;
    }
    // The map may rehash while we wait; the Queue itself is heap-allocated and stays put, and it is
    // only erased by whoever leaves it empty with no waiters.
    Queue& state = *it->second;
    ++state.waiters;
    state.ready.wait_until(lock, deadline, [&state] { return !state.jobs.empty(); });
    --state.waiters;
    std::optional<std::string> job;
    if (!state.jobs.empty()) {
        job = std::move(state.jobs.front());
        state.jobs.pop_front();
    }
    if (state.jobs.empty() && state.waiters == 0) queues_.erase(queues_.find(queue));
    return job;
}

std::int64_t InProcessJobQueue::size(std::string_view queue) {
    std::lock_guard lock(mutex_);
    auto it = queues_.find(queue);
    return it == queues_.end() ? 0 : static_cast<std::int64_t>(it->second->jobs.size());
}

}  // namespace station::shared

#pragma once
// The in-process JobQueue: a deque per queue name behind one mutex, with a condition variable per
// queue so a push wakes only that queue's waiters.
//
// Part of the in-process backend (in_process.hpp). Thread-safe. pop() is the one real wait of
// the in-process backend: it blocks on the steady clock for at most `wait`, independent of the
// injected Clock (and is cut to shared::kMaxPopWait). A queue's bookkeeping is dropped once it is
// empty and nobody waits on it. Queue length is not capped: producers are expected to push only
// work that consumers keep up with.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/shared_state/shared_state.hpp"
#include "base/shared_state/string_map.hpp"

namespace station::shared {

class InProcessJobQueue final : public JobQueue {
public:
    void push(std::string_view queue, std::string_view payload) override;
    // Throws std::invalid_argument when wait < 0.
    std::optional<std::string> pop(std::string_view queue, std::chrono::milliseconds wait) override;
    std::int64_t size(std::string_view queue) override;

private:
    struct Queue {
        std::deque<std::string> jobs;
        std::condition_variable ready;
        int waiters = 0;
    };

    std::mutex mutex_;
    StringMap<std::unique_ptr<Queue>> queues_;
};

}  // namespace station::shared

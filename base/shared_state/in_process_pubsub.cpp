#include "base/shared_state/in_process_pubsub.hpp"

#include <spdlog/spdlog.h>

namespace station::shared {

InProcessPubSub::InProcessPubSub(std::size_t queue_limit)
    : queue_limit_(queue_limit), thread_([this] { run(); }) {}

InProcessPubSub::~InProcessPubSub() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    queued_.notify_one();
    thread_.join();
}

void InProcessPubSub::publish(std::string_view channel, std::string_view message) {
    // Nobody listening: skip the queue (and the delivery thread's wake-up) entirely.
    if (registry_->subscriber_count(channel) == 0) return;
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= queue_limit_) {
            spdlog::warn("pubsub: delivery queue full ({} messages); dropped a message for '{}'",
                         queue_.size(), channel);
            return;
        }
        queue_.emplace_back(channel, message);
    }
    queued_.notify_one();
}

std::unique_ptr<Subscription> InProcessPubSub::subscribe(std::string_view channel,
                                                         Handler handler) {
    return registry_->add(channel, std::move(handler));
}

void InProcessPubSub::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        auto [channel, message] = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        registry_->deliver(channel, message);
        lock.lock();
    }
}

}  // namespace station::shared

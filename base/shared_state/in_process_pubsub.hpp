#pragma once
// The in-process PubSub: publish() queues the message and returns; one backend-owned thread
// delivers queued messages in publish order through a SubscriberRegistry (which provides the
// Subscription guarantees).
//
// Part of the in-process backend (in_process.hpp). Thread-safe. The queue holds at most
// `queue_limit` undelivered messages; beyond that publish() drops the message and logs a warning
// (pub/sub is fire-and-forget, and a stuck handler must not exhaust memory). Destroying the
// PubSub stops the thread and drops undelivered messages; it MUST NOT happen inside a handler.
// Subscriptions may outlive it (they then just unregister).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "base/shared_state/shared_state.hpp"
#include "base/shared_state/subscriber_registry.hpp"

namespace station::shared {

class InProcessPubSub final : public PubSub {
public:
    explicit InProcessPubSub(std::size_t queue_limit);
    ~InProcessPubSub() override;

    void publish(std::string_view channel, std::string_view message) override;
    std::unique_ptr<Subscription> subscribe(std::string_view channel, Handler handler) override;

private:
    void run();

    const std::size_t queue_limit_;
    std::shared_ptr<SubscriberRegistry> registry_ = SubscriberRegistry::create();
    std::mutex mutex_;
    std::condition_variable queued_;
    std::deque<std::pair<std::string, std::string>> queue_;  // (channel, message)
    bool stopping_ = false;
    std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace station::shared

#pragma once
// Who is subscribed to which channel, and delivery to them, for both PubSub backends.
//
// A backend owns one registry (through a shared_ptr: the Subscriptions it hands out keep it alive,
// so they may outlive the backend) and one delivery thread that calls deliver() for each incoming
// message. The registry provides the Subscription guarantees of shared_state.hpp:
//   - deliver() runs handlers one at a time on the calling thread, in arrival order;
//   - destroying a Subscription unregisters it and, if its handler is running on another thread,
//     waits for that call to return, so no call starts or is still running afterwards. Destroying
//     it from inside its own handler is allowed and does not wait (the running call is the last).
// A handler that throws is logged and the message dropped for that subscriber only.
//
// Thread-safety: add() and Subscription destruction from any thread; deliver() from one thread
// at a time.

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/shared_state/shared_state.hpp"
#include "base/shared_state/string_map.hpp"

namespace station::shared {

class SubscriberRegistry : public std::enable_shared_from_this<SubscriberRegistry> {
public:
    static std::shared_ptr<SubscriberRegistry> create();

    // Registers `handler` for `channel`; it receives every message delivered after add() returns.
    std::unique_ptr<Subscription> add(std::string_view channel, PubSub::Handler handler);

    // Calls every handler registered for `channel` with `message`.
    void deliver(std::string_view channel, std::string_view message);

    std::size_t subscriber_count(std::string_view channel);

private:
    struct Entry {
        std::string channel;
        PubSub::Handler handler;
        bool active = true;  // guarded by mutex_
    };
    class Registration;

    SubscriberRegistry() = default;
    void remove(const std::shared_ptr<Entry>& entry);

    std::mutex mutex_;
    std::condition_variable handler_finished_;
    StringMap<std::vector<std::shared_ptr<Entry>>> channels_;
    const Entry* running_ = nullptr;  // the entry whose handler deliver() is calling
    std::thread::id delivery_thread_;
};

}  // namespace station::shared

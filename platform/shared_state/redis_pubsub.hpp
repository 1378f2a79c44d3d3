#pragma once
// The Redis PubSub. publish() is PUBLISH on a pooled connection. Subscriptions share one dedicated
// subscriber connection, owned by a backend thread that:
//   - SUBSCRIBEs to `<key_prefix><channel>` when a channel gets its first subscriber and
//     UNSUBSCRIBEs when its last one goes;
//   - delivers messages to handlers (through a shared::SubscriberRegistry) in arrival order;
//   - after losing the connection, reconnects with exponential backoff and resubscribes every
//     channel that still has subscribers. Messages published while it is disconnected are lost
//     (pub/sub is fire-and-forget).
// subscribe() returns once Redis has confirmed the subscription, and throws
// shared::SharedStateError if that does not happen within connect + command timeout. Called from
// inside a handler it cannot wait (the handler occupies the thread that reads confirmations), so
// it returns at once and the subscription starts when Redis confirms it.
//
// Thread-safe. Destroying the PubSub stops the thread; it MUST NOT happen inside a handler.
// Subscriptions may outlive it (they then just unregister).

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "base/shared_state/shared_state.hpp"
#include "platform/shared_state/redis_connection.hpp"
#include "platform/shared_state/redis_pool.hpp"
#include "platform/shared_state/redis_url.hpp"

namespace station::redis {

struct ReconnectBackoff {
    std::chrono::milliseconds initial;
    std::chrono::milliseconds max;
};

class RedisPubSub final : public shared::PubSub {
public:
    // `pool` (for PUBLISH) must outlive this. Starts the subscriber thread, which connects once
    // there is something to subscribe to.
    RedisPubSub(RedisPool& pool, std::string key_prefix, ReconnectBackoff backoff);
    ~RedisPubSub() override;

    void publish(std::string_view channel, std::string_view message) override;
    std::unique_ptr<shared::Subscription> subscribe(std::string_view channel,
                                                    Handler handler) override;

private:
    class Core;
    class ChannelSubscription;

    void run();

    RedisPool& pool_;
    const std::string prefix_;
    const ReconnectBackoff backoff_;
    std::shared_ptr<Core> core_;
    std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace station::redis

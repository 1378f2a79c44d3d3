#include "platform/shared_state/redis_pubsub.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "base/shared_state/string_map.hpp"
#include "base/shared_state/subscriber_registry.hpp"

namespace station::redis {

// What the subscriber thread and the subscribing threads share. Subscriptions hold it too, so it
// outlives the RedisPubSub when they do.
class RedisPubSub::Core {
public:
    struct Change {
        std::string_view command;  // SUBSCRIBE or UNSUBSCRIBE
        std::string server_channel;
    };

    explicit Core(std::string prefix)
        : prefix_(std::move(prefix)), wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
        if (wake_fd_ < 0) {
            throw shared::SharedStateError(std::string("pubsub: eventfd failed: ") +
                                           std::strerror(errno));
        }
    }
    Core(const Core&) = delete;
    Core& operator=(const Core&) = delete;
    ~Core() { close(wake_fd_); }

    shared::SubscriberRegistry& registry() { return *registry_; }

    // --- subscribing threads ---

    void add_subscriber(const std::string& channel) {
        {
            std::lock_guard lock(mutex_);
            ++channels_[channel].subscribers;
        }
        wake();
    }

    void remove_subscriber(const std::string& channel) {
        {
            std::lock_guard lock(mutex_);
            auto it = channels_.find(channel);
            if (it == channels_.end()) return;
            --it->second.subscribers;
            erase_if_idle_locked(it);
        }
        wake();
    }

    // True once Redis has confirmed a subscription to `channel` and no later (UN)SUBSCRIBE is
    // pending; false at the deadline or when stopping.
    bool wait_confirmed(const std::string& channel,
                        std::chrono::steady_clock::time_point deadline) {
        std::unique_lock lock(mutex_);
        const bool done = changed_.wait_until(lock, deadline, [&] {
            if (stopping_) return true;
            auto it = channels_.find(channel);
            return it != channels_.end() && it->second.requested && it->second.in_flight == 0;
        });
        return done && !stopping_;
    }

    // --- subscriber thread ---

    bool stopping() {
        std::lock_guard lock(mutex_);
        return stopping_;
    }

    bool wants_any() {
        std::lock_guard lock(mutex_);
        return std::any_of(channels_.begin(), channels_.end(),
                           [](const auto& entry) { return entry.second.subscribers > 0; });
    }

    // The commands that bring the server's view in line with the current subscribers, recorded
    // as sent.
    std::vector<Change> take_changes() {
        std::vector<Change> changes;
        std::lock_guard lock(mutex_);
        for (auto& [channel, state] : channels_) {
            const bool wanted = state.subscribers > 0;
            if (wanted == state.requested) continue;
            changes.push_back({wanted ? "SUBSCRIBE" : "UNSUBSCRIBE", prefix_ + channel});
            state.requested = wanted;
            ++state.in_flight;
        }
        return changes;
    }

    void handle_reply(ReplyView reply) {
        if (!reply.is_array() || reply.size() < 3) return;
        const std::string_view kind = reply[0].text();
        std::string_view channel = reply[1].text();
        if (!channel.starts_with(prefix_)) return;
        channel.remove_prefix(prefix_.size());
        if (kind == "message") {
            registry_->deliver(channel, reply[2].text());
        } else if (kind == "subscribe" || kind == "unsubscribe") {
            acknowledged(channel);
        }
    }

    // The server forgot every subscription with the connection.
    void connection_lost() {
        std::lock_guard lock(mutex_);
        for (auto& [channel, state] : channels_) {
            state.requested = false;
            state.in_flight = 0;
        }
        std::erase_if(channels_, [](const auto& entry) { return entry.second.subscribers == 0; });
    }

    // Waits until woken or `timeout` passes (negative: no limit).
    void wait_for_wake(std::chrono::milliseconds timeout) {
        pollfd wake{wake_fd_, POLLIN, 0};
        poll(&wake, 1, static_cast<int>(timeout.count()));
        drain_wake();
    }

    int wake_fd() const { return wake_fd_; }

    void drain_wake() {
        std::uint64_t count = 0;
        while (read(wake_fd_, &count, sizeof count) > 0) {
        }
    }

    // --- owner ---

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        wake();
    }

private:
    struct ChannelState {
        std::size_t subscribers = 0;
        bool requested = false;  // the last command sent for it was SUBSCRIBE
        int in_flight = 0;       // (UN)SUBSCRIBEs sent and not yet acknowledged
    };

    void wake() {
        const std::uint64_t one = 1;
        // Can only fail when the counter is saturated, which already means "wake up".
        [[maybe_unused]] ssize_t written = write(wake_fd_, &one, sizeof one);
    }

    void acknowledged(std::string_view channel) {
        {
            std::lock_guard lock(mutex_);
            auto it = channels_.find(channel);
            if (it == channels_.end()) return;
            if (it->second.in_flight > 0) --it->second.in_flight;
            erase_if_idle_locked(it);
        }
        changed_.notify_all();
    }

    void erase_if_idle_locked(shared::StringMap<ChannelState>::iterator it) {
        const ChannelState& state = it->second;
        if (state.subscribers == 0 && !state.requested && state.in_flight == 0) {
            channels_.erase(it);
        }
    }

    const std::string prefix_;
    const std::shared_ptr<shared::SubscriberRegistry> registry_ =
        shared::SubscriberRegistry::create();
    const int wake_fd_;
    std::mutex mutex_;
    std::condition_variable changed_;
    shared::StringMap<ChannelState> channels_;
    bool stopping_ = false;
};

class RedisPubSub::ChannelSubscription final : public shared::Subscription {
public:
    ChannelSubscription(std::unique_ptr<shared::Subscription> registration,
                        std::shared_ptr<Core> core, std::string channel)
        : registration_(std::move(registration)),
          core_(std::move(core)),
          channel_(std::move(channel)) {}

    ~ChannelSubscription() override {
        registration_.reset();
        core_->remove_subscriber(channel_);
    }

private:
    std::unique_ptr<shared::Subscription> registration_;
    std::shared_ptr<Core> core_;
    std::string channel_;
};

RedisPubSub::RedisPubSub(RedisPool& pool, std::string key_prefix, ReconnectBackoff backoff)
    : pool_(pool),
      prefix_(std::move(key_prefix)),
      backoff_(backoff),
      core_(std::make_shared<Core>(prefix_)),
      thread_([this] { run(); }) {}

RedisPubSub::~RedisPubSub() {
    core_->stop();
    thread_.join();
}

void RedisPubSub::publish(std::string_view channel, std::string_view message) {
    pool_.checked({"PUBLISH", prefix_ + std::string(channel), message});
}

std::unique_ptr<shared::Subscription> RedisPubSub::subscribe(std::string_view channel,
                                                             Handler handler) {
    std::string name(channel);
    // Registered before the SUBSCRIBE goes out, so the first message after it is not missed.
    auto subscription = std::make_unique<ChannelSubscription>(
        core_->registry().add(name, std::move(handler)), core_, name);
    core_->add_subscriber(name);
    // A handler subscribing runs on the thread that would read the confirmation: it cannot wait.
    if (std::this_thread::get_id() == thread_.get_id()) return subscription;
    const auto limit = pool_.timeouts().connect + pool_.timeouts().command;
    if (!core_->wait_confirmed(name, std::chrono::steady_clock::now() + limit)) {
        throw shared::SharedStateError("redis " + pool_.endpoint().describe() +
                                       ": subscribing to '" + name + "' was not confirmed within " +
                                       std::to_string(limit.count()) + "ms");
    }
    return subscription;
}

void RedisPubSub::run() {
    std::unique_ptr<RedisConnection> connection;
    std::chrono::milliseconds delay = backoff_.initial;
    bool in_outage = false;
    while (!core_->stopping()) {
        if (!connection) {
            if (!core_->wants_any()) {
                core_->wait_for_wake(std::chrono::milliseconds(-1));
                continue;
            }
            try {
                connection = RedisConnection::open(pool_.endpoint(), pool_.timeouts());
            } catch (const shared::SharedStateError& error) {
                if (!in_outage) spdlog::warn("pubsub: {}; retrying with backoff", error.what());
                in_outage = true;
                core_->wait_for_wake(delay);
                delay = std::min(delay * 2, backoff_.max);
                continue;
            }
            if (in_outage)
                spdlog::info("pubsub: reconnected to redis {}", pool_.endpoint().describe());
            in_outage = false;
            delay = backoff_.initial;
        }
        try {
            for (const auto& change : core_->take_changes()) {
                const std::array<std::string_view, 2> command{change.command,
                                                              change.server_channel};
                connection->send(command);
            }
            std::array<pollfd, 2> ready{pollfd{connection->fd(), POLLIN, 0},
                                        pollfd{core_->wake_fd(), POLLIN, 0}};
            if (poll(ready.data(), ready.size(), -1) < 0) continue;  // EINTR: look again
            if (ready[1].revents != 0) core_->drain_wake();
            if (ready[0].revents != 0) {
                connection->read_available();
                while (auto reply = connection->next_buffered_reply()) {
                    core_->handle_reply(reply->view());
                }
            }
        } catch (const shared::SharedStateError& error) {
            spdlog::warn("pubsub: lost the subscriber connection: {}", error.what());
            in_outage = true;
            connection.reset();
            core_->connection_lost();
        }
    }
}

}  // namespace station::redis

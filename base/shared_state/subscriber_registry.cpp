#include "base/shared_state/subscriber_registry.hpp"

#include <algorithm>
#include <exception>

#include <spdlog/spdlog.h>

namespace station::shared {

class SubscriberRegistry::Registration final : public Subscription {
public:
    Registration(std::shared_ptr<SubscriberRegistry> registry, std::shared_ptr<Entry> entry)
        : registry_(std::move(registry)), entry_(std::move(entry)) {}
    ~Registration() override { registry_->remove(entry_); }

private:
    std::shared_ptr<SubscriberRegistry> registry_;
    std::shared_ptr<Entry> entry_;
};

std::shared_ptr<SubscriberRegistry> SubscriberRegistry::create() {
    return std::shared_ptr<SubscriberRegistry>(new SubscriberRegistry());
}

std::unique_ptr<Subscription> SubscriberRegistry::add(std::string_view channel,
                                                      PubSub::Handler handler) {
    auto entry = std::make_shared<Entry>(Entry{std::string(channel), std::move(handler)});
    {
        std::lock_guard lock(mutex_);
        auto it = channels_.find(channel);
        if (it == channels_.end()) it = channels_.try_emplace(std::string(channel)).first;
        it->second.push_back(entry);
    }
    return std::make_unique<Registration>(shared_from_this(), std::move(entry));
}

void SubscriberRegistry::remove(const std::shared_ptr<Entry>& entry) {
    std::unique_lock lock(mutex_);
    entry->active = false;
    auto it = channels_.find(entry->channel);
    if (it != channels_.end()) {
        std::erase(it->second, entry);
        if (it->second.empty()) channels_.erase(it);
    }
    // A handler that unsubscribes itself must not wait for its own return.
    handler_finished_.wait(lock, [&] {
        return running_ != entry.get() || delivery_thread_ == std::this_thread::get_id();
    });
}

void SubscriberRegistry::deliver(std::string_view channel, std::string_view message) {
    std::vector<std::shared_ptr<Entry>> targets;
    {
        std::lock_guard lock(mutex_);
        auto it = channels_.find(channel);
        if (it == channels_.end()) return;
        targets = it->second;
        delivery_thread_ = std::this_thread::get_id();
    }
    for (const auto& entry : targets) {
        {
            std::lock_guard lock(mutex_);
            if (!entry->active) continue;
            running_ = entry.get();
        }
        try {
            entry->handler(message);
        } catch (const std::exception& error) {
            spdlog::error("pubsub: handler for channel '{}' threw: {}", entry->channel,
                          error.what());
        } catch (...) {
            spdlog::error("pubsub: handler for channel '{}' threw", entry->channel);
        }
        {
            std::lock_guard lock(mutex_);
            running_ = nullptr;
        }
        handler_finished_.notify_all();
    }
}

std::size_t SubscriberRegistry::subscriber_count(std::string_view channel) {
    std::lock_guard lock(mutex_);
    auto it = channels_.find(channel);
    return it == channels_.end() ? 0 : it->second.size();
}

}  // namespace station::shared

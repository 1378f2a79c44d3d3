#pragma once
// In-process notification that a store committed new events, so consumers (the webhook delivery
// worker, later plugins) wake at once instead of polling every store. A notification carries no
// data: consumers read the log by cursor, so a lost or duplicated notification costs latency,
// never an event (the start-up sweep covers events committed before a crash).
//
// Threading: listen() during start-up; events_appended() from any thread. Listeners run on the
// caller's thread and MUST NOT block (they enqueue).

#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace station::tenant {

class EventNotifier {
public:
    using Listener = std::function<void(std::int64_t store_id)>;

    void listen(Listener listener) {
        std::lock_guard lock(mutex_);
        listeners_.push_back(std::move(listener));
    }

    // Call after committing a transaction that appended events.
    void events_appended(std::int64_t store_id) const {
        std::vector<Listener> listeners;
        {
            std::lock_guard lock(mutex_);
            listeners = listeners_;
        }
        for (const Listener& l : listeners)
            l(store_id);
    }

private:
    mutable std::mutex mutex_;
    std::vector<Listener> listeners_;
};

}  // namespace station::tenant

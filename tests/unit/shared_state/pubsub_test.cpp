#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/unit/shared_state/backends.hpp"

using namespace station;
using namespace std::chrono_literals;
using testing::eventually;
using testing::InProcessBackend;
using testing::RedisBackend;

namespace {

// Collects the messages a subscription receives, from the backend's delivery thread.
class Inbox {
public:
    shared::PubSub::Handler handler() {
        return [this](std::string_view message) {
            std::lock_guard lock(mutex_);
            messages_.emplace_back(message);
        };
    }
    std::vector<std::string> messages() {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    bool has(const std::string& message) {
        std::lock_guard lock(mutex_);
        return std::find(messages_.begin(), messages_.end(), message) != messages_.end();
    }
    bool wait_for_count(std::size_t count) {
        return eventually([&] {
            std::lock_guard lock(mutex_);
            return messages_.size() >= count;
        });
    }

private:
    std::mutex mutex_;
    std::vector<std::string> messages_;
};

}  // namespace

TEMPLATE_TEST_CASE("pubsub: subscribers on two nodes both receive a third node's message",
                   "[pubsub]", InProcessBackend, RedisBackend) {
    TestType backend;
    Inbox first, second;
    auto a = backend.node(0).pubsub().subscribe("domains", first.handler());
    auto b = backend.node(1).pubsub().subscribe("domains", second.handler());
    const std::string message("invalidate shop.example.com\0!", 29);
    backend.node(2).pubsub().publish("domains", message);
    REQUIRE(first.wait_for_count(1));
    REQUIRE(second.wait_for_count(1));
    CHECK(first.messages() == std::vector<std::string>{message});
    CHECK(second.messages() == std::vector<std::string>{message});
}

TEMPLATE_TEST_CASE("pubsub: a node receives its own messages", "[pubsub]", InProcessBackend,
                   RedisBackend) {
    TestType backend;
    Inbox inbox;
    auto subscription = backend.node(0).pubsub().subscribe("self", inbox.handler());
    backend.node(0).pubsub().publish("self", "hello");
    REQUIRE(inbox.wait_for_count(1));
    CHECK(inbox.messages() == std::vector<std::string>{"hello"});
}

TEMPLATE_TEST_CASE("pubsub: channels are independent", "[pubsub]", InProcessBackend, RedisBackend) {
    TestType backend;
    Inbox on_a, on_b;
    auto a = backend.node(0).pubsub().subscribe("a", on_a.handler());
    auto b = backend.node(1).pubsub().subscribe("b", on_b.handler());
    backend.node(2).pubsub().publish("a", "for a");
    backend.node(2).pubsub().publish("b", "for b");
    REQUIRE(on_a.wait_for_count(1));
    REQUIRE(on_b.wait_for_count(1));
    CHECK(on_a.messages() == std::vector<std::string>{"for a"});
    CHECK(on_b.messages() == std::vector<std::string>{"for b"});
}

TEMPLATE_TEST_CASE("pubsub: destroying a subscription stops its delivery", "[pubsub]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    Inbox leaving, staying;
    auto leaver = backend.node(0).pubsub().subscribe("c", leaving.handler());
    auto stayer = backend.node(1).pubsub().subscribe("c", staying.handler());
    backend.node(2).pubsub().publish("c", "1");
    REQUIRE(leaving.wait_for_count(1));
    REQUIRE(staying.wait_for_count(1));

    leaver.reset();
    backend.node(2).pubsub().publish("c", "2");
    REQUIRE(staying.wait_for_count(2));
    // After the destructor returned, the handler is never called again.
    CHECK(leaving.messages() == std::vector<std::string>{"1"});
}

TEMPLATE_TEST_CASE("pubsub: messages from one publisher arrive in order", "[pubsub]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    Inbox inbox;
    auto subscription = backend.node(0).pubsub().subscribe("ordered", inbox.handler());
    std::vector<std::string> sent;
    for (int i = 0; i < 300; ++i) {
        sent.push_back(std::to_string(i));
        backend.node(1).pubsub().publish("ordered", sent.back());
    }
    REQUIRE(inbox.wait_for_count(sent.size()));
    CHECK(inbox.messages() == sent);
}

TEMPLATE_TEST_CASE("pubsub: destroying a subscription waits for its running handler", "[pubsub]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    std::mutex mutex;
    std::condition_variable changed;
    bool handler_started = false;
    bool release_handler = false;
    std::atomic<bool> handler_finished{false};
    auto subscription = backend.node(0).pubsub().subscribe("slow", [&](std::string_view) {
        std::unique_lock lock(mutex);
        handler_started = true;
        changed.notify_all();
        changed.wait(lock, [&] { return release_handler; });
        handler_finished = true;
    });
    backend.node(1).pubsub().publish("slow", "work");
    {
        std::unique_lock lock(mutex);
        REQUIRE(changed.wait_for(lock, 10s, [&] { return handler_started; }));
    }

    std::atomic<bool> destroyed{false};
    bool finished_when_destroyed = false;
    std::thread destroyer([&] {
        subscription.reset();
        finished_when_destroyed = handler_finished;
        destroyed = true;
    });
    // The destructor cannot have returned while the handler is blocked.
    CHECK_FALSE(destroyed);
    {
        std::lock_guard lock(mutex);
        release_handler = true;
    }
    changed.notify_all();
    destroyer.join();
    CHECK(finished_when_destroyed);
}

TEMPLATE_TEST_CASE("pubsub: a handler may destroy its own subscription", "[pubsub]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    std::unique_ptr<shared::Subscription> subscription;
    std::mutex mutex;
    std::atomic<int> calls{0};
    subscription = backend.node(0).pubsub().subscribe("once", [&](std::string_view) {
        ++calls;
        std::lock_guard lock(mutex);
        subscription.reset();
    });
    Inbox witness;
    auto other = backend.node(0).pubsub().subscribe("once", witness.handler());
    backend.node(1).pubsub().publish("once", "1");
    backend.node(1).pubsub().publish("once", "2");
    REQUIRE(witness.wait_for_count(2));
    CHECK(calls == 1);
    std::lock_guard lock(mutex);
    CHECK_FALSE(subscription);
}

TEMPLATE_TEST_CASE("pubsub: a throwing handler does not disturb other subscribers", "[pubsub]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto thrower = backend.node(0).pubsub().subscribe(
        "t", [](std::string_view) { throw std::runtime_error("handler failure"); });
    Inbox inbox;
    auto good = backend.node(0).pubsub().subscribe("t", inbox.handler());
    backend.node(1).pubsub().publish("t", "1");
    backend.node(1).pubsub().publish("t", "2");
    REQUIRE(inbox.wait_for_count(2));
    CHECK(inbox.messages() == std::vector<std::string>{"1", "2"});
}

TEMPLATE_TEST_CASE("pubsub: a handler may subscribe to another channel", "[pubsub]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    Inbox inner_inbox;
    std::mutex mutex;
    std::unique_ptr<shared::Subscription> inner;
    auto outer = backend.node(0).pubsub().subscribe("outer", [&](std::string_view) {
        auto subscription = backend.node(0).pubsub().subscribe("inner", inner_inbox.handler());
        std::lock_guard lock(mutex);
        inner = std::move(subscription);
    });
    backend.node(1).pubsub().publish("outer", "subscribe now");
    REQUIRE(eventually([&] {
        std::lock_guard lock(mutex);
        return inner != nullptr;
    }));
    // From inside a handler the subscription may start a moment after subscribe() returned.
    REQUIRE(eventually([&] {
        backend.node(1).pubsub().publish("inner", "hello");
        return inner_inbox.has("hello");
    }));
}

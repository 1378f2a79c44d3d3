#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/unit/shared_state/backends.hpp"

using namespace station;
using namespace std::chrono_literals;
using testing::InProcessBackend;
using testing::RedisBackend;

TEMPLATE_TEST_CASE("jobs: a queue is first in, first out, and counts its jobs", "[jobs]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& jobs = backend.node(0).jobs();
    CHECK(jobs.size("mail") == 0);
    jobs.push("mail", "a");
    jobs.push("mail", "b");
    jobs.push("mail", std::string("c\0c", 3));
    CHECK(jobs.size("mail") == 3);
    CHECK(jobs.pop("mail", 0ms) == "a");
    CHECK(jobs.pop("mail", 0ms) == "b");
    CHECK(jobs.pop("mail", 1s) == std::string("c\0c", 3));
    CHECK(jobs.size("mail") == 0);
    CHECK_FALSE(jobs.pop("mail", 0ms));
}

TEMPLATE_TEST_CASE("jobs: queues are independent and shared by every node", "[jobs]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    backend.node(0).jobs().push("q1", "one");
    backend.node(0).jobs().push("q2", "two");
    CHECK(backend.node(1).jobs().size("q1") == 1);
    CHECK(backend.node(1).jobs().pop("q2", 0ms) == "two");
    CHECK(backend.node(1).jobs().pop("q1", 0ms) == "one");
}

TEMPLATE_TEST_CASE("jobs: pop waits up to its limit, then returns nothing", "[jobs]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    auto& jobs = backend.node(0).jobs();
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(jobs.pop("empty", 150ms));
    CHECK(std::chrono::steady_clock::now() - start >= 150ms);
    CHECK_THROWS_AS(jobs.pop("empty", -1ms), std::invalid_argument);
}

TEMPLATE_TEST_CASE("jobs: a waiting pop takes a job pushed by another node", "[jobs]",
                   InProcessBackend, RedisBackend) {
    TestType backend;
    std::optional<std::string> taken;
    std::thread consumer([&] { taken = backend.node(0).jobs().pop("wake", 30s); });
    backend.node(1).jobs().push("wake", "job");
    consumer.join();
    CHECK(taken == "job");
}

TEMPLATE_TEST_CASE("jobs: an unbounded wait still takes a pushed job", "[jobs]", InProcessBackend,
                   RedisBackend) {
    TestType backend;
    std::optional<std::string> taken;
    std::thread consumer(
        [&] { taken = backend.node(0).jobs().pop("forever", std::chrono::milliseconds::max()); });
    backend.node(1).jobs().push("forever", "job");
    consumer.join();
    CHECK(taken == "job");
}

TEMPLATE_TEST_CASE("jobs: concurrent consumers each get distinct jobs", "[jobs]", InProcessBackend,
                   RedisBackend) {
    TestType backend;
    std::vector<std::string> pushed;
    for (int i = 0; i < 400; ++i) {
        pushed.push_back("job-" + std::to_string(i));
        backend.node(i % 2).jobs().push("work", pushed.back());
    }
    std::mutex mutex;
    std::vector<std::string> taken;
    std::vector<std::thread> consumers;
    for (int c = 0; c < 4; ++c) {
        consumers.emplace_back([&, c] {
            auto& jobs = backend.node(c % 2).jobs();
            while (auto job = jobs.pop("work", c % 2 == 0 ? 0ms : 20ms)) {
                std::lock_guard lock(mutex);
                taken.push_back(std::move(*job));
            }
        });
    }
    for (auto& consumer : consumers)
        consumer.join();
    std::sort(pushed.begin(), pushed.end());
    std::sort(taken.begin(), taken.end());
    CHECK(taken == pushed);  // every job exactly once
    CHECK(backend.node(0).jobs().size("work") == 0);
}

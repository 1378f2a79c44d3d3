#pragma once
// Periodic housekeeping of a serving platform: close idle store databases, purge stores whose
// soft deletion is older than the retention period, drop expired sessions.
//
// Threading: one background thread between start() and stop().

#include <condition_variable>
#include <mutex>
#include <thread>

namespace station::app {

class Platform;

class Maintenance {
public:
    explicit Maintenance(Platform& platform) : platform_(platform) {}
    ~Maintenance() { stop(); }

    void start();
    void stop();
    // One round of every task (also what the background thread runs).
    void run_once();

private:
    Platform& platform_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
};

}  // namespace station::app

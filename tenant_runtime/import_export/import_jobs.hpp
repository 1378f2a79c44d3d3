#pragma once
// Background product CSV imports with visible progress. submit() records a job in the store's
// database and queues it; one worker thread validates the whole file, then imports it in one
// transaction on a connection of its own (so the store keeps serving reads meanwhile; its other
// writes wait for the import's commit, up to the database's busy timeout). While a job runs,
// status() reports its phase and how many products were written; afterwards the job row holds
// the outcome (counts, or every problem as row, column, message).
//
// Threading: all methods are thread-safe. Jobs run one at a time, in submission order.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <boost/json/object.hpp>

#include "base/util/clock.hpp"
#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/store/store_context.hpp"
#include "tenant_runtime/store/store_runtime.hpp"

namespace station::tenant {

inline constexpr std::size_t kMaxImportBytes = 64 * 1024 * 1024;

class ImportJobs {
public:
    // `on_committed(store_id)` runs after an import commits (wakes event consumers).
    ImportJobs(const util::Clock& clock, std::function<void(std::int64_t)> on_committed);
    ImportJobs(const ImportJobs&) = delete;
    ImportJobs& operator=(const ImportJobs&) = delete;
    ~ImportJobs();

    void start();
    // Finishes the running job. Jobs still queued stay "queued" in their store's database and are
    // marked failed ("interrupted by a restart") when that store next submits an import.
    void stop();

    // Records the job and queues it; returns the job's JSON ({"id","status":"queued",…}).
    boost::json::object submit(std::shared_ptr<StoreRuntime> runtime, const StoreContext& store,
                               const CatalogFormat& format, std::string csv);
    // The job's JSON, live while it runs; nullopt for an unknown id.
    std::optional<boost::json::object> status(StoreRuntime& runtime, std::int64_t job_id);

    // Runs queued jobs on the calling thread until none is left (tests without start()).
    void run_pending();

private:
    struct Job {
        std::int64_t id = 0;
        std::shared_ptr<StoreRuntime> runtime;
        StoreContext store;
        CatalogFormat format;
        std::string csv;
    };
    struct Live {
        std::string status;
        std::int64_t total = 0;
        std::int64_t processed = 0;
    };

    void run();
    void execute(Job& job);
    void set_live(std::int64_t store_id, std::int64_t job_id, const Live& live);

    const util::Clock& clock_;
    std::function<void(std::int64_t)> on_committed_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    std::map<std::pair<std::int64_t, std::int64_t>, Live> live_;  // (store, job) → progress
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace station::tenant

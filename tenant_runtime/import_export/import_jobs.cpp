#include "tenant_runtime/import_export/import_jobs.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "tenant_runtime/catalog/products.hpp"
#include "tenant_runtime/import_export/product_csv.hpp"
#include "tenant_runtime/store/quotas.hpp"

namespace station::tenant {
namespace {

boost::json::array problems_json(const std::vector<CsvProblem>& problems) {
    boost::json::array out;
    for (const auto& p : problems) {
        out.push_back(
            boost::json::object{{"row", p.row}, {"column", p.column}, {"message", p.message}});
    }
    return out;
}

boost::json::object job_json(sql::Database& db, std::int64_t id) {
    auto row = db.query(
        "SELECT id, kind, status, total_rows, processed_rows, errors, summary, created_at, "
        "finished_at FROM import_jobs WHERE id = ?",
        {id});
    if (!row.next()) return {};
    boost::system::error_code ec;
    boost::json::value errors = boost::json::parse(row.text(5), ec);
    if (ec) errors = boost::json::array();
    boost::json::value summary = nullptr;
    if (!row.is_null(6)) {
        summary = boost::json::parse(row.text(6), ec);
        if (ec) summary = nullptr;
    }
    return {
        {"id", row.int64(0)},
        {"kind", row.string(1)},
        {"status", row.string(2)},
        {"total_rows", row.int64(3)},
        {"processed_rows", row.int64(4)},
        {"errors", std::move(errors)},
        {"summary", std::move(summary)},
        {"created_at", util::format_iso8601(row.int64(7))},
        {"finished_at", row.is_null(8) ? boost::json::value(nullptr)
                                       : boost::json::value(util::format_iso8601(row.int64(8)))}};
}

void finish(sql::Database& db, std::int64_t id, std::string_view status, std::int64_t total,
            std::int64_t processed, const std::vector<CsvProblem>& problems,
            const boost::json::object& summary, std::int64_t now) {
    db.run(
        "UPDATE import_jobs SET status = ?, total_rows = ?, processed_rows = ?, errors = ?, "
        "summary = ?, finished_at = ? WHERE id = ?",
        {status, total, processed, boost::json::serialize(problems_json(problems)),
         boost::json::serialize(summary), now, id});
}

}  // namespace

ImportJobs::ImportJobs(const util::Clock& clock, std::function<void(std::int64_t)> on_committed)
    : clock_(clock), on_committed_(std::move(on_committed)) {}

ImportJobs::~ImportJobs() {
    stop();
}

void ImportJobs::start() {
    std::lock_guard lock(mutex_);
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void ImportJobs::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

boost::json::object ImportJobs::submit(std::shared_ptr<StoreRuntime> runtime,
                                       const StoreContext& store, const CatalogFormat& format,
                                       std::string csv) {
    std::int64_t now = clock_.unix_seconds();
    std::string live_ids = "[";
    {
        std::lock_guard lock(mutex_);
        for (const auto& [key, live] : live_) {
            if (key.first == runtime->store_id()) {
                live_ids += (live_ids.size() > 1 ? "," : "") + std::to_string(key.second);
            }
        }
    }
    live_ids += "]";
    std::int64_t id = runtime->with_db([&](sql::Database& db) {
        // Jobs left queued or running by a process that stopped will never finish.
        db.run(
            "UPDATE import_jobs SET status = 'failed', finished_at = ?, "
            "errors = '[{\"row\":0,\"column\":\"\",\"message\":\"interrupted by a restart\"}]' "
            "WHERE status IN ('queued', 'validating', 'importing') AND id NOT IN "
            "(SELECT value FROM json_each(?))",
            {now, live_ids});
        return db
            .run(
                "INSERT INTO import_jobs(kind, status, created_at) VALUES ('products', 'queued', "
                "?)",
                {now})
            .last_insert_rowid;
    });
    {
        std::lock_guard lock(mutex_);
        live_[{runtime->store_id(), id}] = Live{"queued", 0, 0};
        queue_.push_back(Job{id, runtime, store, format, std::move(csv)});
    }
    wake_.notify_one();
    auto json = runtime->with_db([&](sql::Database& db) { return job_json(db, id); });
    return json;
}

std::optional<boost::json::object> ImportJobs::status(StoreRuntime& runtime, std::int64_t job_id) {
    std::optional<Live> live;
    {
        std::lock_guard lock(mutex_);
        if (auto it = live_.find({runtime.store_id(), job_id}); it != live_.end())
            live = it->second;
    }
    boost::json::object json =
        runtime.with_db([&](sql::Database& db) { return job_json(db, job_id); });
    if (json.empty()) return std::nullopt;
    if (live) {
        json["status"] = live->status;
        json["total_rows"] = live->total;
        json["processed_rows"] = live->processed;
    }
    return json;
}

void ImportJobs::set_live(std::int64_t store_id, std::int64_t job_id, const Live& live) {
    std::lock_guard lock(mutex_);
    live_[{store_id, job_id}] = live;
}

void ImportJobs::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (queue_.empty()) {
            wake_.wait(lock);
            continue;
        }
        Job job = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        execute(job);
        lock.lock();
    }
}

void ImportJobs::run_pending() {
    for (;;) {
        Job job;
        {
            std::lock_guard lock(mutex_);
            if (queue_.empty()) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        execute(job);
    }
}

void ImportJobs::execute(Job& job) {
    std::int64_t store_id = job.runtime->store_id();
    set_live(store_id, job.id, {"validating", 0, 0});
    ImportPlan plan = plan_product_import(job.csv, job.format.currency_exponent);
    auto total = static_cast<std::int64_t>(plan.products.size());
    boost::json::object summary{
        {"rows", plan.rows}, {"products", total}, {"ignored_image_urls", plan.ignored_images}};
    std::vector<CsvProblem> problems = plan.problems;
    std::int64_t processed = 0;
    std::string status = "failed";
    try {
        // A connection of its own, so the long transaction does not hold the store's mutex.
        sql::Database db = sql::Database::open(job.runtime->directory() / "store.db");
        if (problems.empty()) {
            std::int64_t current = db.query_int64("SELECT count(*) FROM products").value_or(0);
            std::int64_t adding = 0;
            for (const auto& p : plan.products) {
                if (!db.query_int64("SELECT 1 FROM products WHERE handle = ?", {p.handle}))
                    ++adding;
            }
            if (auto quota = product_quota_problem(current, adding, job.store)) {
                problems.push_back({0, "", *quota});
            }
        }
        if (problems.empty()) {
            set_live(store_id, job.id, {"importing", total, 0});
            ImportOutcome outcome = apply_product_import(
                db, plan, clock_.unix_seconds(), job.format, [&](std::size_t done) {
                    processed = static_cast<std::int64_t>(done);
                    set_live(store_id, job.id, {"importing", total, processed});
                });
            problems = outcome.problems;
            if (problems.empty()) {
                status = "completed";
                summary["created"] = outcome.created;
                summary["updated"] = outcome.updated;
                job.runtime->note_change();
                if (on_committed_) on_committed_(store_id);
            }
        }
    } catch (const std::exception& e) {
        spdlog::error("import job {} of store {} failed: {}", job.id, store_id, e.what());
        problems.push_back({0, "", std::string("the import failed: ") + e.what()});
    }
    if (status != "completed") processed = 0;
    std::int64_t now = clock_.unix_seconds();
    job.runtime->with_db([&](sql::Database& db) {
        finish(db, job.id, status, total, processed, problems, summary, now);
    });
    std::lock_guard lock(mutex_);
    live_.erase({store_id, job.id});
}

}  // namespace station::tenant

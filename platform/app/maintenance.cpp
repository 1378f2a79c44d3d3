#include "platform/app/maintenance.hpp"

#include <spdlog/spdlog.h>

#include "platform/app/platform.hpp"
#include "platform/control_plane/platform_db.hpp"
#include "platform/control_plane/session_repository.hpp"
#include "platform/stores/store_operations.hpp"
#include "tenant_runtime/store/store_pool.hpp"

namespace station::app {
namespace {

constexpr auto kInterval = std::chrono::seconds(30);

}  // namespace

void Maintenance::start() {
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, kInterval, [this] { return stopping_; })) {
            lock.unlock();
            run_once();
            lock.lock();
        }
    });
}

void Maintenance::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Maintenance::run_once() {
    try {
        if (std::size_t closed = platform_.store_pool().close_idle()) {
            spdlog::info("closed {} idle stores", closed);
        }
        auto retention = std::chrono::hours(24) * platform_.config().deleted_store_retention_days;
        platform_.operations().purge_deleted(
            std::chrono::duration_cast<std::chrono::seconds>(retention), "system");
        std::int64_t now = platform_.clock().unix_seconds();
        platform_.platform_db().with(
            [&](sql::Database& db) { control::SessionRepository(db).erase_expired(now); });
    } catch (const std::exception& e) {
        spdlog::error("maintenance failed: {}", e.what());
    }
}

}  // namespace station::app

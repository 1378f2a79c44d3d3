#include "tenant_runtime/store/store_runtime.hpp"

#include <system_error>

#include "base/sqlite/migrations.hpp"
#include "tenant_runtime/store/store_schema.hpp"

namespace station::tenant {
namespace {

constexpr auto kStorageCacheTtl = std::chrono::seconds(5);

std::int64_t size_of_tree(const std::filesystem::path& root) {
    std::error_code ec;
    std::int64_t total = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += static_cast<std::int64_t>(it->file_size(ec));
    }
    return total;
}

}  // namespace

std::unique_ptr<StoreRuntime> StoreRuntime::open(std::int64_t store_id,
                                                 std::filesystem::path directory,
                                                 sql::Synchronous synchronous) {
    std::filesystem::create_directories(directory);
    sql::OpenOptions options;
    options.synchronous = synchronous;
    sql::Database db = sql::Database::open(directory / "store.db", options);
    sql::migrate(db, store_migrations());
    return std::unique_ptr<StoreRuntime>(
        new StoreRuntime(store_id, std::move(directory), std::move(db)));
}

std::int64_t StoreRuntime::storage_bytes() {
    std::lock_guard lock(storage_mutex_);
    auto now = std::chrono::steady_clock::now();
    if (storage_bytes_ < 0 || now - storage_measured_at_ > kStorageCacheTtl) {
        storage_bytes_ = size_of_tree(directory_);
        storage_measured_at_ = now;
    }
    return storage_bytes_;
}

void StoreRuntime::checkpoint() {
    with_db([](sql::Database& db) { db.exec_script("PRAGMA wal_checkpoint(TRUNCATE)"); });
}

}  // namespace station::tenant

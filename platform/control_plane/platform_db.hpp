#pragma once
// The control-plane database (data-dir/platform.db): opened and migrated once per process.
//
// Threading: with() serializes use of the single connection; repositories are cheap views over
// the sql::Database it hands out and must not escape the callback. Other processes (operator
// CLI commands) may write the same file concurrently; data_version() tells when they did.

#include <filesystem>
#include <mutex>

#include "base/sqlite/database.hpp"

namespace station::control {

class PlatformDb {
public:
    // Opens (creating) data_dir/platform.db and applies pending migrations. Throws sql::Error.
    explicit PlatformDb(const std::filesystem::path& data_dir);

    template <typename Fn>
    decltype(auto) with(Fn&& fn) {
        std::lock_guard lock(mutex_);
        return fn(db_);
    }

    // Changes when another connection (process) commits to platform.db.
    std::int64_t external_data_version();

private:
    std::mutex mutex_;
    sql::Database db_;
};

}  // namespace station::control

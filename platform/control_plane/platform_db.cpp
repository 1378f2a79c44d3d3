#include "platform/control_plane/platform_db.hpp"

#include "base/sqlite/migrations.hpp"
#include "platform/control_plane/schema.hpp"

namespace station::control {
namespace {

sql::Database open_platform_db(const std::filesystem::path& data_dir) {
    std::filesystem::create_directories(data_dir);
    sql::Database db = sql::Database::open(data_dir / "platform.db");
    sql::migrate(db, platform_migrations());
    return db;
}

}  // namespace

PlatformDb::PlatformDb(const std::filesystem::path& data_dir) : db_(open_platform_db(data_dir)) {}

std::int64_t PlatformDb::external_data_version() {
    std::lock_guard lock(mutex_);
    return db_.data_version();
}

}  // namespace station::control

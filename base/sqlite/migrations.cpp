#include "base/sqlite/migrations.hpp"

#include <string>

namespace station::sql {

int schema_version(Database& db) {
    return static_cast<int>(db.query_int64("PRAGMA user_version").value_or(0));
}

int migrate_to(Database& db, std::span<const Migration> migrations, int target_version) {
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != static_cast<int>(i) + 1) {
            throw Error(SQLITE_MISUSE, "migration list is not numbered 1..N at '" +
                                           std::string(migrations[i].name) + "'");
        }
    }
    const int latest = static_cast<int>(migrations.size());
    int current = schema_version(db);
    if (current > latest) {
        throw SchemaTooNewError(
            SQLITE_MISUSE, db.path().string() + " has schema version " + std::to_string(current) +
                               ", newer than this build's " + std::to_string(latest));
    }
    for (const Migration& m : migrations) {
        if (m.version <= current || m.version > target_version) continue;
        Transaction tx(db);
        try {
            db.exec_script(m.sql);
        } catch (const Error& e) {
            throw Error(e.code(), "migration " + std::to_string(m.version) + " (" +
                                      std::string(m.name) + "): " + e.what());
        }
        db.exec_script("PRAGMA user_version=" + std::to_string(m.version));
        tx.commit();
        current = m.version;
    }
    return current;
}

int migrate(Database& db, std::span<const Migration> migrations) {
    return migrate_to(db, migrations, static_cast<int>(migrations.size()));
}

}  // namespace station::sql

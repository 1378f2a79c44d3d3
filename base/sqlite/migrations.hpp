#pragma once
// Forward-only, versioned schema migrations recorded in PRAGMA user_version.
//
// A schema is a list of migrations numbered 1..N in order. migrate() applies every migration whose
// version is above the file's user_version, each in its own transaction together with the
// user_version bump, so a crash leaves the file at a whole version. A file whose version is above N
// was written by a newer Station and is refused rather than touched.

#include <span>
#include <string_view>

#include "base/sqlite/database.hpp"

namespace station::sql {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

class SchemaTooNewError : public Error {
public:
    using Error::Error;
};

// Applies pending migrations; returns the resulting version (the last migration's number).
// Throws SchemaTooNewError if the file is newer than `migrations`, sql::Error on any failure.
// Precondition: `migrations` is numbered 1..N without gaps (checked; violations throw).
int migrate(Database& db, std::span<const Migration> migrations);

// Applies migrations up to and including `target_version` only (used by upgrade tests).
int migrate_to(Database& db, std::span<const Migration> migrations, int target_version);

int schema_version(Database& db);

}  // namespace station::sql

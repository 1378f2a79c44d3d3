#pragma once
// Checks a migration list the way its users meet it: from an empty file, and from a file left at
// every earlier version by an older Station.

#include <span>
#include <string>

#include "base/sqlite/database.hpp"
#include "base/sqlite/migrations.hpp"

namespace station::testing {

// Every table, index, view and trigger with its SQL, sorted: two databases with equal schemas
// give equal strings.
std::string schema_of(sql::Database& db);

// REQUIREs that for every k in 0..N, a file migrated to k and then to N has the schema of a file
// migrated from empty, and ends at version N.
void check_upgrades_from_every_version(std::span<const sql::Migration> migrations);

}  // namespace station::testing

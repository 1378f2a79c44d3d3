#pragma once
// The versioned schema of a store's own database (tenants/<id>/store.db). Append new migrations;
// never edit a released one (tests/unit/tenant_runtime/store_schema_test upgrades from every
// earlier version).

#include <span>

#include "base/sqlite/migrations.hpp"

namespace station::tenant {

std::span<const sql::Migration> store_migrations();

}  // namespace station::tenant

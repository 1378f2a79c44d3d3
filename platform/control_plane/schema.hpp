#pragma once
// The versioned schema of the control-plane database (data-dir/platform.db). Append new
// migrations; never edit a released one (tests upgrade from every earlier version).

#include <span>

#include "base/sqlite/migrations.hpp"

namespace station::control {

std::span<const sql::Migration> platform_migrations();

}  // namespace station::control

#include "platform/control_plane/schema.hpp"

#include <catch2/catch.hpp>

#include "tests/support/schema_checks.hpp"

TEST_CASE("platform.db migrates from empty and from every earlier version") {
    station::testing::check_upgrades_from_every_version(station::control::platform_migrations());
}

#pragma once
// Process-wide logging setup. Code logs through spdlog directly (spdlog::info, …); this only
// chooses the sinks and format once at start-up.

#include <string>

namespace station::log {

struct LogOptions {
    std::string level = "info";  // trace, debug, info, warn, error, critical, off
};

// Configures the default spdlog logger (stderr). Throws std::invalid_argument on a bad level.
void init_logging(const LogOptions& options);

}  // namespace station::log

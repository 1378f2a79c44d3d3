#include "base/log/logging.hpp"

#include <stdexcept>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace station::log {

void init_logging(const LogOptions& options) {
    auto level = spdlog::level::from_str(options.level);
    if (level == spdlog::level::off && options.level != "off") {
        throw std::invalid_argument("unknown log level '" + options.level + "'");
    }
    auto logger = spdlog::stderr_color_mt("station");
    logger->set_level(level);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
    spdlog::set_default_logger(logger);
}

}  // namespace station::log

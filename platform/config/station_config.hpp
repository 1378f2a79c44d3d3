#pragma once
// Settings of `station serve` and the operator commands, from four layers with this precedence:
// command-line flags > STATION_* environment variables > config file > built-in defaults.
//
// One table of settings serves every layer: flag `--data-dir`, environment `STATION_DATA_DIR`,
// config-file key `data_dir` (or `data-dir`). The config file is `key = value` lines with `#`
// comments; values may be double-quoted. It is named by `--config FILE` or STATION_CONFIG.
//
// Errors throw ConfigError with the source and position ("station.conf:12: unknown setting
// 'liste'", "--port: expected an integer").

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace station::config {

class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct StationConfig {
    // Serving
    std::string listen = "0.0.0.0:8080";
    unsigned threads = 0;  // 0: one per core
    std::filesystem::path data_dir = "./var";
    std::string platform_domain = "localhost";
    std::string redis_url;  // empty: in-process shared state
    bool demo = false;      // create the demo merchant and store on start
    bool dev = false;       // loopback webhook/verification targets, plain-HTTP cookies
    // HTTP limits
    std::size_t max_connections = 10'000;
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_body_bytes = 8 * 1024 * 1024;
    int header_timeout_ms = 10'000;
    int idle_timeout_ms = 75'000;
    bool trust_forwarded_headers = false;
    bool access_log = true;
    std::string log_level = "info";
    // Admin API leaky bucket per access token (Shopify: 40 calls, leaking 2 per second).
    int admin_api_call_limit = 40;
    // Stores
    std::size_t max_open_stores = 0;  // 0: derived from the descriptor limit
    int store_idle_seconds = 600;
    std::string durability = "full";  // store databases: "full" or "normal" (WAL synchronous)
    int deleted_store_retention_days = 30;
    // Accounts
    std::string password_cost = "interactive";  // "minimum" only for test suites
    int login_attempts_per_minute = 10;
    int signups_per_hour = 30;
    // Custom domain verification
    std::vector<std::string> dns_servers;  // "127.0.0.1:5353"; empty: /etc/resolv.conf
    int http_challenge_port = 80;
    // Webhooks
    unsigned webhook_workers = 2;  // delivery threads shared by every store
    // Seconds to wait after each failed attempt, comma-separated ("15,30,60"); empty: the
    // documented default (19 tries over about two days, docs/webhooks.md).
    std::string webhook_retry_schedule;
};

// Parses flags (argv after the subcommand) and everything beneath them. Non-flag arguments are
// returned in `positional`. `environment` is `environ`-style ("NAME=value").
StationConfig load_config(const std::vector<std::string>& args,
                          const std::vector<std::string>& environment,
                          std::vector<std::string>* positional = nullptr);

// The flags load_config accepts, one per line with a short description, for usage texts.
std::string describe_settings();

}  // namespace station::config

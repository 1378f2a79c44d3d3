#include "platform/config/station_config.hpp"

#include <charconv>
#include <fstream>
#include <functional>
#include <optional>

#include "base/util/strings.hpp"

namespace station::config {
namespace {

enum class Kind { Text, Unsigned, Integer, Flag, List };

struct Setting {
    std::string_view name;  // flag spelling, without "--"
    Kind kind;
    std::string_view help;
    std::function<void(StationConfig&, const std::string&)> set_text;
    std::function<void(StationConfig&, long long)> set_number;
    std::function<void(StationConfig&, bool)> set_flag;
};

template <typename T>
Setting text(std::string_view name, T StationConfig::*field, std::string_view help) {
    return {name,    Kind::Text,
            help,    [field](StationConfig& c, const std::string& v) { c.*field = v; },
            nullptr, nullptr};
}

template <typename T>
Setting number(std::string_view name, T StationConfig::*field, std::string_view help,
               bool allow_negative = false) {
    return {name,
            allow_negative ? Kind::Integer : Kind::Unsigned,
            help,
            nullptr,
            [field](StationConfig& c, long long v) { c.*field = static_cast<T>(v); },
            nullptr};
}

Setting flag(std::string_view name, bool StationConfig::*field, std::string_view help) {
    return {name,    Kind::Flag, help,
            nullptr, nullptr,    [field](StationConfig& c, bool v) { c.*field = v; }};
}

const std::vector<Setting>& settings() {
    static const std::vector<Setting> table = {
        text("listen", &StationConfig::listen, "ADDR:PORT to listen on (0.0.0.0:8080)"),
        number("threads", &StationConfig::threads, "I/O threads; 0 = one per core"),
        text("data-dir", &StationConfig::data_dir, "where platform.db and tenants/ live (./var)"),
        text("platform-domain", &StationConfig::platform_domain,
             "stores are <handle>.<platform-domain> (localhost)"),
        text("redis", &StationConfig::redis_url,
             "redis://host:port shared state for several nodes"),
        flag("demo", &StationConfig::demo, "create the demo merchant and store"),
        flag("dev", &StationConfig::dev,
             "development mode: loopback targets, plain-HTTP cookies (never in production)"),
        number("max-connections", &StationConfig::max_connections, "open connection cap"),
        number("max-header-bytes", &StationConfig::max_header_bytes, "request header size cap"),
        number("max-body-bytes", &StationConfig::max_body_bytes, "request body size cap"),
        number("header-timeout-ms", &StationConfig::header_timeout_ms, "time to send headers"),
        number("idle-timeout-ms", &StationConfig::idle_timeout_ms, "keep-alive idle timeout"),
        flag("trust-forwarded-headers", &StationConfig::trust_forwarded_headers,
             "take client address and scheme from X-Forwarded-* (behind a proxy only)"),
        flag("access-log", &StationConfig::access_log, "log every request (on)"),
        text("log-level", &StationConfig::log_level, "trace|debug|info|warn|error|off"),
        number("admin-api-call-limit", &StationConfig::admin_api_call_limit,
               "Admin API bucket size per token, leaking 2 calls/s (40, as Shopify)"),
        number("max-open-stores", &StationConfig::max_open_stores,
               "open store cap; 0 = from the descriptor limit"),
        number("store-idle-seconds", &StationConfig::store_idle_seconds,
               "close a store's database after this long unused"),
        text("durability", &StationConfig::durability,
             "store commits: full (power-loss safe) or normal (crash safe)"),
        number("deleted-store-retention-days", &StationConfig::deleted_store_retention_days,
               "purge soft-deleted stores after this many days"),
        text("password-cost", &StationConfig::password_cost,
             "argon2id cost: interactive, or minimum for test suites"),
        number("login-attempts-per-minute", &StationConfig::login_attempts_per_minute,
               "per client address"),
        number("signups-per-hour", &StationConfig::signups_per_hour, "per client address"),
        {"dns-server", Kind::List, "resolver for domain verification (repeatable) ADDR:PORT",
         [](StationConfig& c, const std::string& v) { c.dns_servers.push_back(v); }, nullptr,
         nullptr},
        number("http-challenge-port", &StationConfig::http_challenge_port,
               "port of HTTP domain-verification fetches (80)"),
        number("webhook-workers", &StationConfig::webhook_workers,
               "webhook delivery threads shared by all stores (2)"),
        text("webhook-retry-schedule", &StationConfig::webhook_retry_schedule,
             "seconds between webhook retries, e.g. 15,30,60; empty = the default schedule"),
    };
    return table;
}

const Setting* find_setting(std::string_view name) {
    for (const auto& s : settings()) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

std::string to_flag_name(std::string_view key) {
    std::string name = util::to_lower(key);
    for (char& c : name) {
        if (c == '_') c = '-';
    }
    return name;
}

std::optional<bool> parse_bool(std::string_view v) {
    if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off") return false;
    return std::nullopt;
}

// Applies one textual value to a setting; `where` prefixes error messages.
void apply(StationConfig& config, const Setting& s, const std::string& value,
           const std::string& where) {
    switch (s.kind) {
        case Kind::Text:
        case Kind::List:
            s.set_text(config, value);
            return;
        case Kind::Flag: {
            auto b = parse_bool(value);
            if (!b) throw ConfigError(where + ": expected true or false, got '" + value + "'");
            s.set_flag(config, *b);
            return;
        }
        case Kind::Unsigned:
        case Kind::Integer: {
            long long n = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || end != value.data() + value.size() ||
                (s.kind == Kind::Unsigned && n < 0)) {
                throw ConfigError(
                    where + ": expected " +
                    (s.kind == Kind::Unsigned ? "a non-negative integer" : "an integer") +
                    ", got '" + value + "'");
            }
            s.set_number(config, n);
            return;
        }
    }
}

void apply_file(StationConfig& config, const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw ConfigError(path.string() + ": cannot open config file");
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::string where = path.string() + ":" + std::to_string(number);
        std::string_view content = util::trim(line);
        if (content.empty() || content.front() == '#') continue;
        std::size_t eq = content.find('=');
        if (eq == std::string_view::npos) throw ConfigError(where + ": expected 'key = value'");
        std::string key = to_flag_name(util::trim(content.substr(0, eq)));
        std::string_view value = util::trim(content.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        const Setting* s = find_setting(key);
        if (!s) throw ConfigError(where + ": unknown setting '" + key + "'");
        apply(config, *s, std::string(value), where);
    }
}

}  // namespace

StationConfig load_config(const std::vector<std::string>& args,
                          const std::vector<std::string>& environment,
                          std::vector<std::string>* positional) {
    // Flags are parsed first (to find --config) but applied last (highest precedence).
    std::vector<std::pair<const Setting*, std::string>> flag_values;
    std::optional<std::string> config_file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (!arg.starts_with("--")) {
            if (!positional) throw ConfigError("unexpected argument '" + arg + "'");
            positional->push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (name == "config") {
            if (!value && i + 1 < args.size()) value = args[++i];
            if (!value) throw ConfigError("--config: expected a file name");
            config_file = *value;
            continue;
        }
        bool negated = false;
        const Setting* s = find_setting(name);
        if (!s && name.starts_with("no-")) {
            s = find_setting(name.substr(3));
            negated = s && s->kind == Kind::Flag;
            if (!negated) s = nullptr;
        }
        if (!s) throw ConfigError("--" + name + ": unknown option");
        if (s->kind == Kind::Flag && !value) value = negated ? "false" : "true";
        if (!value) {
            if (i + 1 >= args.size()) throw ConfigError("--" + name + ": expected a value");
            value = args[++i];
        }
        flag_values.emplace_back(s, *value);
    }

    StationConfig config;
    struct EnvValue {
        const Setting* setting;
        std::string value;
        std::string variable;
    };
    std::vector<EnvValue> env_values;
    for (const std::string& entry : environment) {
        if (!entry.starts_with("STATION_")) continue;
        std::size_t eq = entry.find('=');
        if (eq == std::string::npos) continue;
        std::string key = entry.substr(8, eq - 8);
        std::string value = entry.substr(eq + 1);
        if (key == "CONFIG") {
            if (!config_file) config_file = value;
            continue;
        }
        if (const Setting* s = find_setting(to_flag_name(key))) {
            env_values.push_back({s, value, entry.substr(0, eq)});
        }
    }
    if (config_file) apply_file(config, *config_file);
    for (const auto& [s, value, variable] : env_values) {
        if (s->kind == Kind::List) {
            for (auto part : util::split(value, ',')) {
                apply(config, *s, std::string(util::trim(part)), variable);
            }
        } else {
            apply(config, *s, value, variable);
        }
    }
    for (const auto& [s, value] : flag_values)
        apply(config, *s, value, "--" + std::string(s->name));

    if (config.durability != "full" && config.durability != "normal") {
        throw ConfigError("durability: expected full or normal, got '" + config.durability + "'");
    }
    if (config.password_cost != "interactive" && config.password_cost != "minimum") {
        throw ConfigError("password-cost: expected interactive or minimum");
    }
    return config;
}

std::string describe_settings() {
    std::string out;
    for (const auto& s : settings()) {
        std::string flag = "  --" + std::string(s.name);
        if (s.kind != Kind::Flag) flag += " VALUE";
        if (flag.size() < 34) flag.append(34 - flag.size(), ' ');
        out += flag + std::string(s.help) + "\n";
    }
    out += "  --config FILE                   read settings from FILE (key = value lines)\n";
    return out;
}

}  // namespace station::config

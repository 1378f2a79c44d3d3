#include "tenant_runtime/plugins/manifest/manifest.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>

#include <boost/json/parse.hpp>
#include <station/plugin.h>

#include "base/util/strings.hpp"
#include "tenant_runtime/plugins/manifest/catalog.hpp"

namespace station::plugins {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxManifestBytes = 256 * 1024;
constexpr std::int64_t kMaxMemoryMb = 4096;
constexpr std::int64_t kMinMemoryMb = 32;

bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool valid_plugin_id(std::string_view id) {
    if (id.size() < 2 || id.size() > 63) return false;
    if (id.front() < 'a' || id.front() > 'z' || id.back() == '-') return false;
    if (id.find("--") != std::string_view::npos) return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return is_lower_alnum(c) || c == '-'; });
}

bool valid_number_part(std::string_view part) {
    if (part.empty() || part.size() > 9) return false;
    if (part.size() > 1 && part.front() == '0') return false;
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// MAJOR.MINOR.PATCH with an optional -prerelease of [0-9A-Za-z.-].
bool valid_version(std::string_view version) {
    if (version.size() > 64) return false;
    std::string_view core = version;
    if (auto dash = version.find('-'); dash != std::string_view::npos) {
        std::string_view pre = version.substr(dash + 1);
        if (pre.empty() || !std::all_of(pre.begin(), pre.end(), [](char c) {
                return is_lower_alnum(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
            })) {
            return false;
        }
        core = version.substr(0, dash);
    }
    auto parts = util::split(core, '.');
    return parts.size() == 3 && std::all_of(parts.begin(), parts.end(), valid_number_part);
}

bool valid_topic_pattern(std::string_view topic) {
    if (topic == "*") return true;
    auto slash = topic.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == topic.size()) return false;
    auto word = [](std::string_view w) {
        return std::all_of(w.begin(), w.end(),
                           [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
    };
    std::string_view resource = topic.substr(0, slash);
    std::string_view action = topic.substr(slash + 1);
    return word(resource) && (action == "*" || word(action));
}

// A DNS name of lower-case labels, optionally "*." in front.
bool valid_egress_host(std::string_view host) {
    if (host.starts_with("*.")) host.remove_prefix(2);
    if (host.empty() || host.size() > 253) return false;
    auto labels = util::split(host, '.');
    if (labels.size() < 2) return false;
    return std::all_of(labels.begin(), labels.end(), [](std::string_view label) {
        return !label.empty() && label.size() <= 63 && label.front() != '-' &&
               label.back() != '-' && std::all_of(label.begin(), label.end(), [](char c) {
                   return is_lower_alnum(c) || c == '-';
               });
    });
}

bool valid_config_key(std::string_view key) {
    return !key.empty() && key.size() <= 64 && key.front() >= 'a' && key.front() <= 'z' &&
           std::all_of(key.begin(), key.end(),
                       [](char c) { return is_lower_alnum(c) || c == '_'; });
}

bool valid_library_name(std::string_view name) {
    return !name.empty() && name.size() <= 255 && name.ends_with(".so") &&
           name.find('/') == std::string_view::npos && name != "." && name != ".." &&
           name.find('\0') == std::string_view::npos;
}

// Reads one document, collecting problems with their JSON paths.
class Reader {
public:
    explicit Reader(std::vector<ManifestProblem>& problems) : problems_(problems) {}

    void problem(std::string path, std::string message) {
        problems_.push_back({std::move(path), std::move(message)});
    }

    // The object's keys must all be in `known`.
    void only_keys(const json::object& object, const std::string& path,
                   std::initializer_list<std::string_view> known) {
        for (const auto& entry : object) {
            if (std::find(known.begin(), known.end(), entry.key()) == known.end()) {
                problem(join(path, entry.key()), "unknown key");
            }
        }
    }

    std::optional<std::string> string(const json::object& object, const std::string& path,
                                      std::string_view key, bool required, std::size_t max_len) {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) problem(join(path, key), "is required");
            return std::nullopt;
        }
        if (!it->value().is_string()) {
            problem(join(path, key), "must be a string");
            return std::nullopt;
        }
        std::string value(it->value().as_string());
        if (required && util::trim(value).empty()) {
            problem(join(path, key), "must not be empty");
            return std::nullopt;
        }
        if (value.size() > max_len) {
            problem(join(path, key), "must be at most " + std::to_string(max_len) + " bytes");
            return std::nullopt;
        }
        return value;
    }

    std::vector<std::string> strings(const json::object& object, const std::string& path,
                                     std::string_view key, std::size_t max_items) {
        std::vector<std::string> out;
        auto it = object.find(key);
        if (it == object.end()) return out;
        if (!it->value().is_array()) {
            problem(join(path, key), "must be an array of strings");
            return out;
        }
        const json::array& items = it->value().as_array();
        if (items.size() > max_items) {
            problem(join(path, key), "must have at most " + std::to_string(max_items) + " items");
            return out;
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (!items[i].is_string()) {
                problem(index(join(path, key), i), "must be a string");
                continue;
            }
            out.emplace_back(items[i].as_string());
        }
        return out;
    }

    const json::object* object(const json::object& parent, const std::string& path,
                               std::string_view key) {
        auto it = parent.find(key);
        if (it == parent.end()) return nullptr;
        if (!it->value().is_object()) {
            problem(join(path, key), "must be an object");
            return nullptr;
        }
        return &it->value().as_object();
    }

    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }
    static std::string index(const std::string& path, std::size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

private:
    std::vector<ManifestProblem>& problems_;
};

void read_services(Reader& r, const json::object& root, Manifest& m) {
    const json::object* services = r.object(root, "", "services");
    if (!services) return;
    r.only_keys(*services, "services", {"required", "optional"});
    m.required_services = r.strings(*services, "services", "required", 32);
    m.optional_services = r.strings(*services, "services", "optional", 32);
    auto check = [&](const std::vector<std::string>& list, const char* key) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!find_service(list[i])) {
                r.problem(Reader::index(std::string("services.") + key, i),
                          "unknown service '" + list[i] + "'");
            }
        }
    };
    check(m.required_services, "required");
    check(m.optional_services, "optional");
}

void read_scopes(Reader& r, const json::object& root, Manifest& m) {
    const json::object* scopes = r.object(root, "", "scopes");
    if (!scopes) return;
    r.only_keys(*scopes, "scopes", {"required", "optional"});
    m.required_scopes = r.strings(*scopes, "scopes", "required", 16);
    m.optional_scopes = r.strings(*scopes, "scopes", "optional", 16);
    auto check = [&](const std::vector<std::string>& list, const char* key) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!is_plugin_scope(list[i])) {
                r.problem(Reader::index(std::string("scopes.") + key, i),
                          "unknown scope '" + list[i] + "'");
            }
        }
    };
    check(m.required_scopes, "required");
    check(m.optional_scopes, "optional");
}

void read_hooks(Reader& r, const json::object& root, Manifest& m) {
    auto it = root.find("hooks");
    if (it == root.end()) return;
    if (!it->value().is_array()) {
        r.problem("hooks", "must be an array");
        return;
    }
    const json::array& hooks = it->value().as_array();
    std::set<std::string> seen;
    for (std::size_t i = 0; i < hooks.size(); ++i) {
        std::string path = Reader::index("hooks", i);
        if (!hooks[i].is_object()) {
            r.problem(path, "must be an object");
            continue;
        }
        const json::object& hook = hooks[i].as_object();
        r.only_keys(hook, path, {"name", "deadline_ms", "failure_policy"});
        HookDeclaration declaration;
        auto name = r.string(hook, path, "name", true, 64);
        if (!name) continue;
        const HookInfo* info = find_hook(*name);
        if (!info) {
            r.problem(path + ".name", "unknown hook '" + *name + "'");
            continue;
        }
        if (!seen.insert(*name).second) {
            r.problem(path + ".name", "hook '" + *name + "' is declared twice");
            continue;
        }
        declaration.name = *name;
        declaration.deadline = info->default_deadline;
        if (auto d = hook.find("deadline_ms"); d != hook.end()) {
            if (!d->value().is_int64() || d->value().as_int64() < 1 ||
                d->value().as_int64() > info->max_deadline.count()) {
                r.problem(path + ".deadline_ms", "must be an integer from 1 to " +
                                                     std::to_string(info->max_deadline.count()));
            } else {
                declaration.deadline = std::chrono::milliseconds(d->value().as_int64());
            }
        }
        auto policy = r.string(hook, path, "failure_policy", false, 16);
        if (policy && *policy == "reject") {
            declaration.failure_policy = FailurePolicy::Reject;
        } else if (policy && *policy != "skip") {
            r.problem(path + ".failure_policy", "must be \"skip\" or \"reject\"");
        }
        m.hooks.push_back(std::move(declaration));
    }
}

void read_http(Reader& r, const json::object& root, Manifest& m) {
    const json::object* http = r.object(root, "", "http");
    if (!http) return;
    r.only_keys(*http, "http", {"storefront", "admin", "webhook"});
    auto flag = [&](std::string_view key, bool& out) {
        auto it = http->find(key);
        if (it == http->end()) return;
        if (!it->value().is_bool()) {
            r.problem(Reader::join("http", key), "must be true or false");
            return;
        }
        out = it->value().as_bool();
    };
    flag("storefront", m.http.storefront);
    flag("admin", m.http.admin);
    flag("webhook", m.http.webhook);
}

void read_schedules(Reader& r, const json::object& root, Manifest& m) {
    auto it = root.find("schedules");
    if (it == root.end()) return;
    if (!it->value().is_array()) {
        r.problem("schedules", "must be an array");
        return;
    }
    const json::array& schedules = it->value().as_array();
    if (schedules.size() > 16) r.problem("schedules", "must have at most 16 items");
    std::set<std::string> names;
    for (std::size_t i = 0; i < schedules.size() && i < 16; ++i) {
        std::string path = Reader::index("schedules", i);
        if (!schedules[i].is_object()) {
            r.problem(path, "must be an object");
            continue;
        }
        const json::object& schedule = schedules[i].as_object();
        r.only_keys(schedule, path, {"name", "cron"});
        auto name = r.string(schedule, path, "name", true, 64);
        auto cron = r.string(schedule, path, "cron", true, 128);
        if (!name || !cron) continue;
        if (!names.insert(*name).second) {
            r.problem(path + ".name", "schedule '" + *name + "' is declared twice");
            continue;
        }
        std::string error;
        auto parsed = CronExpression::parse(*cron, &error);
        if (!parsed) {
            r.problem(path + ".cron", error);
            continue;
        }
        m.schedules.push_back({*name, std::move(*parsed)});
    }
}

void read_config(Reader& r, const json::object& root, Manifest& m) {
    const json::object* config = r.object(root, "", "config");
    if (!config) return;
    if (config->size() > 64) r.problem("config", "must have at most 64 settings");
    for (const auto& entry : *config) {
        std::string path = Reader::join("config", entry.key());
        if (!valid_config_key(entry.key())) {
            r.problem(path, "setting names are [a-z][a-z0-9_]*, at most 64 bytes");
            continue;
        }
        if (!entry.value().is_object()) {
            r.problem(path, "must be an object");
            continue;
        }
        const json::object& field = entry.value().as_object();
        r.only_keys(field, path, {"type", "default", "secret", "description"});
        ConfigField out;
        out.key = std::string(entry.key());
        auto type = r.string(field, path, "type", true, 16);
        if (!type) continue;
        if (*type == "string") {
            out.type = ConfigType::String;
        } else if (*type == "integer") {
            out.type = ConfigType::Integer;
        } else if (*type == "boolean") {
            out.type = ConfigType::Boolean;
        } else {
            r.problem(path + ".type", "must be \"string\", \"integer\" or \"boolean\"");
            continue;
        }
        if (auto d = field.find("default"); d != field.end()) {
            if (auto problem = config_value_problem(out, d->value())) {
                r.problem(path + ".default", *problem);
                continue;
            }
            out.default_value = d->value();
        } else {
            out.default_value = out.type == ConfigType::String    ? json::value(json::string())
                                : out.type == ConfigType::Integer ? json::value(0)
                                                                  : json::value(false);
        }
        if (auto s = field.find("secret"); s != field.end()) {
            if (!s->value().is_bool()) {
                r.problem(path + ".secret", "must be true or false");
            } else {
                out.secret = s->value().as_bool();
            }
        }
        out.description = r.string(field, path, "description", false, 500).value_or("");
        m.config.push_back(std::move(out));
    }
}

void read_limits(Reader& r, const json::object& root, Manifest& m) {
    const json::object* limits = r.object(root, "", "limits");
    if (!limits) return;
    r.only_keys(*limits, "limits", {"memory_mb"});
    if (auto it = limits->find("memory_mb"); it != limits->end()) {
        if (!it->value().is_int64() || it->value().as_int64() < kMinMemoryMb ||
            it->value().as_int64() > kMaxMemoryMb) {
            r.problem("limits.memory_mb", "must be an integer from " +
                                              std::to_string(kMinMemoryMb) + " to " +
                                              std::to_string(kMaxMemoryMb));
        } else {
            m.memory_mb = it->value().as_int64();
        }
    }
}

// Rules that tie sections together: a declared data service needs its scope requested.
void cross_check(Reader& r, Manifest& m) {
    auto requested = [&](std::string_view scope) {
        std::vector<std::string> all = m.required_scopes;
        all.insert(all.end(), m.optional_scopes.begin(), m.optional_scopes.end());
        return scopes_allow(all, scope);
    };
    auto check = [&](const std::vector<std::string>& services, const char* key) {
        for (std::size_t i = 0; i < services.size(); ++i) {
            const ServiceInfo* info = find_service(services[i]);
            if (info && !info->scope.empty() && !requested(info->scope)) {
                r.problem(Reader::index(std::string("services.") + key, i),
                          "'" + services[i] + "' needs scope '" + std::string(info->scope) +
                              "' in \"scopes\"");
            }
        }
    };
    check(m.required_services, "required");
    check(m.optional_services, "optional");
    if (!m.egress.empty() && !m.declares_service("station.http/1")) {
        r.problem("egress", "an egress allow-list needs the service station.http/1");
    }
}

}  // namespace

std::string_view to_string(IsolationMode mode) {
    return mode == IsolationMode::InProcess ? "in_process" : "isolated";
}

std::string_view to_string(FailurePolicy policy) {
    return policy == FailurePolicy::Reject ? "reject" : "skip";
}

std::string_view to_string(ConfigType type) {
    switch (type) {
        case ConfigType::String:
            return "string";
        case ConfigType::Integer:
            return "integer";
        case ConfigType::Boolean:
            return "boolean";
    }
    return "string";
}

bool Manifest::declares_service(std::string_view service) const {
    return std::find(required_services.begin(), required_services.end(), service) !=
               required_services.end() ||
           std::find(optional_services.begin(), optional_services.end(), service) !=
               optional_services.end();
}

const HookDeclaration* Manifest::hook(std::string_view hook_name) const {
    auto it = std::find_if(hooks.begin(), hooks.end(),
                           [&](const HookDeclaration& h) { return h.name == hook_name; });
    return it == hooks.end() ? nullptr : &*it;
}

const ConfigField* Manifest::config_field(std::string_view key) const {
    auto it = std::find_if(config.begin(), config.end(),
                           [&](const ConfigField& f) { return f.key == key; });
    return it == config.end() ? nullptr : &*it;
}

bool Manifest::subscribes_to(std::string_view topic) const {
    auto slash = topic.find('/');
    for (const std::string& pattern : events) {
        if (pattern == "*" || pattern == topic) return true;
        if (pattern.ends_with("/*") && slash != std::string_view::npos &&
            topic.substr(0, slash + 1) == std::string_view(pattern).substr(0, pattern.size() - 1)) {
            return true;
        }
    }
    return false;
}

std::string ManifestCheck::summary() const {
    std::string out;
    for (const ManifestProblem& p : problems) {
        if (!out.empty()) out += "\n";
        out += p.path.empty() ? p.message : p.path + ": " + p.message;
    }
    return out;
}

HostAbi host_abi() {
    return {STATION_PLUGIN_ABI_MAJOR, STATION_PLUGIN_ABI_MINOR};
}

std::optional<std::string> config_value_problem(const ConfigField& field,
                                                const json::value& value) {
    switch (field.type) {
        case ConfigType::String:
            if (!value.is_string()) return "must be a string";
            if (value.as_string().size() > 4096) return "must be at most 4096 bytes";
            return std::nullopt;
        case ConfigType::Integer:
            if (!value.is_int64() && !value.is_uint64()) return "must be an integer";
            if (value.is_uint64() && value.as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) {
                return "is out of range";
            }
            return std::nullopt;
        case ConfigType::Boolean:
            if (!value.is_bool()) return "must be true or false";
            return std::nullopt;
    }
    return std::nullopt;
}

ManifestCheck parse_manifest(std::string_view json_text, HostAbi host) {
    ManifestCheck check;
    Reader r(check.problems);
    if (json_text.size() > kMaxManifestBytes) {
        r.problem("", "plugin.json is larger than 256 KiB");
        return check;
    }
    boost::system::error_code ec;
    json::value document = json::parse(json_text, ec);
    if (ec) {
        r.problem("", "plugin.json is not valid JSON: " + ec.message());
        return check;
    }
    if (!document.is_object()) {
        r.problem("", "plugin.json must be a JSON object");
        return check;
    }
    const json::object& root = document.as_object();
    r.only_keys(root, "",
                {"id", "name", "version", "publisher", "description", "abi", "library", "isolation",
                 "services", "scopes", "events", "hooks", "http", "egress", "schedules", "config",
                 "limits"});

    Manifest m;
    if (auto id = r.string(root, "", "id", true, 63)) {
        if (valid_plugin_id(*id)) {
            m.id = *id;
        } else {
            r.problem("id",
                      "must be 2-63 characters of a-z, 0-9 and single '-', starting with a "
                      "letter");
        }
    }
    m.name = r.string(root, "", "name", true, 100).value_or("");
    if (auto version = r.string(root, "", "version", true, 64)) {
        if (valid_version(*version)) {
            m.version = *version;
        } else {
            r.problem("version", "must be a semantic version like 1.2.3");
        }
    }
    m.publisher = r.string(root, "", "publisher", true, 100).value_or("");
    m.description = r.string(root, "", "description", false, 2000).value_or("");
    if (auto abi = r.string(root, "", "abi", true, 16)) {
        auto parts = util::split(*abi, '.');
        std::uint32_t major = 0;
        std::uint32_t minor = 0;
        bool ok = parts.size() == 2 && valid_number_part(parts[0]) && valid_number_part(parts[1]);
        if (ok) {
            std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), major);
            std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), minor);
        }
        if (!ok) {
            r.problem("abi", "must be \"MAJOR.MINOR\", e.g. \"1.0\"");
        } else if (major != host.major || minor > host.minor) {
            r.problem("abi", "the plugin needs ABI " + *abi + "; this host provides " +
                                 std::to_string(host.major) + "." + std::to_string(host.minor));
        } else {
            m.abi_major = major;
            m.abi_minor = minor;
        }
    }
    if (auto library = r.string(root, "", "library", true, 255)) {
        if (valid_library_name(*library)) {
            m.library = *library;
        } else {
            r.problem("library", "must be a file name ending in .so, without directories");
        }
    }
    if (auto isolation = r.string(root, "", "isolation", false, 16)) {
        if (*isolation == "in_process") {
            m.isolation = IsolationMode::InProcess;
        } else if (*isolation != "isolated") {
            r.problem("isolation", "must be \"isolated\" or \"in_process\"");
        }
    }
    read_services(r, root, m);
    read_scopes(r, root, m);
    m.events = r.strings(root, "", "events", 64);
    for (std::size_t i = 0; i < m.events.size(); ++i) {
        if (!valid_topic_pattern(m.events[i])) {
            r.problem(Reader::index("events", i),
                      "must be a topic like \"products/create\", \"products/*\" or \"*\"");
        }
    }
    read_hooks(r, root, m);
    read_http(r, root, m);
    m.egress = r.strings(root, "", "egress", 32);
    for (std::size_t i = 0; i < m.egress.size(); ++i) {
        if (!valid_egress_host(m.egress[i])) {
            r.problem(Reader::index("egress", i),
                      "must be a lower-case host name like \"api.example.com\" or "
                      "\"*.example.com\" (no scheme, port or path)");
        }
    }
    read_schedules(r, root, m);
    read_config(r, root, m);
    read_limits(r, root, m);
    if (check.problems.empty()) cross_check(r, m);
    if (check.problems.empty()) check.manifest = std::move(m);
    return check;
}

ManifestCheck load_manifest(const std::filesystem::path& directory, HostAbi host) {
    ManifestCheck check;
    std::filesystem::path file = directory / "plugin.json";
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        check.problems.push_back({"", "cannot read " + file.string() + ": " + ec.message()});
        return check;
    }
    if (size > kMaxManifestBytes) {
        check.problems.push_back({"", "plugin.json is larger than 256 KiB"});
        return check;
    }
    std::ifstream in(file, std::ios::binary);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
        check.problems.push_back({"", "cannot read " + file.string()});
        return check;
    }
    check = parse_manifest(text, host);
    if (!check.manifest) return check;
    std::filesystem::path library = directory / check.manifest->library;
    auto status = std::filesystem::symlink_status(library, ec);
    if (ec || !std::filesystem::is_regular_file(status)) {
        check.problems.push_back({"library", "no regular file " + check.manifest->library + " in " +
                                                 directory.string()});
        check.manifest.reset();
    }
    return check;
}

}  // namespace station::plugins

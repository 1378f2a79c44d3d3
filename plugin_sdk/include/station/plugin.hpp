// station/plugin.hpp — the C++ layer over station/plugin.h, compiled into the plugin.
//
// What it gives a plugin author:
//   - class station::Plugin with virtual callbacks and STATION_PLUGIN(YourPlugin) to export it;
//   - an exception barrier around every callback: an exception never reaches the host —
//     std::bad_alloc becomes STATION_ERR_NO_MEMORY, anything else STATION_ERR_INTERNAL (and is
//     logged through station.log/1 when the context allows);
//   - std::string_view in, std::string out, RAII everywhere: nothing to free;
//   - typed service wrappers (ctx.kv(), ctx.http(), …) returning station::Result<T>;
//   - the ABI minor the plugin needs, computed from what it actually uses (see
//     detail::require_host_minor): a wrapper function added in minor N is a member template that
//     requires N, so only plugins that call it ask the host for N.
//
// Threading and lifetimes follow plugin.h: a Context and everything obtained from it is valid
// only during the callback that received it, on that thread. The Plugin object is created once
// (at load, on the loading thread) and its callbacks may run concurrently.
//
// Build plugins with hidden visibility (the SDK's station_add_plugin() does): the SDK's internal
// symbols must stay private to each plugin when several share a process.

#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <station/plugin.h>

namespace station {

using Status = station_status;
inline constexpr Status kOk = STATION_OK;

inline station_str to_str(std::string_view text) noexcept {
    return station_str{text.data(), text.size()};
}
inline std::string_view to_view(station_str text) noexcept {
    return text.len == 0 ? std::string_view() : std::string_view(text.ptr, text.len);
}

// A short name for a status code ("ok", "not_found", …) for logs and test messages.
inline const char* status_name(Status status) noexcept {
    switch (status) {
        case STATION_OK:
            return "ok";
        case STATION_ERR_INVALID:
            return "invalid";
        case STATION_ERR_NOT_FOUND:
            return "not_found";
        case STATION_ERR_CONFLICT:
            return "conflict";
        case STATION_ERR_QUOTA:
            return "quota";
        case STATION_ERR_DENIED:
            return "denied";
        case STATION_ERR_UNAVAILABLE:
            return "unavailable";
        case STATION_ERR_TIMEOUT:
            return "timeout";
        case STATION_ERR_TOO_LARGE:
            return "too_large";
        case STATION_ERR_UNSUPPORTED:
            return "unsupported";
        case STATION_ERR_NO_MEMORY:
            return "no_memory";
        case STATION_ERR_INTERNAL:
            return "internal";
        default:
            return "unknown";
    }
}

// A value or a failure status. Never throws; value() on a failure is a precondition violation.
template <typename T>
class Result {
public:
    static Result success(T value) { return Result(kOk, std::move(value)); }
    static Result failure(Status status) {
        return Result(status == kOk ? STATION_ERR_INTERNAL : status, T{});
    }

    bool ok() const noexcept { return status_ == kOk; }
    explicit operator bool() const noexcept { return ok(); }
    Status status() const noexcept { return status_; }
    T& value() & noexcept { return value_; }
    const T& value() const& noexcept { return value_; }
    T&& value() && noexcept { return std::move(value_); }
    T* operator->() noexcept { return &value_; }
    const T* operator->() const noexcept { return &value_; }
    T& operator*() & noexcept { return value_; }
    const T& operator*() const& noexcept { return value_; }

private:
    Result(Status status, T value) : status_(status), value_(std::move(value)) {}
    Status status_;
    T value_;
};

namespace detail {

// The highest ABI minor any used SDK function needs. Raised during the plugin's static
// initialisation (before the host calls the entry point), read by the entry point.
inline std::atomic<std::uint32_t>& required_minor() {
    static std::atomic<std::uint32_t> minor{0};
    return minor;
}
inline bool raise_required_minor(std::uint32_t minor) noexcept {
    std::uint32_t current = required_minor().load();
    while (current < minor && !required_minor().compare_exchange_weak(current, minor)) {
    }
    return true;
}
template <std::uint32_t Minor>
struct MinorRequirement {
    static inline const bool registered = raise_required_minor(Minor);
};
// Call from any SDK function introduced in ABI minor `Minor`. The function must be a template (or
// a member of one) so that the requirement is instantiated only in plugins that use it.
template <std::uint32_t Minor>
void require_host_minor() noexcept {
    (void)MinorRequirement<Minor>::registered;
}

inline Status append_to_string(void* user, station_str chunk) noexcept {
    try {
        static_cast<std::string*>(user)->append(to_view(chunk));
        return kOk;
    } catch (const std::bad_alloc&) {
        return STATION_ERR_NO_MEMORY;
    } catch (...) {
        return STATION_ERR_INTERNAL;
    }
}
inline station_writer string_writer(std::string& out) noexcept {
    return station_writer{&out, &append_to_string};
}

// True when `table`'s struct_size covers the member at [offset, offset + size).
template <typename Table>
bool covers(const Table* table, std::size_t offset, std::size_t size) noexcept {
    return table != nullptr && table->struct_size >= offset + size;
}
#define STATION_DETAIL_HAS(table, Type, member) \
    ::station::detail::covers((table), offsetof(Type, member), sizeof(Type::member))

inline Result<std::string> text_result(Status status, std::string&& text) {
    if (status != kOk) return Result<std::string>::failure(status);
    return Result<std::string>::success(std::move(text));
}

}  // namespace detail

// ---- Services ------------------------------------------------------------------------------
// Each wrapper is cheap to copy and falsy when the service is unavailable for this context
// (not provided, not declared in the manifest, or its scope not granted); calls on a falsy
// wrapper return STATION_ERR_UNAVAILABLE.

class Log {
public:
    Log(const station_context* ctx, const station_log_v1* table) : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    void write(std::int32_t level, std::string_view message) const noexcept {
        if (STATION_DETAIL_HAS(table_, station_log_v1, write) && table_->write) {
            table_->write(ctx_, level, to_str(message));
        }
    }
    void debug(std::string_view message) const noexcept { write(STATION_LOG_DEBUG, message); }
    void info(std::string_view message) const noexcept { write(STATION_LOG_INFO, message); }
    void warn(std::string_view message) const noexcept { write(STATION_LOG_WARN, message); }
    void error(std::string_view message) const noexcept { write(STATION_LOG_ERROR, message); }

private:
    const station_context* ctx_;
    const station_log_v1* table_;
};

class Config {
public:
    Config(const station_context* ctx, const station_config_v1* table) : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    // The JSON text of one setting ("\"abc\"", "10", "true").
    Result<std::string> get(std::string_view key) const {
        if (!STATION_DETAIL_HAS(table_, station_config_v1, get) || !table_->get) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(table_->get(ctx_, to_str(key), &writer), std::move(out));
    }
    // Every setting as one JSON object.
    Result<std::string> all() const {
        if (!STATION_DETAIL_HAS(table_, station_config_v1, get_all) || !table_->get_all) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(table_->get_all(ctx_, &writer), std::move(out));
    }

private:
    const station_context* ctx_;
    const station_config_v1* table_;
};

struct KvEntry {
    std::string value;
    std::int64_t version = 0;
};

class Kv {
public:
    static constexpr std::int64_t kAnyVersion = STATION_KV_ANY_VERSION;
    static constexpr std::int64_t kAbsent = STATION_KV_ABSENT;

    Kv(const station_context* ctx, const station_kv_v1* table) : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    Result<KvEntry> get(std::string_view key) const {
        if (!STATION_DETAIL_HAS(table_, station_kv_v1, get) || !table_->get) {
            return Result<KvEntry>::failure(STATION_ERR_UNAVAILABLE);
        }
        KvEntry entry;
        station_writer writer = detail::string_writer(entry.value);
        Status status = table_->get(ctx_, to_str(key), &writer, &entry.version);
        if (status != kOk) return Result<KvEntry>::failure(status);
        return Result<KvEntry>::success(std::move(entry));
    }
    // The new version. `expected_version`: kAnyVersion, kAbsent or a version from get().
    Result<std::int64_t> put(std::string_view key, std::string_view value,
                             std::int64_t expected_version = kAnyVersion,
                             std::int64_t ttl_seconds = STATION_KV_NO_TTL) const {
        if (!STATION_DETAIL_HAS(table_, station_kv_v1, put) || !table_->put) {
            return Result<std::int64_t>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::int64_t version = 0;
        Status status =
            table_->put(ctx_, to_str(key), to_str(value), expected_version, ttl_seconds, &version);
        if (status != kOk) return Result<std::int64_t>::failure(status);
        return Result<std::int64_t>::success(version);
    }
    Status remove(std::string_view key, std::int64_t expected_version = kAnyVersion) const {
        if (!STATION_DETAIL_HAS(table_, station_kv_v1, remove) || !table_->remove) {
            return STATION_ERR_UNAVAILABLE;
        }
        return table_->remove(ctx_, to_str(key), expected_version);
    }
    // A JSON array of keys.
    Result<std::string> list(std::string_view prefix, std::string_view start_after = {},
                             std::uint32_t limit = 100) const {
        if (!STATION_DETAIL_HAS(table_, station_kv_v1, list) || !table_->list) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(
            table_->list(ctx_, to_str(prefix), to_str(start_after), limit, &writer),
            std::move(out));
    }

private:
    const station_context* ctx_;
    const station_kv_v1* table_;
};

struct FetchRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::uint32_t timeout_ms = 0;  // 0: the host default
};

struct FetchResponse {
    int status = 0;
    std::string headers;  // "name: value\r\n" lines
    std::string body;

    // The first value of a response header (case-insensitive name), or empty.
    std::string header(std::string_view name) const {
        std::size_t pos = 0;
        while (pos < headers.size()) {
            std::size_t end = headers.find("\r\n", pos);
            if (end == std::string::npos) end = headers.size();
            std::string_view line(headers.data() + pos, end - pos);
            std::size_t colon = line.find(':');
            if (colon == name.size() && equal_ignoring_case(line.substr(0, colon), name)) {
                std::string_view value = line.substr(colon + 1);
                while (!value.empty() && value.front() == ' ')
                    value.remove_prefix(1);
                return std::string(value);
            }
            pos = end + 2;
        }
        return {};
    }

private:
    static bool equal_ignoring_case(std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
            char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
            if (x != y) return false;
        }
        return true;
    }
};

class Http {
public:
    Http(const station_context* ctx, const station_http_v1* table) : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    Result<FetchResponse> fetch(const FetchRequest& request) const {
        if (!STATION_DETAIL_HAS(table_, station_http_v1, fetch) || !table_->fetch) {
            return Result<FetchResponse>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::vector<station_http_header> headers;
        headers.reserve(request.headers.size());
        for (const auto& [name, value] : request.headers) {
            headers.push_back(station_http_header{to_str(name), to_str(value)});
        }
        station_fetch_request raw{};
        raw.struct_size = sizeof(raw);
        raw.timeout_ms = request.timeout_ms;
        raw.method = to_str(request.method);
        raw.url = to_str(request.url);
        raw.headers = headers.data();
        raw.header_count = headers.size();
        raw.body = to_str(request.body);
        FetchResponse response;
        std::int32_t status = 0;
        station_writer header_writer = detail::string_writer(response.headers);
        station_writer body_writer = detail::string_writer(response.body);
        Status result = table_->fetch(ctx_, &raw, &status, &header_writer, &body_writer);
        if (result != kOk) return Result<FetchResponse>::failure(result);
        response.status = status;
        return Result<FetchResponse>::success(std::move(response));
    }

private:
    const station_context* ctx_;
    const station_http_v1* table_;
};

struct Email {
    std::string to;
    std::string subject;
    std::string text;
    std::string html;
};

class Mailer {
public:
    Mailer(const station_context* ctx, const station_email_v1* table) : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    // The Message-ID of the sent message.
    Result<std::string> send(const Email& email) const {
        if (!STATION_DETAIL_HAS(table_, station_email_v1, send) || !table_->send) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        station_email raw{};
        raw.struct_size = sizeof(raw);
        raw.to = to_str(email.to);
        raw.subject = to_str(email.subject);
        raw.text = to_str(email.text);
        raw.html = to_str(email.html);
        std::string id;
        station_writer writer = detail::string_writer(id);
        return detail::text_result(table_->send(ctx_, &raw, &writer), std::move(id));
    }

private:
    const station_context* ctx_;
    const station_email_v1* table_;
};

class Tasks {
public:
    Tasks(const station_context* ctx, const station_tasks_v1* table) : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    // The task's id (for cancel()).
    Result<std::int64_t> schedule(std::string_view name, std::string_view payload,
                                  std::int64_t delay_seconds) const {
        if (!STATION_DETAIL_HAS(table_, station_tasks_v1, schedule) || !table_->schedule) {
            return Result<std::int64_t>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::int64_t id = 0;
        Status status = table_->schedule(ctx_, to_str(name), to_str(payload), delay_seconds, &id);
        if (status != kOk) return Result<std::int64_t>::failure(status);
        return Result<std::int64_t>::success(id);
    }
    Status cancel(std::int64_t task_id) const {
        if (!STATION_DETAIL_HAS(table_, station_tasks_v1, cancel) || !table_->cancel) {
            return STATION_ERR_UNAVAILABLE;
        }
        return table_->cancel(ctx_, task_id);
    }

private:
    const station_context* ctx_;
    const station_tasks_v1* table_;
};

class Metrics {
public:
    Metrics(const station_context* ctx, const station_metrics_v1* table)
        : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    Status counter_add(std::string_view name, std::int64_t delta = 1) const {
        if (!STATION_DETAIL_HAS(table_, station_metrics_v1, counter_add) || !table_->counter_add) {
            return STATION_ERR_UNAVAILABLE;
        }
        return table_->counter_add(ctx_, to_str(name), delta);
    }
    Status gauge_set(std::string_view name, std::int64_t value) const {
        if (!STATION_DETAIL_HAS(table_, station_metrics_v1, gauge_set) || !table_->gauge_set) {
            return STATION_ERR_UNAVAILABLE;
        }
        return table_->gauge_set(ctx_, to_str(name), value);
    }

private:
    const station_context* ctx_;
    const station_metrics_v1* table_;
};

// Products, customers and inventory return Admin REST JSON text.
class Products {
public:
    Products(const station_context* ctx, const station_products_v1* table)
        : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    Result<std::string> get(std::int64_t id) const {
        if (!STATION_DETAIL_HAS(table_, station_products_v1, get) || !table_->get) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(table_->get(ctx_, id, &writer), std::move(out));
    }
    Result<std::string> list(std::int64_t after_id, std::uint32_t limit) const {
        if (!STATION_DETAIL_HAS(table_, station_products_v1, list) || !table_->list) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(table_->list(ctx_, after_id, limit, &writer), std::move(out));
    }

private:
    const station_context* ctx_;
    const station_products_v1* table_;
};

class Customers {
public:
    Customers(const station_context* ctx, const station_customers_v1* table)
        : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    Result<std::string> get(std::int64_t id) const {
        if (!STATION_DETAIL_HAS(table_, station_customers_v1, get) || !table_->get) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(table_->get(ctx_, id, &writer), std::move(out));
    }
    Result<std::string> find_by_email(std::string_view email) const {
        if (!STATION_DETAIL_HAS(table_, station_customers_v1, find_by_email) ||
            !table_->find_by_email) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(table_->find_by_email(ctx_, to_str(email), &writer),
                                   std::move(out));
    }
    Result<std::string> list(std::int64_t after_id, std::uint32_t limit) const {
        if (!STATION_DETAIL_HAS(table_, station_customers_v1, list) || !table_->list) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(table_->list(ctx_, after_id, limit, &writer), std::move(out));
    }

private:
    const station_context* ctx_;
    const station_customers_v1* table_;
};

class Inventory {
public:
    Inventory(const station_context* ctx, const station_inventory_v1* table)
        : ctx_(ctx), table_(table) {}
    explicit operator bool() const noexcept { return table_ != nullptr; }

    Result<std::string> levels(std::int64_t inventory_item_id) const {
        if (!STATION_DETAIL_HAS(table_, station_inventory_v1, levels) || !table_->levels) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(table_->levels(ctx_, inventory_item_id, &writer),
                                   std::move(out));
    }
    Result<std::string> adjust(std::int64_t inventory_item_id, std::int64_t location_id,
                               std::int64_t delta, std::string_view reason = "correction") const {
        if (!STATION_DETAIL_HAS(table_, station_inventory_v1, adjust) || !table_->adjust) {
            return Result<std::string>::failure(STATION_ERR_UNAVAILABLE);
        }
        std::string out;
        station_writer writer = detail::string_writer(out);
        return detail::text_result(
            table_->adjust(ctx_, inventory_item_id, location_id, delta, to_str(reason), &writer),
            std::move(out));
    }

private:
    const station_context* ctx_;
    const station_inventory_v1* table_;
};

// ---- Context -------------------------------------------------------------------------------

class Context {
public:
    Context(const station_context* ctx, const station_core* core) : ctx_(ctx), core_(core) {}

    std::int64_t store_id() const noexcept { return info().store_id; }
    std::string plugin_id() const { return std::string(to_view(info().plugin_id)); }
    std::string plugin_version() const { return std::string(to_view(info().plugin_version)); }
    // Milliseconds before the call's deadline; stop long work early when it runs low.
    std::int64_t remaining_ms() const noexcept {
        if (!STATION_DETAIL_HAS(core_, station_core, remaining_ms) || !core_->remaining_ms) {
            return INT64_MAX;
        }
        return core_->remaining_ms(ctx_);
    }
    // The raw table of a service, or nullptr (see station_core.get_service).
    const void* service(std::string_view id) const noexcept {
        if (!STATION_DETAIL_HAS(core_, station_core, get_service) || !core_->get_service) {
            return nullptr;
        }
        return core_->get_service(ctx_, to_str(id));
    }

    Log log() const { return {ctx_, table<station_log_v1>(STATION_LOG_SERVICE)}; }
    Config config() const { return {ctx_, table<station_config_v1>(STATION_CONFIG_SERVICE)}; }
    Kv kv() const { return {ctx_, table<station_kv_v1>(STATION_KV_SERVICE)}; }
    Http http() const { return {ctx_, table<station_http_v1>(STATION_HTTP_SERVICE)}; }
    Mailer email() const { return {ctx_, table<station_email_v1>(STATION_EMAIL_SERVICE)}; }
    Tasks tasks() const { return {ctx_, table<station_tasks_v1>(STATION_TASKS_SERVICE)}; }
    Metrics metrics() const { return {ctx_, table<station_metrics_v1>(STATION_METRICS_SERVICE)}; }
    Products products() const {
        return {ctx_, table<station_products_v1>(STATION_PRODUCTS_SERVICE)};
    }
    Customers customers() const {
        return {ctx_, table<station_customers_v1>(STATION_CUSTOMERS_SERVICE)};
    }
    Inventory inventory() const {
        return {ctx_, table<station_inventory_v1>(STATION_INVENTORY_SERVICE)};
    }

    const station_context* raw() const noexcept { return ctx_; }

private:
    template <typename Table>
    const Table* table(std::string_view id) const noexcept {
        return static_cast<const Table*>(service(id));
    }
    station_context_info info() const noexcept {
        station_context_info out{};
        out.struct_size = sizeof(out);
        if (STATION_DETAIL_HAS(core_, station_core, context_info) && core_->context_info) {
            core_->context_info(ctx_, &out);
        }
        return out;
    }

    const station_context* ctx_;
    const station_core* core_;
};

// ---- Callback arguments --------------------------------------------------------------------

struct Event {
    std::int64_t seq = 0;
    std::int64_t created_at = 0;
    std::int64_t subject_id = 0;
    std::uint32_t attempt = 1;
    std::string_view id;  // dedup key, stable across retries
    std::string_view topic;
    std::string_view subject_type;
    std::string_view payload;  // JSON
};

enum class Surface {
    Storefront = STATION_SURFACE_STOREFRONT,
    Admin = STATION_SURFACE_ADMIN,
    Webhook = STATION_SURFACE_WEBHOOK
};

struct HttpRequest {
    Surface surface = Surface::Storefront;
    std::string_view method;
    std::string_view path;
    std::string_view query;
    std::string_view body;
    std::string_view remote_address;
    std::string_view staff;
    std::vector<std::pair<std::string_view, std::string_view>> headers;

    // The first value of a request header (case-insensitive), or empty.
    std::string_view header(std::string_view name) const noexcept {
        for (const auto& [key, value] : headers) {
            if (key.size() != name.size()) continue;
            bool same = true;
            for (std::size_t i = 0; i < key.size() && same; ++i) {
                char a = key[i] >= 'A' && key[i] <= 'Z' ? static_cast<char>(key[i] + 32) : key[i];
                char b =
                    name[i] >= 'A' && name[i] <= 'Z' ? static_cast<char>(name[i] + 32) : name[i];
                same = a == b;
            }
            if (same) return value;
        }
        return {};
    }
};

// Builds the response of on_http; the status defaults to 200.
class HttpResponse {
public:
    explicit HttpResponse(const station_http_response* raw) : raw_(raw) {}

    void status(int code) const noexcept {
        if (STATION_DETAIL_HAS(raw_, station_http_response, set_status) && raw_->set_status) {
            raw_->set_status(raw_->user, code);
        }
    }
    Status header(std::string_view name, std::string_view value) const noexcept {
        if (!STATION_DETAIL_HAS(raw_, station_http_response, add_header) || !raw_->add_header) {
            return STATION_ERR_UNAVAILABLE;
        }
        return raw_->add_header(raw_->user, to_str(name), to_str(value));
    }
    Status write(std::string_view chunk) const noexcept {
        if (!STATION_DETAIL_HAS(raw_, station_http_response, write_body) || !raw_->write_body) {
            return STATION_ERR_UNAVAILABLE;
        }
        return raw_->write_body(raw_->user, to_str(chunk));
    }
    // Status, Content-Type and the whole body at once.
    Status send(int code, std::string_view content_type, std::string_view body) const noexcept {
        status(code);
        Status s = header("Content-Type", content_type);
        return s == kOk ? write(body) : s;
    }

private:
    const station_http_response* raw_;
};

// ---- The plugin ----------------------------------------------------------------------------

// Derive, override what the manifest declares, and export with STATION_PLUGIN(YourPlugin).
// Constructed once when the host loads the library; destroyed at shutdown. Callbacks may run
// concurrently: guard mutable members, or keep state in ctx.kv().
class Plugin {
public:
    virtual ~Plugin() = default;

    virtual Status on_event(Context&, const Event&) { return STATION_ERR_UNSUPPORTED; }
    // Write the hook's JSON result to `output`.
    virtual Status on_hook(Context&, std::string_view /*hook*/, std::string_view /*input*/,
                           std::string& /*output*/) {
        return STATION_ERR_UNSUPPORTED;
    }
    virtual Status on_http(Context&, const HttpRequest&, HttpResponse&) {
        return STATION_ERR_UNSUPPORTED;
    }
    virtual Status on_task(Context&, std::string_view /*name*/, std::string_view /*payload*/) {
        return STATION_ERR_UNSUPPORTED;
    }
    virtual void on_config_changed(Context&) {}
};

namespace detail {

// Everything the exported entry point needs, instantiated once per plugin with a Tag from an
// anonymous namespace (see STATION_PLUGIN), so its statics stay private to that plugin.
template <typename PluginType, typename Tag>
class Glue {
public:
    static station_status entry(const station_host_info* host, station_plugin_info* out) noexcept {
        if (out == nullptr || out->struct_size < offsetof(station_plugin_info, plugin)) {
            return STATION_ERR_INVALID;
        }
        out->abi_major = STATION_PLUGIN_ABI_MAJOR;
        out->min_host_minor = required_minor().load();
        if (host == nullptr || !STATION_DETAIL_HAS(host, station_host_info, core) ||
            host->core == nullptr) {
            return fail(out, "the host passed no core table");
        }
        if (host->abi_major != STATION_PLUGIN_ABI_MAJOR) {
            return fail(out, "built for another ABI major version");
        }
        core_ = host->core;
        try {
            if (!instance_) instance_ = std::make_unique<PluginType>();
        } catch (const std::bad_alloc&) {
            return fail(out, "out of memory constructing the plugin");
        } catch (const std::exception&) {
            return fail(out, "the plugin's constructor threw");
        } catch (...) {
            return fail(out, "the plugin's constructor threw");
        }
        table_.struct_size = sizeof(station_plugin);
        table_.on_event = &on_event;
        table_.on_hook = &on_hook;
        table_.on_http = &on_http;
        table_.on_task = &on_task;
        table_.on_config_changed = &on_config_changed;
        table_.shutdown = &shutdown;
        if (STATION_DETAIL_HAS(out, station_plugin_info, plugin)) out->plugin = &table_;
        return kOk;
    }

private:
    static station_status fail(station_plugin_info* out, const char* why) noexcept {
        if (STATION_DETAIL_HAS(out, station_plugin_info, error)) {
            out->error = station_str{why, std::strlen(why)};
        }
        return STATION_ERR_INTERNAL;
    }

    template <typename Fn>
    static station_status guarded(const station_context* ctx, Fn&& fn) noexcept {
        try {
            return fn();
        } catch (const std::bad_alloc&) {
            return STATION_ERR_NO_MEMORY;
        } catch (const std::exception& e) {
            report(ctx, e.what());
            return STATION_ERR_INTERNAL;
        } catch (...) {
            report(ctx, "a non-standard exception");
            return STATION_ERR_INTERNAL;
        }
    }
    static void report(const station_context* ctx, const char* what) noexcept {
        try {
            Context(ctx, core_).log().error(std::string("uncaught exception: ") + what);
        } catch (...) {
        }
    }

    static station_status on_event(const station_context* ctx, const station_event* raw) noexcept {
        return guarded(ctx, [&] {
            Context context(ctx, core_);
            Event event;
            event.seq = raw->seq;
            event.created_at = raw->created_at;
            event.subject_id = raw->subject_id;
            event.attempt = raw->attempt;
            event.id = to_view(raw->id);
            event.topic = to_view(raw->topic);
            event.subject_type = to_view(raw->subject_type);
            event.payload = to_view(raw->payload);
            return instance_->on_event(context, event);
        });
    }
    static station_status on_hook(const station_context* ctx, station_str hook, station_str input,
                                  const station_writer* output) noexcept {
        return guarded(ctx, [&] {
            Context context(ctx, core_);
            std::string result;
            Status status = instance_->on_hook(context, to_view(hook), to_view(input), result);
            if (status == kOk && output != nullptr && output->write != nullptr && !result.empty()) {
                status = output->write(output->user, to_str(result));
            }
            return status;
        });
    }
    static station_status on_http(const station_context* ctx, const station_http_request* raw,
                                  const station_http_response* response) noexcept {
        return guarded(ctx, [&] {
            Context context(ctx, core_);
            HttpRequest request;
            request.surface = static_cast<Surface>(raw->surface);
            request.method = to_view(raw->method);
            request.path = to_view(raw->path);
            request.query = to_view(raw->query);
            request.body = to_view(raw->body);
            request.remote_address = to_view(raw->remote_address);
            request.staff = to_view(raw->staff);
            request.headers.reserve(raw->header_count);
            for (std::uint64_t i = 0; i < raw->header_count; ++i) {
                request.headers.emplace_back(to_view(raw->headers[i].name),
                                             to_view(raw->headers[i].value));
            }
            HttpResponse writer(response);
            return instance_->on_http(context, request, writer);
        });
    }
    static station_status on_task(const station_context* ctx, station_str name,
                                  station_str payload) noexcept {
        return guarded(ctx, [&] {
            Context context(ctx, core_);
            return instance_->on_task(context, to_view(name), to_view(payload));
        });
    }
    static void on_config_changed(const station_context* ctx) noexcept {
        guarded(ctx, [&] {
            Context context(ctx, core_);
            instance_->on_config_changed(context);
            return kOk;
        });
    }
    static void shutdown() noexcept {
        try {
            instance_.reset();
        } catch (...) {
        }
    }

    static inline const station_core* core_ = nullptr;
    static inline std::unique_ptr<PluginType> instance_;
    static inline station_plugin table_{};
};

}  // namespace detail
}  // namespace station

// Exports `PluginType` (a station::Plugin subclass with a default constructor) as this library's
// plugin. Use exactly once per plugin, in one source file.
#define STATION_PLUGIN(PluginType)                                                          \
    namespace {                                                                             \
    struct StationPluginGlueTag {};                                                         \
    }                                                                                       \
    extern "C" STATION_PLUGIN_EXPORT station_status station_plugin_entry(                   \
        const station_host_info* host, station_plugin_info* out) {                          \
        return ::station::detail::Glue<PluginType, StationPluginGlueTag>::entry(host, out); \
    }

#include "tenant_runtime/plugins/abi/abi_tables.hpp"

#include <cstring>
#include <new>
#include <string>

namespace station::plugins {
namespace {

constexpr std::string_view kHostVersion = "station " STATION_VERSION;

bool valid(station_str s) {
    return s.ptr != nullptr || s.len == 0;
}

std::string_view view(station_str s) {
    return s.len == 0 ? std::string_view() : std::string_view(s.ptr, s.len);
}

station_status write_out(const station_writer* writer, std::string_view data) {
    if (writer == nullptr || writer->write == nullptr || data.empty()) return STATION_OK;
    return writer->write(writer->user, station_str{data.data(), data.size()});
}

// Runs `fn` with the context's endpoint, turning every failure into a status.
template <typename Fn>
station_status guarded(const station_context* ctx, Fn&& fn) noexcept {
    if (ctx == nullptr || ctx->endpoint == nullptr) return STATION_ERR_INVALID;
    try {
        return fn(*ctx->endpoint);
    } catch (const std::bad_alloc&) {
        return STATION_ERR_NO_MEMORY;
    } catch (...) {
        return STATION_ERR_INTERNAL;
    }
}

// Calls `function` and, on success, writes reply.data to `writer`.
station_status call_into(ServiceEndpoint& endpoint, ServiceFunction function,
                         std::span<const ServiceArg> args, const station_writer* writer) {
    ServiceReply reply = endpoint.call(function, args);
    if (reply.status != STATION_OK) return reply.status;
    return write_out(writer, reply.data);
}

// ---- core ----

const void* get_service(const station_context* ctx, station_str id) noexcept;

station_status context_info(const station_context* ctx, station_context_info* out) noexcept {
    if (out == nullptr ||
        out->struct_size < offsetof(station_context_info, plugin_version) + sizeof(station_str)) {
        return STATION_ERR_INVALID;
    }
    return guarded(ctx, [&](ServiceEndpoint& e) {
        out->store_id = e.store_id();
        std::string_view id = e.plugin_id();
        std::string_view version = e.plugin_version();
        out->plugin_id = station_str{id.data(), id.size()};
        out->plugin_version = station_str{version.data(), version.size()};
        return STATION_OK;
    });
}

std::int64_t remaining_ms(const station_context* ctx) noexcept {
    if (ctx == nullptr || ctx->endpoint == nullptr) return 0;
    return ctx->endpoint->remaining_ms();
}

// ---- log ----

void log_write(const station_context* ctx, std::int32_t level, station_str message) noexcept {
    if (!valid(message)) return;
    guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {std::int64_t{level}, view(message)};
        return e.call(ServiceFunction::LogWrite, args).status;
    });
}

// ---- config ----

station_status config_get(const station_context* ctx, station_str key,
                          const station_writer* value) noexcept {
    if (!valid(key)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(key)};
        return call_into(e, ServiceFunction::ConfigGet, args, value);
    });
}

station_status config_get_all(const station_context* ctx, const station_writer* object) noexcept {
    return guarded(ctx, [&](ServiceEndpoint& e) {
        return call_into(e, ServiceFunction::ConfigGetAll, {}, object);
    });
}

// ---- kv ----

station_status kv_get(const station_context* ctx, station_str key, const station_writer* value,
                      std::int64_t* version) noexcept {
    if (!valid(key)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(key)};
        ServiceReply reply = e.call(ServiceFunction::KvGet, args);
        if (reply.status != STATION_OK) return reply.status;
        if (version) *version = reply.value;
        return write_out(value, reply.data);
    });
}

station_status kv_put(const station_context* ctx, station_str key, station_str value,
                      std::int64_t expected_version, std::int64_t ttl_seconds,
                      std::int64_t* new_version) noexcept {
    if (!valid(key) || !valid(value)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(key), view(value), expected_version, ttl_seconds};
        ServiceReply reply = e.call(ServiceFunction::KvPut, args);
        if (reply.status == STATION_OK && new_version) *new_version = reply.value;
        return reply.status;
    });
}

station_status kv_remove(const station_context* ctx, station_str key,
                         std::int64_t expected_version) noexcept {
    if (!valid(key)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(key), expected_version};
        return e.call(ServiceFunction::KvRemove, args).status;
    });
}

station_status kv_list(const station_context* ctx, station_str prefix, station_str start_after,
                       std::uint32_t limit, const station_writer* keys) noexcept {
    if (!valid(prefix) || !valid(start_after)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(prefix), view(start_after), std::int64_t{limit}};
        return call_into(e, ServiceFunction::KvList, args, keys);
    });
}

// ---- http ----

station_status http_fetch(const station_context* ctx, const station_fetch_request* request,
                          std::int32_t* status, const station_writer* headers,
                          const station_writer* body) noexcept {
    if (request == nullptr ||
        request->struct_size < offsetof(station_fetch_request, body) + sizeof(station_str)) {
        return STATION_ERR_INVALID;
    }
    if (!valid(request->method) || !valid(request->url) || !valid(request->body) ||
        (request->headers == nullptr && request->header_count != 0) ||
        request->header_count > 100) {
        return STATION_ERR_INVALID;
    }
    return guarded(ctx, [&](ServiceEndpoint& e) {
        std::string lines;
        for (std::uint64_t i = 0; i < request->header_count; ++i) {
            const station_http_header& h = request->headers[i];
            if (!valid(h.name) || !valid(h.value)) return STATION_ERR_INVALID;
            lines.append(view(h.name)).append(": ").append(view(h.value)).append("\r\n");
        }
        ServiceArg args[] = {view(request->method), view(request->url), std::string_view(lines),
                             view(request->body), std::int64_t{request->timeout_ms}};
        ServiceReply reply = e.call(ServiceFunction::HttpFetch, args);
        if (reply.status != STATION_OK) return reply.status;
        if (status) *status = static_cast<std::int32_t>(reply.value);
        station_status written = write_out(headers, reply.extra);
        return written == STATION_OK ? write_out(body, reply.data) : written;
    });
}

// ---- email ----

station_status email_send(const station_context* ctx, const station_email* email,
                          const station_writer* message_id) noexcept {
    if (email == nullptr ||
        email->struct_size < offsetof(station_email, html) + sizeof(station_str)) {
        return STATION_ERR_INVALID;
    }
    if (!valid(email->to) || !valid(email->subject) || !valid(email->text) || !valid(email->html)) {
        return STATION_ERR_INVALID;
    }
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(email->to), view(email->subject), view(email->text),
                             view(email->html)};
        return call_into(e, ServiceFunction::EmailSend, args, message_id);
    });
}

// ---- tasks ----

station_status tasks_schedule(const station_context* ctx, station_str name, station_str payload,
                              std::int64_t delay_seconds, std::int64_t* task_id) noexcept {
    if (!valid(name) || !valid(payload)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(name), view(payload), delay_seconds};
        ServiceReply reply = e.call(ServiceFunction::TasksSchedule, args);
        if (reply.status == STATION_OK && task_id) *task_id = reply.value;
        return reply.status;
    });
}

station_status tasks_cancel(const station_context* ctx, std::int64_t task_id) noexcept {
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {task_id};
        return e.call(ServiceFunction::TasksCancel, args).status;
    });
}

// ---- metrics ----

station_status metrics_counter_add(const station_context* ctx, station_str name,
                                   std::int64_t delta) noexcept {
    if (!valid(name)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(name), delta};
        return e.call(ServiceFunction::MetricsCounterAdd, args).status;
    });
}

station_status metrics_gauge_set(const station_context* ctx, station_str name,
                                 std::int64_t value) noexcept {
    if (!valid(name)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(name), value};
        return e.call(ServiceFunction::MetricsGaugeSet, args).status;
    });
}

// ---- store data ----

station_status products_get(const station_context* ctx, std::int64_t id,
                            const station_writer* out) noexcept {
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {id};
        return call_into(e, ServiceFunction::ProductsGet, args, out);
    });
}

station_status products_list(const station_context* ctx, std::int64_t after_id, std::uint32_t limit,
                             const station_writer* out) noexcept {
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {after_id, std::int64_t{limit}};
        return call_into(e, ServiceFunction::ProductsList, args, out);
    });
}

station_status customers_get(const station_context* ctx, std::int64_t id,
                             const station_writer* out) noexcept {
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {id};
        return call_into(e, ServiceFunction::CustomersGet, args, out);
    });
}

station_status customers_find_by_email(const station_context* ctx, station_str email,
                                       const station_writer* out) noexcept {
    if (!valid(email)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {view(email)};
        return call_into(e, ServiceFunction::CustomersFindByEmail, args, out);
    });
}

station_status customers_list(const station_context* ctx, std::int64_t after_id,
                              std::uint32_t limit, const station_writer* out) noexcept {
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {after_id, std::int64_t{limit}};
        return call_into(e, ServiceFunction::CustomersList, args, out);
    });
}

station_status inventory_levels(const station_context* ctx, std::int64_t item_id,
                                const station_writer* out) noexcept {
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {item_id};
        return call_into(e, ServiceFunction::InventoryLevels, args, out);
    });
}

station_status inventory_adjust(const station_context* ctx, std::int64_t item_id,
                                std::int64_t location_id, std::int64_t delta, station_str reason,
                                const station_writer* out) noexcept {
    if (!valid(reason)) return STATION_ERR_INVALID;
    return guarded(ctx, [&](ServiceEndpoint& e) {
        ServiceArg args[] = {item_id, location_id, delta, view(reason)};
        return call_into(e, ServiceFunction::InventoryAdjust, args, out);
    });
}

// ---- tables ----

const station_core kCore{sizeof(station_core), 0, &get_service, &context_info, &remaining_ms};
const station_log_v1 kLog{sizeof(station_log_v1), 0, &log_write};
const station_config_v1 kConfig{sizeof(station_config_v1), 0, &config_get, &config_get_all};
const station_kv_v1 kKv{sizeof(station_kv_v1), 0, &kv_get, &kv_put, &kv_remove, &kv_list};
const station_http_v1 kHttp{sizeof(station_http_v1), 0, &http_fetch};
const station_email_v1 kEmail{sizeof(station_email_v1), 0, &email_send};
const station_tasks_v1 kTasks{sizeof(station_tasks_v1), 0, &tasks_schedule, &tasks_cancel};
const station_metrics_v1 kMetrics{sizeof(station_metrics_v1), 0, &metrics_counter_add,
                                  &metrics_gauge_set};
const station_products_v1 kProducts{sizeof(station_products_v1), 0, &products_get, &products_list};
const station_customers_v1 kCustomers{sizeof(station_customers_v1), 0, &customers_get,
                                      &customers_find_by_email, &customers_list};
const station_inventory_v1 kInventory{sizeof(station_inventory_v1), 0, &inventory_levels,
                                      &inventory_adjust};

const void* table_of(ServiceId id) {
    switch (id) {
        case ServiceId::Log:
            return &kLog;
        case ServiceId::Config:
            return &kConfig;
        case ServiceId::Kv:
            return &kKv;
        case ServiceId::Http:
            return &kHttp;
        case ServiceId::Email:
            return &kEmail;
        case ServiceId::Tasks:
            return &kTasks;
        case ServiceId::Metrics:
            return &kMetrics;
        case ServiceId::Products:
            return &kProducts;
        case ServiceId::Customers:
            return &kCustomers;
        case ServiceId::Inventory:
            return &kInventory;
    }
    return nullptr;
}

const void* get_service(const station_context* ctx, station_str id) noexcept {
    if (ctx == nullptr || ctx->endpoint == nullptr || !valid(id)) return nullptr;
    const ServiceInfo* info = find_service(view(id));
    if (info == nullptr) return nullptr;
    try {
        return ctx->endpoint->service_available(info->id) ? table_of(info->id) : nullptr;
    } catch (...) {
        return nullptr;
    }
}

const station_host_info kHostInfo{sizeof(station_host_info),
                                  STATION_PLUGIN_ABI_MAJOR,
                                  STATION_PLUGIN_ABI_MINOR,
                                  0,
                                  {kHostVersion.data(), kHostVersion.size()},
                                  &kCore};

}  // namespace

const station_core& core_table() {
    return kCore;
}

const station_host_info& host_info() {
    return kHostInfo;
}

}  // namespace station::plugins

#pragma once
// Every ABI service function in one generic shape, so a call is handled by the same host code
// whether the plugin runs in-process (a direct call) or in a worker (a message over the socket):
// a function id, a few arguments (integers and byte strings) and a reply of a status, an integer
// and up to two byte strings.
//
// ServiceEndpoint is what a station_context talks to: the host's broker in-process, the socket to
// the host in a worker. Endpoints are used only on the thread of the callback they serve.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include <station/plugin.h>

#include "tenant_runtime/plugins/manifest/catalog.hpp"

namespace station::plugins {

// Wire values: never renumber, only append.
enum class ServiceFunction : std::uint16_t {
    LogWrite = 1,               // (level, message)
    ConfigGet = 2,              // (key) → data
    ConfigGetAll = 3,           // () → data
    KvGet = 4,                  // (key) → data, value = version
    KvPut = 5,                  // (key, value, expected_version, ttl) → value = new version
    KvRemove = 6,               // (key, expected_version)
    KvList = 7,                 // (prefix, start_after, limit) → data
    HttpFetch = 8,              // (method, url, header lines, body, timeout_ms) → value = status,
                                //   data = body, extra = header lines
    EmailSend = 9,              // (to, subject, text, html) → data = message id
    TasksSchedule = 10,         // (name, payload, delay_seconds) → value = task id
    TasksCancel = 11,           // (task id)
    MetricsCounterAdd = 12,     // (name, delta)
    MetricsGaugeSet = 13,       // (name, value)
    ProductsGet = 14,           // (id) → data
    ProductsList = 15,          // (after_id, limit) → data
    CustomersGet = 16,          // (id) → data
    CustomersFindByEmail = 17,  // (email) → data
    CustomersList = 18,         // (after_id, limit) → data
    InventoryLevels = 19,       // (item id) → data
    InventoryAdjust = 20,       // (item id, location id, delta, reason) → data
};
inline constexpr std::uint16_t kLastServiceFunction = 20;

// The service a function belongs to (its availability decides whether the call is allowed).
ServiceId service_of(ServiceFunction function);
bool is_known_function(std::uint16_t value);

using ServiceArg = std::variant<std::int64_t, std::string_view>;

struct ServiceReply {
    station_status status = STATION_OK;
    std::int64_t value = 0;
    std::string data;
    std::string extra;

    static ServiceReply failure(station_status status) {
        ServiceReply reply;
        reply.status = status;
        return reply;
    }
};

class ServiceEndpoint {
public:
    virtual ~ServiceEndpoint() = default;

    // Whether get_service may hand out `service` in this call (declared and granted).
    virtual bool service_available(ServiceId service) const = 0;
    virtual ServiceReply call(ServiceFunction function, std::span<const ServiceArg> args) = 0;

    virtual std::int64_t store_id() const = 0;
    virtual std::string_view plugin_id() const = 0;
    virtual std::string_view plugin_version() const = 0;
    // INT64_MAX when the call has no deadline.
    virtual std::int64_t remaining_ms() const = 0;
};

}  // namespace station::plugins

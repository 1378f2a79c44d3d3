#include "tenant_runtime/plugins/services/service_broker.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "tenant_runtime/plugins/services/store_data.hpp"
#include "tenant_runtime/plugins/services/text_checks.hpp"

namespace station::plugins {
namespace {

// Typed access to a call's arguments; any mismatch makes the call STATION_ERR_INVALID.
class Args {
public:
    Args(std::span<const ServiceArg> args, std::size_t expected)
        : args_(args), ok_(args.size() == expected) {}

    std::string_view text(std::size_t i) {
        if (!ok_) return {};
        const auto* v = std::get_if<std::string_view>(&args_[i]);
        if (!v) ok_ = false;
        return v ? *v : std::string_view();
    }
    std::int64_t number(std::size_t i) {
        if (!ok_) return 0;
        const auto* v = std::get_if<std::int64_t>(&args_[i]);
        if (!v) ok_ = false;
        return v ? *v : 0;
    }
    bool ok() const { return ok_; }

private:
    std::span<const ServiceArg> args_;
    bool ok_;
};

const ServiceReply kInvalid = ServiceReply::failure(STATION_ERR_INVALID);

ServiceReply reply_with(station_status status, std::string data = {}, std::int64_t value = 0) {
    ServiceReply reply;
    reply.status = status;
    if (status == STATION_OK) {
        reply.data = std::move(data);
        reply.value = value;
    }
    return reply;
}

spdlog::level::level_enum log_level(std::int64_t level) {
    switch (level) {
        case STATION_LOG_DEBUG:
            return spdlog::level::debug;
        case STATION_LOG_INFO:
            return spdlog::level::info;
        case STATION_LOG_WARN:
            return spdlog::level::warn;
        default:
            return spdlog::level::err;
    }
}

std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point deadline) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                 std::chrono::steady_clock::now());
}

}  // namespace

ServiceBroker::ServiceBroker(BrokerDeps deps, BrokerOptions options)
    : deps_(std::move(deps)), options_(options) {}

ServiceReply ServiceBroker::execute(const StoreInstall& install, ServiceFunction function,
                                    std::span<const ServiceArg> args,
                                    std::chrono::steady_clock::time_point deadline) {
    if (!install.service_available(service_of(function))) {
        return ServiceReply::failure(STATION_ERR_DENIED);
    }
    try {
        return dispatch(install, function, args, deadline);
    } catch (const std::bad_alloc&) {
        return ServiceReply::failure(STATION_ERR_NO_MEMORY);
    } catch (const std::exception& e) {
        spdlog::error("plugin {} (store {}): service call {} failed: {}", install.plugin_id(),
                      install.store_id, static_cast<int>(function), e.what());
        return ServiceReply::failure(STATION_ERR_INTERNAL);
    }
}

ServiceReply ServiceBroker::dispatch(const StoreInstall& install, ServiceFunction function,
                                     std::span<const ServiceArg> args,
                                     std::chrono::steady_clock::time_point deadline) {
    const std::int64_t store_id = install.store_id;
    const std::string& plugin_id = install.plugin_id();
    const std::int64_t now = deps_.clock.unix_seconds();
    auto with_data = [&](auto&& fn) { return deps_.data.with(store_id, plugin_id, fn); };
    auto store_call = [&](auto&& fn) -> ServiceReply {
        auto store = deps_.store_of(store_id);
        if (!store) return ServiceReply::failure(STATION_ERR_UNAVAILABLE);
        std::shared_ptr<tenant::StoreRuntime> runtime = deps_.runtime_of(store_id);
        StoreDataCall call{
            *runtime, *store, plugin_id, install.granted_scopes, now, deps_.events_appended};
        return fn(call);
    };

    switch (function) {
        case ServiceFunction::LogWrite: {
            Args a(args, 2);
            std::int64_t level = a.number(0);
            std::string_view message = a.text(1);
            if (!a.ok()) return kInvalid;
            spdlog::log(log_level(level), "plugin {} (store {}): {}", plugin_id, store_id,
                        loggable(message, options_.max_log_bytes));
            return {};
        }
        case ServiceFunction::ConfigGet: {
            Args a(args, 1);
            std::string_view key = a.text(0);
            if (!a.ok()) return kInvalid;
            boost::json::object config = install.effective_config();
            auto it = config.find(key);
            if (it == config.end()) return ServiceReply::failure(STATION_ERR_NOT_FOUND);
            return reply_with(STATION_OK, boost::json::serialize(it->value()));
        }
        case ServiceFunction::ConfigGetAll: {
            if (!Args(args, 0).ok()) return kInvalid;
            return reply_with(STATION_OK, boost::json::serialize(install.effective_config()));
        }
        case ServiceFunction::KvGet: {
            Args a(args, 1);
            std::string_view key = a.text(0);
            if (!a.ok()) return kInvalid;
            KvValue value;
            station_status status = with_data(
                [&](sql::Database& db) { return kv_get(db, key, now, options_.kv, value); });
            return reply_with(status, std::move(value.value), value.version);
        }
        case ServiceFunction::KvPut: {
            Args a(args, 4);
            std::string_view key = a.text(0);
            std::string_view value = a.text(1);
            std::int64_t expected = a.number(2);
            std::int64_t ttl = a.number(3);
            if (!a.ok()) return kInvalid;
            std::int64_t version = 0;
            station_status status = with_data([&](sql::Database& db) {
                return kv_put(db, key, value, expected, ttl, now, options_.kv, version);
            });
            return reply_with(status, {}, version);
        }
        case ServiceFunction::KvRemove: {
            Args a(args, 2);
            std::string_view key = a.text(0);
            std::int64_t expected = a.number(1);
            if (!a.ok()) return kInvalid;
            return reply_with(with_data(
                [&](sql::Database& db) { return kv_remove(db, key, expected, now, options_.kv); }));
        }
        case ServiceFunction::KvList: {
            Args a(args, 3);
            std::string_view prefix = a.text(0);
            std::string_view after = a.text(1);
            std::int64_t limit = a.number(2);
            if (!a.ok()) return kInvalid;
            std::string json;
            station_status status = with_data([&](sql::Database& db) {
                return kv_list(db, prefix, after, limit, now, options_.kv, json);
            });
            return reply_with(status, std::move(json));
        }
        case ServiceFunction::HttpFetch: {
            Args a(args, 5);
            std::string_view method = a.text(0);
            std::string_view url = a.text(1);
            std::string_view headers = a.text(2);
            std::string_view body = a.text(3);
            std::int64_t timeout_ms = a.number(4);
            if (!a.ok()) return kInvalid;
            if (!deps_.egress) return ServiceReply::failure(STATION_ERR_UNAVAILABLE);
            return deps_.egress->fetch(install.manifest().egress, method, url, headers, body,
                                       timeout_ms, remaining(deadline));
        }
        case ServiceFunction::EmailSend:
            return send_email(install, args);
        case ServiceFunction::TasksSchedule: {
            Args a(args, 3);
            std::string_view name = a.text(0);
            std::string_view payload = a.text(1);
            std::int64_t delay = a.number(2);
            if (!a.ok()) return kInvalid;
            std::int64_t id = 0;
            station_status status = with_data([&](sql::Database& db) {
                return schedule_task(db, name, payload, delay, now, options_.tasks, id);
            });
            if (status == STATION_OK && deps_.task_scheduled) {
                deps_.task_scheduled(store_id, plugin_id, now + delay);
            }
            return reply_with(status, {}, id);
        }
        case ServiceFunction::TasksCancel: {
            Args a(args, 1);
            std::int64_t id = a.number(0);
            if (!a.ok()) return kInvalid;
            return reply_with(with_data([&](sql::Database& db) { return cancel_task(db, id); }));
        }
        case ServiceFunction::MetricsCounterAdd:
        case ServiceFunction::MetricsGaugeSet: {
            Args a(args, 2);
            std::string_view name = a.text(0);
            std::int64_t value = a.number(1);
            if (!a.ok()) return kInvalid;
            return reply_with(function == ServiceFunction::MetricsCounterAdd
                                  ? deps_.metrics.counter_add(plugin_id, store_id, name, value)
                                  : deps_.metrics.gauge_set(plugin_id, store_id, name, value));
        }
        case ServiceFunction::ProductsGet: {
            Args a(args, 1);
            std::int64_t id = a.number(0);
            if (!a.ok()) return kInvalid;
            return store_call([&](const StoreDataCall& call) { return products_get(call, id); });
        }
        case ServiceFunction::ProductsList: {
            Args a(args, 2);
            std::int64_t after = a.number(0);
            std::int64_t limit = a.number(1);
            if (!a.ok()) return kInvalid;
            return store_call(
                [&](const StoreDataCall& call) { return products_list(call, after, limit); });
        }
        case ServiceFunction::CustomersGet: {
            Args a(args, 1);
            std::int64_t id = a.number(0);
            if (!a.ok()) return kInvalid;
            return store_call([&](const StoreDataCall& call) { return customers_get(call, id); });
        }
        case ServiceFunction::CustomersFindByEmail: {
            Args a(args, 1);
            std::string_view email = a.text(0);
            if (!a.ok()) return kInvalid;
            return store_call(
                [&](const StoreDataCall& call) { return customers_find_by_email(call, email); });
        }
        case ServiceFunction::CustomersList: {
            Args a(args, 2);
            std::int64_t after = a.number(0);
            std::int64_t limit = a.number(1);
            if (!a.ok()) return kInvalid;
            return store_call(
                [&](const StoreDataCall& call) { return customers_list(call, after, limit); });
        }
        case ServiceFunction::InventoryLevels: {
            Args a(args, 1);
            std::int64_t item = a.number(0);
            if (!a.ok()) return kInvalid;
            return store_call(
                [&](const StoreDataCall& call) { return inventory_levels(call, item); });
        }
        case ServiceFunction::InventoryAdjust: {
            Args a(args, 4);
            std::int64_t item = a.number(0);
            std::int64_t location = a.number(1);
            std::int64_t delta = a.number(2);
            std::string_view reason = a.text(3);
            if (!a.ok()) return kInvalid;
            return store_call([&](const StoreDataCall& call) {
                return inventory_adjust(call, item, location, delta, reason);
            });
        }
    }
    return ServiceReply::failure(STATION_ERR_NOT_FOUND);
}

ServiceReply ServiceBroker::send_email(const StoreInstall& install,
                                       std::span<const ServiceArg> args) {
    Args a(args, 4);
    EmailRequest email{a.text(0), a.text(1), a.text(2), a.text(3)};
    if (!a.ok()) return kInvalid;
    if (!deps_.send_email) return ServiceReply::failure(STATION_ERR_UNAVAILABLE);
    auto store = deps_.store_of(install.store_id);
    if (!store) return ServiceReply::failure(STATION_ERR_UNAVAILABLE);
    const std::int64_t day = deps_.clock.unix_seconds() / 86400;
    // Count the message before sending: a crash after the send must not refund the quota.
    bool within_quota =
        deps_.data.with(install.store_id, install.plugin_id(), [&](sql::Database& db) {
            sql::Transaction transaction(db);
            std::int64_t sent =
                db.query_int64("SELECT sent FROM email_counts WHERE day = ?", {day}).value_or(0);
            if (sent >= options_.emails_per_day) return false;
            db.run(
                "INSERT INTO email_counts(day, sent) VALUES "
                "(?, 1) ON CONFLICT(day) DO UPDATE SET sent = "
                "sent + 1",
                {day});
            db.run("DELETE FROM email_counts WHERE day < ?", {day - 7});
            transaction.commit();
            return true;
        });
    if (!within_quota) return ServiceReply::failure(STATION_ERR_QUOTA);
    return deps_.send_email(*store, install, email);
}

}  // namespace station::plugins

#include "tenant_runtime/plugins/abi/service_call.hpp"

namespace station::plugins {

ServiceId service_of(ServiceFunction function) {
    switch (function) {
        case ServiceFunction::LogWrite:
            return ServiceId::Log;
        case ServiceFunction::ConfigGet:
        case ServiceFunction::ConfigGetAll:
            return ServiceId::Config;
        case ServiceFunction::KvGet:
        case ServiceFunction::KvPut:
        case ServiceFunction::KvRemove:
        case ServiceFunction::KvList:
            return ServiceId::Kv;
        case ServiceFunction::HttpFetch:
            return ServiceId::Http;
        case ServiceFunction::EmailSend:
            return ServiceId::Email;
        case ServiceFunction::TasksSchedule:
        case ServiceFunction::TasksCancel:
            return ServiceId::Tasks;
        case ServiceFunction::MetricsCounterAdd:
        case ServiceFunction::MetricsGaugeSet:
            return ServiceId::Metrics;
        case ServiceFunction::ProductsGet:
        case ServiceFunction::ProductsList:
            return ServiceId::Products;
        case ServiceFunction::CustomersGet:
        case ServiceFunction::CustomersFindByEmail:
        case ServiceFunction::CustomersList:
            return ServiceId::Customers;
        case ServiceFunction::InventoryLevels:
        case ServiceFunction::InventoryAdjust:
            return ServiceId::Inventory;
    }
    return ServiceId::Log;
}

bool is_known_function(std::uint16_t value) {
    return value >= 1 && value <= kLastServiceFunction;
}

}  // namespace station::plugins

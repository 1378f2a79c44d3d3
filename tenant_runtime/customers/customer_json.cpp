#include "tenant_runtime/customers/customer_json.hpp"

#include <boost/json/array.hpp>

#include "base/money/currency.hpp"
#include "base/util/clock.hpp"
#include "tenant_runtime/domain/graphql_id.hpp"

namespace station::tenant {
namespace {

boost::json::value text_or_null(const std::optional<std::string>& v) {
    if (!v) return nullptr;
    return boost::json::value(*v);
}

boost::json::value time_or_null(const std::optional<std::int64_t>& v) {
    if (!v) return nullptr;
    return boost::json::value(util::format_iso8601(*v));
}

}  // namespace

boost::json::object address_to_json(const Address& a) {
    std::string name =
        a.first_name + (a.first_name.empty() || a.last_name.empty() ? "" : " ") + a.last_name;
    return {{"id", a.id ? boost::json::value(*a.id) : boost::json::value(nullptr)},
            {"customer_id", a.customer_id},
            {"first_name", a.first_name},
            {"last_name", a.last_name},
            {"company", text_or_null(a.company)},
            {"address1", a.address1},
            {"address2", text_or_null(a.address2)},
            {"city", a.city},
            {"province", text_or_null(a.province)},
            {"country", text_or_null(a.country)},
            {"zip", text_or_null(a.zip)},
            {"phone", text_or_null(a.phone)},
            {"name", name},
            {"province_code", text_or_null(a.province_code)},
            {"country_code", text_or_null(a.country_code)},
            {"country_name", text_or_null(a.country)},
            {"default", a.is_default}};
}

boost::json::object customer_to_json(const Customer& c, int currency_exponent) {
    boost::json::array addresses;
    boost::json::value default_address = nullptr;
    for (const Address& a : c.addresses) {
        addresses.push_back(address_to_json(a));
        if (a.is_default) default_address = address_to_json(a);
    }
    return {
        {"id", c.id},
        {"email", text_or_null(c.email)},
        {"created_at", util::format_iso8601(c.created_at)},
        {"updated_at", util::format_iso8601(c.updated_at)},
        {"first_name", c.first_name},
        {"last_name", c.last_name},
        {"orders_count", c.orders_count},
        {"state", c.state},
        {"total_spent", money::format_decimal(c.total_spent_minor, currency_exponent)},
        {"last_order_id",
         c.last_order_id ? boost::json::value(*c.last_order_id) : boost::json::value(nullptr)},
        {"note", text_or_null(c.note)},
        {"verified_email", c.verified_email},
        {"multipass_identifier", nullptr},
        {"tax_exempt", c.tax_exempt},
        {"tags", c.tags},
        {"last_order_name", nullptr},
        {"currency", text_or_null(c.currency)},
        {"phone", text_or_null(c.phone)},
        {"locale", text_or_null(c.locale)},
        {"addresses", std::move(addresses)},
        {"accepts_marketing", c.email_marketing.state == "subscribed"},
        {"accepts_marketing_updated_at", time_or_null(c.email_marketing.consent_updated_at)},
        {"marketing_opt_in_level", text_or_null(c.email_marketing.opt_in_level)},
        {"email_marketing_consent",
         boost::json::object{
             {"state", c.email_marketing.state},
             {"opt_in_level", text_or_null(c.email_marketing.opt_in_level)},
             {"consent_updated_at", time_or_null(c.email_marketing.consent_updated_at)},
             {"source", text_or_null(c.email_marketing.source)}}},
        {"sms_marketing_consent",
         boost::json::object{
             {"state", c.sms_marketing.state},
             {"opt_in_level", text_or_null(c.sms_marketing.opt_in_level)},
             {"consent_updated_at", time_or_null(c.sms_marketing.consent_updated_at)},
             {"consent_collected_from", text_or_null(c.sms_marketing.source)}}},
        {"tax_exemptions", boost::json::array()},
        {"admin_graphql_api_id", graphql_id("Customer", c.id)},
        {"default_address", std::move(default_address)},
    };
}

}  // namespace station::tenant

#include "tenant_runtime/import_export/customer_csv.hpp"

#include "base/money/currency.hpp"
#include "tenant_runtime/customers/customers.hpp"
#include "tenant_runtime/import_export/csv.hpp"

namespace station::tenant {

std::string export_customers_csv(sql::Database& db, int exponent) {
    std::string out;
    append_csv_row(out, {"Customer ID",
                         "First Name",
                         "Last Name",
                         "Email",
                         "Accepts Email Marketing",
                         "Default Address Company",
                         "Default Address Address1",
                         "Default Address Address2",
                         "Default Address City",
                         "Default Address Province Code",
                         "Default Address Country Code",
                         "Default Address Zip",
                         "Default Address Phone",
                         "Phone",
                         "Accepts SMS Marketing",
                         "Total Spent",
                         "Total Orders",
                         "Note",
                         "Tax Exempt",
                         "Tags"});
    std::int64_t after = 0;
    for (;;) {
        auto customers = list_customers(db, {}, 250, after, 0);
        if (customers.empty()) break;
        for (const Customer& c : customers) {
            after = c.id;
            Address none;
            const Address* d = &none;
            for (const auto& a : c.addresses) {
                if (a.is_default) d = &a;
            }
            append_csv_row(out, {std::to_string(c.id),
                                 c.first_name,
                                 c.last_name,
                                 c.email.value_or(""),
                                 c.email_marketing.state == "subscribed" ? "yes" : "no",
                                 d->company.value_or(""),
                                 d->address1,
                                 d->address2.value_or(""),
                                 d->city,
                                 d->province_code.value_or(""),
                                 d->country_code.value_or(""),
                                 d->zip.value_or(""),
                                 d->phone.value_or(""),
                                 c.phone.value_or(""),
                                 c.sms_marketing.state == "subscribed" ? "yes" : "no",
                                 money::format_decimal(c.total_spent_minor, exponent),
                                 std::to_string(c.orders_count),
                                 c.note.value_or(""),
                                 c.tax_exempt ? "yes" : "no",
                                 c.tags});
        }
    }
    return out;
}

}  // namespace station::tenant

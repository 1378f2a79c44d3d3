#pragma once
// Customers in Shopify's customer CSV export format (Customer ID, First Name, Last Name, Email,
// Accepts Email Marketing, Default Address …, Phone, Accepts SMS Marketing, Total Spent,
// Total Orders, Note, Tax Exempt, Tags).

#include <string>

#include "base/sqlite/database.hpp"

namespace station::tenant {

std::string export_customers_csv(sql::Database& db, int currency_exponent);

}  // namespace station::tenant

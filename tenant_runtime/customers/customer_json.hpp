#pragma once
// Admin REST shapes of customer and customer_address (also the customers/* event payload).

#include <boost/json/object.hpp>

#include "tenant_runtime/customers/customers.hpp"

namespace station::tenant {

boost::json::object customer_to_json(const Customer& customer, int currency_exponent);
boost::json::object address_to_json(const Address& address);

}  // namespace station::tenant

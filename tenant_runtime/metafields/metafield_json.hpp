#pragma once
// Admin REST shape of a metafield (also the payload of metafields/* events).

#include <boost/json/object.hpp>

#include "tenant_runtime/metafields/metafields.hpp"

namespace station::tenant {

boost::json::object metafield_to_json(const Metafield& metafield);

}  // namespace station::tenant

#pragma once
// Admin REST shapes of custom_collection, smart_collection and collect; the collection shape is
// also the payload of `collections/*` events.

#include <boost/json/object.hpp>

#include "tenant_runtime/catalog/collections.hpp"

namespace station::tenant {

boost::json::object collection_to_json(const Collection& collection);
boost::json::object collect_to_json(const Collect& collect);

}  // namespace station::tenant

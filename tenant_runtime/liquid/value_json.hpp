#pragma once
// Converting render data from JSON once, before rendering.

#include <boost/json/value.hpp>

#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid {

// null, booleans, numbers (unsigned values beyond int64 become floats), strings, arrays and
// objects map to their Liquid counterparts; object key order is kept.
Value from_json(const boost::json::value& json);

}  // namespace station::liquid

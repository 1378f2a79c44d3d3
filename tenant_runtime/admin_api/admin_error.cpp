#include "tenant_runtime/admin_api/admin_error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace station::tenant {

AdminError AdminError::invalid(std::string_view field, std::string_view message) {
    boost::json::object errors;
    errors[field] = boost::json::array{boost::json::value(message)};
    return {422, std::move(errors)};
}

}  // namespace station::tenant

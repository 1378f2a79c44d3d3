#include "tenant_runtime/domain/field_error.hpp"

#include <ostream>
#include <stdexcept>

namespace station::tenant {

void throw_exception_from_error(const FieldError& error, const boost::source_location&) {
    throw std::runtime_error(error.field + " " + error.message);
}

std::ostream& operator<<(std::ostream& out, const FieldError& error) {
    return out << error.field << " " << error.message;
}

}  // namespace station::tenant

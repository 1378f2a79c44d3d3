#include "tenant_runtime/liquid/filter.hpp"

#include "tenant_runtime/liquid/value_ops.hpp"

namespace station::liquid {

const Value& FilterArgs::get(std::size_t index) const noexcept {
    return index < count_ ? *values_[index] : detail::nil_value();
}

}  // namespace station::liquid

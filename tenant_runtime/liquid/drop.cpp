#include "tenant_runtime/liquid/drop.hpp"

#include <algorithm>

namespace station::liquid {

Value Drop::items(RenderContext&) {
    return Value::array({});
}

Value Drop::slice(RenderContext& context, std::int64_t from, std::int64_t count) {
    Value all = items(context);
    if (!all.is_array()) return Value::array({});
    auto list = all.as_array();
    auto size = static_cast<std::int64_t>(list.size());
    std::int64_t begin = std::clamp<std::int64_t>(from, 0, size);
    std::int64_t end = count > size - begin ? size : begin + std::max<std::int64_t>(count, 0);
    return Value::array(std::vector<Value>(list.begin() + begin, list.begin() + end));
}

std::optional<Value> Drop::liquid_value(RenderContext&) {
    return std::nullopt;
}

void Drop::write_to(std::string& out, RenderContext&) {
    out += type_name();
}

}  // namespace station::liquid

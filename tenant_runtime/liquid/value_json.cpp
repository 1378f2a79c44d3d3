#include "tenant_runtime/liquid/value_json.hpp"

#include <limits>

namespace station::liquid {

Value from_json(const boost::json::value& json) {
    switch (json.kind()) {
        case boost::json::kind::null:
            return Value();
        case boost::json::kind::bool_:
            return Value::boolean(json.get_bool());
        case boost::json::kind::int64:
            return Value::integer(json.get_int64());
        case boost::json::kind::uint64: {
            std::uint64_t u = json.get_uint64();
            if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                return Value::integer(static_cast<std::int64_t>(u));
            }
            return Value::number(static_cast<double>(u));
        }
        case boost::json::kind::double_:
            return Value::number(json.get_double());
        case boost::json::kind::string:
            return Value::string(json.get_string());
        case boost::json::kind::array: {
            const auto& array = json.get_array();
            std::vector<Value> items;
            items.reserve(array.size());
            for (const auto& item : array)
                items.push_back(from_json(item));
            return Value::array(std::move(items));
        }
        case boost::json::kind::object: {
            ObjectBuilder builder;
            for (const auto& [key, value] : json.get_object())
                builder.set(key, from_json(value));
            return std::move(builder).build();
        }
    }
    return Value();
}

}  // namespace station::liquid

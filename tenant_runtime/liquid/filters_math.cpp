// Math filters, on Liquid's integer/decimal numbers (number.hpp).

#include <algorithm>
#include <cmath>

#include "tenant_runtime/liquid/filter_support.hpp"
#include "tenant_runtime/liquid/number.hpp"

namespace station::liquid::detail {
namespace {

Number num(const Value& value) {
    return Number::from_value(value);
}

Value f_plus(RenderContext&, const Value& input, const FilterArgs& args) {
    return num(input).plus(num(args[0])).to_value();
}

Value f_minus(RenderContext&, const Value& input, const FilterArgs& args) {
    return num(input).minus(num(args[0])).to_value();
}

Value f_times(RenderContext&, const Value& input, const FilterArgs& args) {
    return num(input).times(num(args[0])).to_value();
}

Value f_divided_by(RenderContext&, const Value& input, const FilterArgs& args) {
    return num(input).divided_by(num(args[0])).to_value();
}

Value f_modulo(RenderContext&, const Value& input, const FilterArgs& args) {
    return num(input).modulo(num(args[0])).to_value();
}

Value f_abs(RenderContext&, const Value& input, const FilterArgs&) {
    return num(input).abs().to_value();
}

Value f_ceil(RenderContext&, const Value& input, const FilterArgs&) {
    return num(input).ceil().to_value();
}

Value f_floor(RenderContext&, const Value& input, const FilterArgs&) {
    return num(input).floor().to_value();
}

Value f_round(RenderContext&, const Value& input, const FilterArgs& args) {
    std::int64_t digits = 0;
    if (args.size() > 0) {
        Number n = num(args[0]);
        // BigDecimal#round converts a non-integer digit count with to_int (truncation). Beyond
        // a few hundred digits every double rounds to itself or to zero, so clamp there.
        double wanted =
            n.is_integer() ? static_cast<double>(n.as_integer()) : std::trunc(n.to_double());
        digits =
            std::isnan(wanted) ? 0 : static_cast<std::int64_t>(std::clamp(wanted, -400.0, 400.0));
    }
    return num(input).round(digits).to_value();
}

Value f_at_least(RenderContext&, const Value& input, const FilterArgs& args) {
    Number bound = num(args[0]);
    Number value = num(input);
    return (bound.compare(value) > 0 ? bound : value).to_value();
}

Value f_at_most(RenderContext&, const Value& input, const FilterArgs& args) {
    Number bound = num(args[0]);
    Number value = num(input);
    return (bound.compare(value) < 0 ? bound : value).to_value();
}

FilterDefinition def(std::string name, FilterFunction function, std::uint8_t min,
                     std::uint8_t max) {
    return FilterDefinition{std::move(name), function, min, max, nullptr};
}

}  // namespace

void add_math_filters(std::vector<FilterDefinition>& out) {
    out.push_back(def("plus", f_plus, 1, 1));
    out.push_back(def("minus", f_minus, 1, 1));
    out.push_back(def("times", f_times, 1, 1));
    out.push_back(def("divided_by", f_divided_by, 1, 1));
    out.push_back(def("modulo", f_modulo, 1, 1));
    out.push_back(def("abs", f_abs, 0, 0));
    out.push_back(def("ceil", f_ceil, 0, 0));
    out.push_back(def("floor", f_floor, 0, 0));
    out.push_back(def("round", f_round, 0, 1));
    out.push_back(def("at_least", f_at_least, 1, 1));
    out.push_back(def("at_most", f_at_most, 1, 1));
}

}  // namespace station::liquid::detail

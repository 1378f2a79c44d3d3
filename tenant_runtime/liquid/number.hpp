#pragma once
// Liquid arithmetic as Shopify's Ruby implementation does it (Utils.to_number + BigDecimal):
// integers stay integers (division and modulo floor), anything with a float or a decimal string
// is computed in exact decimal and converted to a float at the end, so `0.1 | plus: 0.2` is 0.3.
//
// Integer results beyond the int64 range become floats (Ruby would use a bignum).
// Errors (division by zero, rounding an infinity) are reported by throwing RenderError.

#include <cstdint>

#include "tenant_runtime/liquid/value.hpp"

namespace station::liquid {

__extension__ typedef __int128 Int128;

class Number {
public:
    enum class Kind : std::uint8_t { kInteger, kDecimal, kSpecial };

    static Number integer(std::int64_t value) noexcept;
    // The shortest decimal that reads back as `value` (Ruby: BigDecimal(float.to_s)).
    static Number from_double(double value);
    // Utils.to_number: numbers as they are, decimal-looking strings as decimals, other strings
    // through String#to_i, everything else 0.
    static Number from_value(const Value& value);

    Kind kind() const noexcept { return kind_; }
    bool is_integer() const noexcept { return kind_ == Kind::kInteger; }
    std::int64_t as_integer() const noexcept { return integer_; }
    double to_double() const;
    // Integers as integers, decimals as floats (BigDecimal#to_f).
    Value to_value() const;

    Number plus(const Number& other) const;
    Number minus(const Number& other) const;
    Number times(const Number& other) const;
    Number divided_by(const Number& other) const;  // throws on integer division by zero
    Number modulo(const Number& other) const;      // throws on division by zero
    Number abs() const;
    // Liquid's `round: digits` (half away from zero); digits == 0 gives an integer.
    Number round(std::int64_t digits) const;
    Number ceil() const;   // throws for infinities and NaN
    Number floor() const;  // throws for infinities and NaN
    // <0, 0, >0; NaN compares as equal to everything.
    int compare(const Number& other) const;

private:
    static Number decimal(Int128 mantissa, std::int32_t exponent, bool negative_zero = false);
    // Sign, counting BigDecimal's negative zero.
    bool negative() const noexcept;
    static Number special(double value) noexcept;
    void normalize() noexcept;
    // Both operands as decimals scaled to a common exponent; false if that would overflow.
    bool align(const Number& other, Int128& a, Int128& b, std::int32_t& exponent) const;
    Number integral(bool up) const;

    Kind kind_ = Kind::kInteger;
    std::int64_t integer_ = 0;
    Int128 mantissa_ = 0;  // value = mantissa * 10^exponent
    std::int32_t exponent_ = 0;
    double special_ = 0;          // infinities and NaN
    bool negative_zero_ = false;  // BigDecimal keeps the sign of a zero (-0.5 * 0 is -0.0)
};

}  // namespace station::liquid

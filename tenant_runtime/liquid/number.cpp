#include "tenant_runtime/liquid/number.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "tenant_runtime/liquid/drop.hpp"
#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/ruby_format.hpp"

namespace station::liquid {
namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
// Mantissas are kept below 10^37 so that one more digit of scaling never overflows.
constexpr Int128 kMantissaLimit = [] {
    Int128 v = 1;
    for (int i = 0; i < 37; ++i)
        v *= 10;
    return v;
}();

Int128 abs128(Int128 v) {
    return v < 0 ? -v : v;
}

std::string to_decimal_string(Int128 mantissa, std::int32_t exponent) {
    bool negative = mantissa < 0;
    Int128 m = abs128(mantissa);
    char digits[48];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + static_cast<int>(m % 10));
        m /= 10;
    } while (m != 0);
    std::string out;
    if (negative) out.push_back('-');
    while (n > 0)
        out.push_back(digits[--n]);
    out += 'e';
    out += std::to_string(exponent);
    return out;
}

bool fits_int64(Int128 v) {
    return v >= kInt64Min && v <= kInt64Max;
}

[[noreturn]] void throw_zero_division() {
    throw RenderError("divided by 0", ErrorKind::kZeroDivision);
}

[[noreturn]] void throw_domain(double value) {
    if (std::isnan(value)) {
        throw RenderError("Computation results in 'NaN' (Not a Number)");
    }
    throw RenderError(value < 0 ? "Computation results in '-Infinity'"
                                : "Computation results in 'Infinity'");
}

// Ruby's Integer#/ and Integer#%: floor division.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
    std::int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

Number from_int128(Int128 v) {
    if (fits_int64(v)) return Number::integer(static_cast<std::int64_t>(v));
    return Number::from_double(static_cast<double>(v));
}

}  // namespace

Number Number::integer(std::int64_t value) noexcept {
    Number n;
    n.kind_ = Kind::kInteger;
    n.integer_ = value;
    return n;
}

Number Number::decimal(Int128 mantissa, std::int32_t exponent, bool negative_zero) {
    Number n;
    n.kind_ = Kind::kDecimal;
    n.mantissa_ = mantissa;
    n.exponent_ = exponent;
    n.negative_zero_ = mantissa == 0 && negative_zero;
    n.normalize();
    return n;
}

bool Number::negative() const noexcept {
    switch (kind_) {
        case Kind::kInteger:
            return integer_ < 0;
        case Kind::kDecimal:
            return mantissa_ < 0 || negative_zero_;
        case Kind::kSpecial:
            return std::signbit(special_);
    }
    return false;
}

Number Number::special(double value) noexcept {
    Number n;
    n.kind_ = Kind::kSpecial;
    n.special_ = value;
    return n;
}

void Number::normalize() noexcept {
    if (mantissa_ == 0) {
        exponent_ = 0;
        return;
    }
    while (mantissa_ % 10 == 0) {
        mantissa_ /= 10;
        ++exponent_;
    }
}

Number Number::from_double(double value) {
    if (!std::isfinite(value)) return special(value);
    if (value == 0) return decimal(0, 0, std::signbit(value));
    char buf[64];
    auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string_view text(buf, static_cast<std::size_t>(result.ptr - buf));
    bool negative = text.front() == '-';
    if (negative) text.remove_prefix(1);
    std::size_t e_pos = text.find('e');
    Int128 mantissa = 0;
    int digits = 0;
    for (char c : text.substr(0, e_pos)) {
        if (c == '.') continue;
        mantissa = mantissa * 10 + (c - '0');
        ++digits;
    }
    int exponent = 0;
    std::string_view exp_text = text.substr(e_pos + 1);
    std::from_chars(exp_text.data() + (exp_text.front() == '+' ? 1 : 0),
                    exp_text.data() + exp_text.size(), exponent);
    return decimal(negative ? -mantissa : mantissa, exponent - (digits - 1));
}

Number Number::from_value(const Value& value) {
    switch (value.kind()) {
        case ValueKind::kInt:
            return integer(value.as_int());
        case ValueKind::kFloat:
            return from_double(value.as_float());
        case ValueKind::kString: {
            std::string_view text = value.as_string();
            if (!is_decimal_literal(text)) return integer(ruby_string_to_i(text));
            text = ruby_strip(text);
            bool negative = text.front() == '-';
            if (negative) text.remove_prefix(1);
            Int128 mantissa = 0;
            std::int32_t exponent = 0;
            bool fraction = false;
            for (char c : text) {
                if (c == '.') {
                    fraction = true;
                    continue;
                }
                if (mantissa >= kMantissaLimit) {
                    // Digits beyond 37 significant ones are dropped (BigDecimal keeps them).
                    if (!fraction) ++exponent;
                    continue;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (fraction) --exponent;
            }
            return decimal(negative ? -mantissa : mantissa, exponent);
        }
        default:
            return integer(0);
    }
}

double Number::to_double() const {
    switch (kind_) {
        case Kind::kInteger:
            return static_cast<double>(integer_);
        case Kind::kSpecial:
            return special_;
        case Kind::kDecimal:
            break;
    }
    if (mantissa_ == 0) return negative_zero_ ? -0.0 : 0.0;
    std::string text = to_decimal_string(mantissa_, exponent_);
    return std::strtod(text.c_str(), nullptr);
}

Value Number::to_value() const {
    if (kind_ == Kind::kInteger) return Value::integer(integer_);
    return Value::number(to_double());
}

bool Number::align(const Number& other, Int128& a, Int128& b, std::int32_t& exponent) const {
    auto parts = [](const Number& n, Int128& m, std::int32_t& e) {
        if (n.kind_ == Kind::kInteger) {
            m = n.integer_;
            e = 0;
        } else {
            m = n.mantissa_;
            e = n.exponent_;
        }
    };
    std::int32_t ea = 0;
    std::int32_t eb = 0;
    parts(*this, a, ea);
    parts(other, b, eb);
    exponent = std::min(ea, eb);
    auto scale = [&](Int128& m, std::int32_t e) {
        for (std::int32_t i = exponent; i < e; ++i) {
            if (abs128(m) >= kMantissaLimit) return false;
            m *= 10;
        }
        return true;
    };
    return scale(a, ea) && scale(b, eb);
}

Number Number::plus(const Number& other) const {
    if (kind_ == Kind::kInteger && other.kind_ == Kind::kInteger) {
        std::int64_t r = 0;
        if (!__builtin_add_overflow(integer_, other.integer_, &r)) return integer(r);
        return from_double(static_cast<double>(integer_) + static_cast<double>(other.integer_));
    }
    Int128 a = 0;
    Int128 b = 0;
    std::int32_t e = 0;
    if (kind_ == Kind::kSpecial || other.kind_ == Kind::kSpecial || !align(other, a, b, e)) {
        return from_double(to_double() + other.to_double());
    }
    return decimal(a + b, e, negative_zero_ && other.negative_zero_);
}

Number Number::minus(const Number& other) const {
    if (kind_ == Kind::kInteger && other.kind_ == Kind::kInteger) {
        std::int64_t r = 0;
        if (!__builtin_sub_overflow(integer_, other.integer_, &r)) return integer(r);
        return from_double(static_cast<double>(integer_) - static_cast<double>(other.integer_));
    }
    Int128 a = 0;
    Int128 b = 0;
    std::int32_t e = 0;
    if (kind_ == Kind::kSpecial || other.kind_ == Kind::kSpecial || !align(other, a, b, e)) {
        return from_double(to_double() - other.to_double());
    }
    return decimal(a - b, e, negative_zero_ && !other.negative());
}

Number Number::times(const Number& other) const {
    if (kind_ == Kind::kInteger && other.kind_ == Kind::kInteger) {
        std::int64_t r = 0;
        if (!__builtin_mul_overflow(integer_, other.integer_, &r)) return integer(r);
        return from_double(static_cast<double>(integer_) * static_cast<double>(other.integer_));
    }
    if (kind_ == Kind::kSpecial || other.kind_ == Kind::kSpecial) {
        return from_double(to_double() * other.to_double());
    }
    Int128 a = kind_ == Kind::kInteger ? Int128(integer_) : mantissa_;
    Int128 b = other.kind_ == Kind::kInteger ? Int128(other.integer_) : other.mantissa_;
    std::int32_t ea = kind_ == Kind::kInteger ? 0 : exponent_;
    std::int32_t eb = other.kind_ == Kind::kInteger ? 0 : other.exponent_;
    Int128 product = 0;
    if (__builtin_mul_overflow(a, b, &product) || abs128(product) >= kMantissaLimit) {
        return from_double(to_double() * other.to_double());
    }
    return decimal(product, ea + eb, negative() != other.negative());
}

Number Number::divided_by(const Number& other) const {
    if (kind_ == Kind::kInteger && other.kind_ == Kind::kInteger) {
        if (other.integer_ == 0) throw_zero_division();
        if (integer_ == kInt64Min && other.integer_ == -1) {
            return from_double(-static_cast<double>(integer_));
        }
        return integer(floor_div(integer_, other.integer_));
    }
    double divisor = other.to_double();
    if (kind_ == Kind::kSpecial || other.kind_ == Kind::kSpecial || divisor == 0) {
        // BigDecimal division by zero yields an infinity (or NaN for 0/0) rather than raising.
        double dividend = to_double();
        if (divisor == 0) {
            if (dividend == 0 || std::isnan(dividend)) {
                return special(std::numeric_limits<double>::quiet_NaN());
            }
            return special(dividend < 0 ? -HUGE_VAL : HUGE_VAL);
        }
        return from_double(dividend / divisor);
    }
    Int128 a = kind_ == Kind::kInteger ? Int128(integer_) : mantissa_;
    Int128 b = other.kind_ == Kind::kInteger ? Int128(other.integer_) : other.mantissa_;
    std::int32_t ea = kind_ == Kind::kInteger ? 0 : exponent_;
    std::int32_t eb = other.kind_ == Kind::kInteger ? 0 : other.exponent_;
    std::int32_t scale = 0;
    while (abs128(a) < kMantissaLimit / 10 * 9 && a != 0) {
        a *= 10;
        ++scale;
    }
    return decimal(a / b, ea - eb - scale, negative() != other.negative());
}

Number Number::modulo(const Number& other) const {
    if (kind_ == Kind::kInteger && other.kind_ == Kind::kInteger) {
        if (other.integer_ == 0) throw_zero_division();
        if (other.integer_ == -1) return integer(0);
        return integer(floor_mod(integer_, other.integer_));
    }
    if (other.to_double() == 0) throw_zero_division();
    Int128 a = 0;
    Int128 b = 0;
    std::int32_t e = 0;
    if (kind_ == Kind::kSpecial || other.kind_ == Kind::kSpecial || !align(other, a, b, e)) {
        double x = to_double();
        double y = other.to_double();
        double r = std::fmod(x, y);
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return from_double(r);
    }
    Int128 r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return decimal(r, e);
}

Number Number::abs() const {
    switch (kind_) {
        case Kind::kInteger:
            if (integer_ == kInt64Min) return from_double(-static_cast<double>(integer_));
            return integer(integer_ < 0 ? -integer_ : integer_);
        case Kind::kSpecial:
            return special(std::fabs(special_));
        case Kind::kDecimal:
            break;
    }
    return decimal(abs128(mantissa_), exponent_);
}

Number Number::round(std::int64_t digits) const {
    if (kind_ == Kind::kSpecial) throw_domain(special_);
    Int128 m = kind_ == Kind::kInteger ? Int128(integer_) : mantissa_;
    std::int32_t e = kind_ == Kind::kInteger ? 0 : exponent_;
    Number rounded = *this;
    if (e < -digits) {
        std::int64_t drop = -digits - e;
        if (drop > 38) {
            rounded = decimal(0, 0, m < 0);
        } else {
            Int128 divisor = 1;
            for (std::int64_t i = 0; i < drop; ++i)
                divisor *= 10;
            Int128 q = m / divisor;
            Int128 r = abs128(m % divisor);
            if (r * 2 >= divisor) q += m < 0 ? -1 : 1;
            rounded = decimal(q, static_cast<std::int32_t>(-digits), m < 0);
        }
    }
    // Integer#round gives an integer; BigDecimal#round does for digits <= 0.
    if (digits > 0 && kind_ == Kind::kDecimal) return rounded;
    return rounded.integral(false);
}

Number Number::integral(bool up) const {
    switch (kind_) {
        case Kind::kInteger:
            return *this;
        case Kind::kSpecial:
            throw_domain(special_);
        case Kind::kDecimal:
            break;
    }
    if (exponent_ >= 0) {
        Int128 v = mantissa_;
        for (std::int32_t i = 0; i < exponent_; ++i) {
            if (abs128(v) >= kMantissaLimit) return from_double(to_double());
            v *= 10;
        }
        return from_int128(v);
    }
    if (exponent_ < -38) {
        if (mantissa_ > 0) return integer(up ? 1 : 0);
        return integer(up ? 0 : -1);
    }
    Int128 divisor = 1;
    for (std::int32_t i = 0; i < -exponent_; ++i)
        divisor *= 10;
    Int128 q = mantissa_ / divisor;
    Int128 r = mantissa_ % divisor;
    if (r != 0) {
        if (up && r > 0) ++q;
        if (!up && r < 0) --q;
    }
    return from_int128(q);
}

Number Number::ceil() const {
    return integral(true);
}

Number Number::floor() const {
    return integral(false);
}

int Number::compare(const Number& other) const {
    if (kind_ == Kind::kInteger && other.kind_ == Kind::kInteger) {
        return integer_ < other.integer_ ? -1 : (integer_ > other.integer_ ? 1 : 0);
    }
    Int128 a = 0;
    Int128 b = 0;
    std::int32_t e = 0;
    if (kind_ != Kind::kSpecial && other.kind_ != Kind::kSpecial && align(other, a, b, e)) {
        return a < b ? -1 : (a > b ? 1 : 0);
    }
    double x = to_double();
    double y = other.to_double();
    return x < y ? -1 : (x > y ? 1 : 0);
}

}  // namespace station::liquid

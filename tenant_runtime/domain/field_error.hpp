#pragma once
// The one expected failure of a store write: input that breaks a domain rule (a taken handle, a
// fourth product option, a duplicate email). Returned, never thrown; the Admin API renders it as
// 422 {"errors": {"<field>": ["<message>"]}}.

#include <iosfwd>
#include <string>

#include <boost/system/result.hpp>

namespace station::tenant {

struct FieldError {
    // A constructor (not an aggregate) so Checked<std::string> can tell values from errors.
    FieldError() = default;
    FieldError(std::string field_name, std::string text)
        : field(std::move(field_name)), message(std::move(text)) {}

    std::string field;    // "handle", "variants", "email"
    std::string message;  // "has already been taken"
};

// "<field> <message>", for logs and test failure messages.
std::ostream& operator<<(std::ostream& out, const FieldError& error);

template <class T>
using Checked = boost::system::result<T, FieldError>;

// Lets Checked<T>::value() throw std::runtime_error("<field> <message>") on an error.
[[noreturn]] void throw_exception_from_error(const FieldError& error,
                                             const boost::source_location& location);

}  // namespace station::tenant

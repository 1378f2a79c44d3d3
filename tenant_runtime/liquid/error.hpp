#pragma once
// Liquid errors as values. Parsing and rendering return boost::system::result<T, Error>; an Error
// carries where it happened (template name, 1-based line and column) and prints the way Shopify's
// Liquid does: "Liquid syntax error (line 3): Unknown tag 'foo'",
// "Liquid error (snippets/card line 7): divided by 0".
//
// RenderError is the exception filters, drops and custom tags throw to report a Liquid error at
// the node being rendered; the engine catches it and either prints it inline (lax) or turns it
// into the render's Error (strict).

#include <cstdint>
#include <exception>
#include <iosfwd>
#include <stdexcept>
#include <string>

#include <boost/assert/source_location.hpp>

namespace station::liquid {

enum class ErrorKind : std::uint8_t {
    kSyntax,             // malformed template
    kArgument,           // bad filter/tag argument, wrong arity, incompatible comparison
    kZeroDivision,       // divided_by / modulo by zero
    kUndefinedVariable,  // strict variables only
    kUndefinedFilter,    // strict mode only
    kPartial,            // partial missing or not loadable
    kNesting,            // render/include depth cap or block nesting depth
    kResourceLimit,      // deadline, output size, loop iterations, template size
    kInternal,           // a host extension failed unexpectedly
};

struct Error {
    ErrorKind kind = ErrorKind::kInternal;
    std::string message;        // without prefix or location
    std::string template_name;  // empty for an anonymous template
    std::uint32_t line = 0;     // 1-based; 0 when unknown
    std::uint32_t column = 0;   // 1-based byte column; 0 when unknown

    // Shopify's rendering: "Liquid error (name line 3): message".
    std::string to_string() const;
    // "name:3:5: Liquid syntax error: message", for tools and strict mode.
    std::string describe() const;
};

// Prints describe(); lets result<T, Error> and test frameworks show errors.
std::ostream& operator<<(std::ostream& out, const Error& error);

// Thrown by extensions (and the engine's own filters) for an error at the current node.
class RenderError : public std::runtime_error {
public:
    explicit RenderError(std::string message, ErrorKind kind = ErrorKind::kArgument)
        : std::runtime_error(std::move(message)), kind_(kind) {}
    ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

// What result<T, Error>::value() throws when it holds an error.
class LiquidException : public std::exception {
public:
    explicit LiquidException(Error error) : error_(std::move(error)), what_(error_.describe()) {}
    const Error& error() const noexcept { return error_; }
    const char* what() const noexcept override { return what_.c_str(); }

private:
    Error error_;
    std::string what_;
};

// Hook for boost::system::result<T, Error>.
[[noreturn]] void throw_exception_from_error(const Error& error,
                                             const boost::source_location& location);

}  // namespace station::liquid

#pragma once
// Validation and normalization of a custom domain a merchant types in (an input to
// POST /api/stores/{id}/domains). Pure and thread-safe.

#include <string>
#include <string_view>

#include <boost/system/result.hpp>

namespace station::domains {

// Why a domain was refused; `message` is written for the merchant and `field` is the JSON field
// a 422 response names.
struct DomainNameError {
    std::string field = "domain";
    std::string message;
};

// Lets the result's value() throw std::invalid_argument(message) on an error.
[[noreturn]] void throw_exception_from_error(const DomainNameError& error,
                                             const boost::source_location& location);

// The normalized domain: surrounding whitespace trimmed, ASCII lower-cased, one trailing dot
// removed. Accepts only host names of LDH labels (letters, digits, inner hyphens), each 1–63
// characters, at least two labels, at most 253 characters in all. Internationalized names must be
// given in their punycode ("xn--") form: raw non-ASCII text is refused with a message saying so.
// IP addresses, wildcards, ports, schemes, paths and all-numeric top-level labels are refused.
boost::system::result<std::string, DomainNameError> normalize_domain(std::string_view input);

}  // namespace station::domains

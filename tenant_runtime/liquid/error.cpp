#include "tenant_runtime/liquid/error.hpp"

#include <ostream>

namespace station::liquid {

std::string Error::to_string() const {
    std::string out = kind == ErrorKind::kSyntax ? "Liquid syntax error" : "Liquid error";
    if (line != 0) {
        out += " (";
        if (!template_name.empty()) {
            out += template_name;
            out += ' ';
        }
        out += "line ";
        out += std::to_string(line);
        out += ')';
    }
    out += ": ";
    out += message;
    return out;
}

std::string Error::describe() const {
    std::string out = template_name.empty() ? std::string("<template>") : template_name;
    if (line != 0) {
        out += ':';
        out += std::to_string(line);
        if (column != 0) {
            out += ':';
            out += std::to_string(column);
        }
    }
    out += kind == ErrorKind::kSyntax ? ": Liquid syntax error: " : ": Liquid error: ";
    out += message;
    return out;
}

std::ostream& operator<<(std::ostream& out, const Error& error) {
    return out << error.describe();
}

void throw_exception_from_error(const Error& error, const boost::source_location&) {
    throw LiquidException(error);
}

}  // namespace station::liquid

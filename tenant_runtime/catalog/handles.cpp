#include "tenant_runtime/catalog/handles.hpp"

namespace station::tenant {
namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string handleize(std::string_view text) {
    std::string out;
    bool pending_hyphen = false;
    for (char raw : text) {
        char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw + 32) : raw;
        if (is_alnum(c)) {
            if (pending_hyphen && !out.empty()) out += '-';
            pending_hyphen = false;
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x80) {
            pending_hyphen = true;
        }
    }
    return out;
}

bool is_valid_handle(std::string_view handle) {
    if (handle.empty() || handle.size() > 255) return false;
    if (handle.front() == '-' || handle.back() == '-') return false;
    char previous = 0;
    for (char c : handle) {
        if (!is_alnum(c) && c != '-') return false;
        if (c == '-' && previous == '-') return false;
        previous = c;
    }
    return true;
}

}  // namespace station::tenant

#include "tenant_runtime/liquid/ast.hpp"

namespace station::liquid::ast {

KnownName known_name(std::string_view text) noexcept {
    if (text == "size") return KnownName::kSize;
    if (text == "first") return KnownName::kFirst;
    if (text == "last") return KnownName::kLast;
    return KnownName::kNone;
}

Key make_key(std::string_view text) noexcept {
    return Key{text, hash_name(text), known_name(text)};
}

}  // namespace station::liquid::ast

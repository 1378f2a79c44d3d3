#pragma once
// Admin API access scopes, named as Shopify names them. A `write_X` scope implies `read_X`.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace station::tenant {

// Every scope a store's owner token carries.
std::span<const std::string_view> all_access_scopes();
bool is_known_scope(std::string_view scope);

// The set of scopes an Admin API token was granted. Cheap to copy.
class AccessScopes {
public:
    AccessScopes() = default;
    explicit AccessScopes(std::vector<std::string> scopes) : scopes_(std::move(scopes)) {}

    // True when `scope` (e.g. "read_products") was granted directly or through its write_ form.
    bool allows(std::string_view scope) const;
    const std::vector<std::string>& granted() const { return scopes_; }

private:
    std::vector<std::string> scopes_;
};

}  // namespace station::tenant

#include "tenant_runtime/catalog/tags.hpp"

#include <algorithm>

#include "base/util/strings.hpp"

namespace station::tenant {

std::vector<std::string> split_tags(std::string_view text) {
    std::vector<std::string> tags;
    for (std::string_view piece : util::split(text, ',')) {
        std::string_view tag = util::trim(piece);
        if (tag.empty()) continue;
        if (tag.size() > 255) tag = tag.substr(0, 255);
        bool seen = std::any_of(tags.begin(), tags.end(),
                                [&](const std::string& t) { return util::iequals(t, tag); });
        if (!seen) tags.emplace_back(tag);
    }
    return tags;
}

std::string join_tags(const std::vector<std::string>& tags) {
    return util::join(tags, ", ");
}

std::string normalize_tags(std::string_view text) {
    return join_tags(split_tags(text));
}

}  // namespace station::tenant

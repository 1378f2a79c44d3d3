#pragma once
// The set of filters and custom tags templates are compiled against.
//
// Environment::standard() is Shopify Liquid's standard library. Hosts derive their own with
// Environment::Builder (the storefront adds `money`, `t`, `section`, `paginate`, …). An
// Environment is immutable once built and shared (shared_ptr<const Environment>) by every
// template compiled against it, from any thread.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "tenant_runtime/liquid/filter.hpp"
#include "tenant_runtime/liquid/tag.hpp"

namespace station::liquid {

class Environment {
public:
    static std::shared_ptr<const Environment> standard();

    class Builder {
    public:
        // Starts from the standard library.
        Builder();
        // Adds or replaces a filter.
        Builder& add_filter(FilterDefinition filter);
        // Adds or replaces a custom tag; a custom tag may also take over a built-in tag's name.
        Builder& add_tag(TagDefinition tag);
        // Hands over the environment; the builder is empty afterwards.
        std::shared_ptr<const Environment> build();

    private:
        std::unique_ptr<Environment> environment_;
    };

    const FilterDefinition* find_filter(std::string_view name) const;
    const TagDefinition* find_tag(std::string_view name) const;

private:
    Environment() = default;

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::unordered_map<std::string, FilterDefinition, Hash, std::equal_to<>> filters_;
    std::unordered_map<std::string, TagDefinition, Hash, std::equal_to<>> tags_;
};

}  // namespace station::liquid

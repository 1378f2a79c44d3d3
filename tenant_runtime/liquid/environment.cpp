#include "tenant_runtime/liquid/environment.hpp"

#include "tenant_runtime/liquid/standard_filters.hpp"

namespace station::liquid {

std::shared_ptr<const Environment> Environment::standard() {
    static const std::shared_ptr<const Environment> standard = Builder().build();
    return standard;
}

Environment::Builder::Builder() : environment_(new Environment()) {
    for (FilterDefinition& filter : standard_filters()) {
        std::string name = filter.name;
        environment_->filters_.insert_or_assign(std::move(name), std::move(filter));
    }
}

Environment::Builder& Environment::Builder::add_filter(FilterDefinition filter) {
    std::string name = filter.name;
    environment_->filters_.insert_or_assign(std::move(name), std::move(filter));
    return *this;
}

Environment::Builder& Environment::Builder::add_tag(TagDefinition tag) {
    std::string name = tag.name;
    environment_->tags_.insert_or_assign(std::move(name), std::move(tag));
    return *this;
}

std::shared_ptr<const Environment> Environment::Builder::build() {
    return std::shared_ptr<const Environment>(std::move(environment_));
}

const FilterDefinition* Environment::find_filter(std::string_view name) const {
    auto it = filters_.find(name);
    return it == filters_.end() ? nullptr : &it->second;
}

const TagDefinition* Environment::find_tag(std::string_view name) const {
    if (tags_.empty()) return nullptr;
    auto it = tags_.find(name);
    return it == tags_.end() ? nullptr : &it->second;
}

}  // namespace station::liquid

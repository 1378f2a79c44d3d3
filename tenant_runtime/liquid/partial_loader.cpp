#include "tenant_runtime/liquid/partial_loader.hpp"

namespace station::liquid {

Error missing_partial_error(std::string_view name) {
    return Error{ErrorKind::kPartial, "No such template '" + std::string(name) + "'", {}, 0, 0};
}

MemoryPartialLoader::MemoryPartialLoader(std::shared_ptr<const Environment> environment,
                                         ParseOptions options)
    : environment_(std::move(environment)), options_(std::move(options)) {}

void MemoryPartialLoader::add(std::string name, std::string source) {
    std::lock_guard lock(mutex_);
    entries_.insert_or_assign(std::move(name), Entry{std::move(source), nullptr});
}

boost::system::result<TemplatePtr, Error> MemoryPartialLoader::load(std::string_view name) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(name);
    if (it == entries_.end()) return missing_partial_error(name);
    Entry& entry = it->second;
    if (!entry.compiled) {
        ParseOptions options = options_;
        options.name = it->first;
        auto compiled = Template::parse(environment_, entry.source, options);
        if (!compiled) return compiled.error();
        entry.compiled = std::move(compiled).value();
    }
    return entry.compiled;
}

}  // namespace station::liquid

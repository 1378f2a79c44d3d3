#pragma once
// Where `render` and `include` find their partials (snippets).
//
// A loader returns compiled templates and is expected to cache them: the engine asks for a
// partial once per render and name. Loaders shared between concurrent renders must be
// thread-safe; MemoryPartialLoader is.

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/system/result.hpp>

#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/template.hpp"

namespace station::liquid {

class PartialLoader {
public:
    virtual ~PartialLoader() = default;
    // The compiled partial `name`. Errors: kPartial when there is no such partial (the message is
    // shown to template authors), or the partial's own parse error.
    virtual boost::system::result<TemplatePtr, Error> load(std::string_view name) = 0;
};

// Partials given as source text, compiled on first use and cached. Thread-safe.
class MemoryPartialLoader final : public PartialLoader {
public:
    // `options.name` is ignored: each partial is named after its key.
    MemoryPartialLoader(std::shared_ptr<const Environment> environment, ParseOptions options);

    void add(std::string name, std::string source);
    boost::system::result<TemplatePtr, Error> load(std::string_view name) override;

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    struct Entry {
        std::string source;
        TemplatePtr compiled;
    };

    std::shared_ptr<const Environment> environment_;
    ParseOptions options_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
};

// The message Liquid shows for a missing partial: "No such template 'name'".
Error missing_partial_error(std::string_view name);

}  // namespace station::liquid

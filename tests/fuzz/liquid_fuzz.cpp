// libFuzzer target: parse and render arbitrary template text in lax and strict mode, with
// partials (one of them the input itself, so recursion is exercised) and tight limits.
//
// Input: the template source. A first byte below 0x04 selects options instead of being text:
// bit 0 strict mode, bit 1 strict variables.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "tenant_runtime/liquid/environment.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"
#include "tenant_runtime/liquid/render.hpp"
#include "tenant_runtime/liquid/template.hpp"
#include "tenant_runtime/liquid/value_json.hpp"

namespace {

namespace liquid = station::liquid;

const liquid::Value& fuzz_data() {
    static const liquid::Value data = liquid::from_json(boost::json::parse(R"({
        "s": "Hello <World> & \"friends\"", "n": 42, "f": 3.25, "neg": -7, "t": true,
        "nothing": null, "empty": "", "list": [3, 1, 2, "x", null, 2.5, [1, [2]], {"k": "v"}],
        "words": ["b", "B", "a"], "h": {"a": 1, "b": [1, 2], "c": {"d": "deep"}},
        "products": [{"title": "Tee", "price": 4900, "tags": ["x"]},
                     {"title": "Hat", "price": 1500, "available": false}],
        "date": "2016-03-14T10:11:12Z", "ts": 1152098955
    })"));
    return data;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(bytes), size);
    unsigned flags = 0;
    if (!input.empty() && static_cast<unsigned char>(input[0]) < 0x04) {
        flags = static_cast<unsigned char>(input[0]);
        input.remove_prefix(1);
    }
    const auto mode = (flags & 1) != 0 ? liquid::Mode::kStrict : liquid::Mode::kLax;
    auto environment = liquid::Environment::standard();
    liquid::ParseOptions parse_options;
    parse_options.mode = mode;
    parse_options.max_template_bytes = 64 * 1024;

    liquid::MemoryPartialLoader partials(environment, parse_options);
    partials.add("self", std::string(input));
    partials.add("card", "{{ product.title | upcase }}{% if forloop.last %}!{% endif %}");
    partials.add("shared", "{% assign shared = 'set' %}{% increment c %}{% cycle 'a', 'b' %}");

    auto tpl = liquid::Template::parse(environment, input, parse_options);
    if (!tpl) return 0;
    liquid::RenderOptions options;
    options.mode = mode;
    options.strict_variables = (flags & 2) != 0;
    options.partials = &partials;
    options.now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
    options.limits.timeout = std::chrono::milliseconds(250);
    options.limits.max_output_bytes = 256 * 1024;
    options.limits.max_loop_iterations = 20'000;
    options.limits.max_partial_depth = 8;
    options.limits.max_assign_bytes = 256 * 1024;
    (void)liquid::render(*tpl.value(), fuzz_data(), options);
    return 0;
}

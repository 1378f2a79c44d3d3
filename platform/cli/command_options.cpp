#include "platform/cli/command_options.hpp"

#include <stdexcept>

extern char** environ;

namespace station::cli {

std::optional<std::string> take_option(CommandArgs& args, std::string_view name) {
    std::string flag = "--" + std::string(name);
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == flag) {
            if (i + 1 >= args.size()) throw std::invalid_argument(flag + ": expected a value");
            std::string value = args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                       args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
            return value;
        }
        if (args[i].starts_with(flag + "=")) {
            std::string value = args[i].substr(flag.size() + 1);
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
            return value;
        }
    }
    return std::nullopt;
}

std::vector<std::string> process_environment() {
    std::vector<std::string> out;
    for (char** e = environ; *e; ++e)
        out.emplace_back(*e);
    return out;
}

}  // namespace station::cli

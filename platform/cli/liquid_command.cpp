#include "platform/cli/liquid_command.hpp"

#include <filesystem>
#include <fstream>
#include <istream>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "platform/cli/command_options.hpp"
#include "tenant_runtime/liquid/environment.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"
#include "tenant_runtime/liquid/render.hpp"
#include "tenant_runtime/liquid/template.hpp"
#include "tenant_runtime/liquid/value_json.hpp"

namespace station::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr std::string_view kUsage =
    "usage: station liquid render TEMPLATE [--data FILE.json] [--partials DIR] [--strict]\n"
    "       station liquid render --batch   (JSON lines on stdin, see `station help`)\n";

// Inputs larger than this are refused rather than read into memory.
constexpr std::uintmax_t kMaxInputBytes = 64u << 20;

std::string read_file(const fs::path& path) {
    std::error_code ec;
    std::uintmax_t size = fs::file_size(path, ec);
    if (ec) throw std::runtime_error(path.string() + ": " + ec.message());
    if (size > kMaxInputBytes) throw std::runtime_error(path.string() + ": file too large");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path.string() + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

json::value parse_json(std::string_view text, std::string_view what) {
    boost::system::error_code ec;
    json::value value = json::parse(text, ec);
    if (ec) throw std::runtime_error(std::string(what) + ": invalid JSON (" + ec.message() + ")");
    return value;
}

// Partials as DIR/<name>.liquid, compiled on first use. Names that would leave DIR are refused.
class DirectoryPartialLoader final : public liquid::PartialLoader {
public:
    DirectoryPartialLoader(fs::path dir, std::shared_ptr<const liquid::Environment> environment,
                           liquid::ParseOptions options)
        : dir_(std::move(dir)),
          environment_(std::move(environment)),
          options_(std::move(options)) {}

    boost::system::result<liquid::TemplatePtr, liquid::Error> load(std::string_view name) override {
        auto cached = cache_.find(std::string(name));
        if (cached != cache_.end()) return cached->second;
        fs::path relative = fs::path(std::string(name) + ".liquid").lexically_normal();
        bool escapes = relative.is_absolute() || relative.empty() || *relative.begin() == ".." ||
                       name.find('\0') != std::string_view::npos;
        fs::path path = dir_ / relative;
        std::error_code ec;
        if (escapes || !fs::is_regular_file(path, ec)) return liquid::missing_partial_error(name);
        std::string source;
        try {
            source = read_file(path);
        } catch (const std::exception&) {
            return liquid::missing_partial_error(name);
        }
        liquid::ParseOptions options = options_;
        options.name = std::string(name);
        auto compiled = liquid::Template::parse(environment_, source, options);
        if (!compiled) return compiled.error();
        cache_.emplace(std::string(name), compiled.value());
        return compiled.value();
    }

private:
    fs::path dir_;
    std::shared_ptr<const liquid::Environment> environment_;
    liquid::ParseOptions options_;
    std::map<std::string, liquid::TemplatePtr> cache_;
};

int render_file(CommandArgs args, CommandIo& io) {
    std::optional<std::string> data_file = take_option(args, "data");
    std::optional<std::string> partials_dir = take_option(args, "partials");
    bool strict = false;
    std::vector<std::string> positional;
    for (const std::string& arg : args) {
        if (arg == "--strict") {
            strict = true;
        } else if (arg.starts_with("--")) {
            throw std::invalid_argument("unknown option " + arg);
        } else {
            positional.push_back(arg);
        }
    }
    if (positional.size() != 1) throw std::invalid_argument("exactly one TEMPLATE is required");
    const std::string& template_path = positional[0];

    auto environment = liquid::Environment::standard();
    liquid::ParseOptions parse_options;
    parse_options.mode = strict ? liquid::Mode::kStrict : liquid::Mode::kLax;
    parse_options.name = template_path;
    liquid::Value data;
    if (data_file) {
        json::value parsed = parse_json(read_file(*data_file), *data_file);
        if (!parsed.is_object())
            throw std::runtime_error(*data_file + ": data must be a JSON object");
        data = liquid::from_json(parsed);
    }
    auto tpl = liquid::Template::parse(environment, read_file(template_path), parse_options);
    if (!tpl) {
        io.err << tpl.error().describe() << "\n";
        return kExitFailure;
    }
    std::optional<DirectoryPartialLoader> loader;
    if (partials_dir) loader.emplace(*partials_dir, environment, parse_options);
    std::vector<liquid::Error> inline_errors;
    liquid::RenderOptions options;
    options.mode = parse_options.mode;
    options.partials = loader ? &*loader : nullptr;
    options.errors = &inline_errors;
    std::string out;
    auto rendered = liquid::render_to(out, *tpl.value(), data, options);
    if (!rendered) {
        io.err << rendered.error().describe() << "\n";
        return kExitFailure;
    }
    io.out << out;
    io.out.flush();
    for (const liquid::Error& error : tpl.value()->syntax_errors())
        io.err << error.describe() << "\n";
    for (const liquid::Error& error : inline_errors)
        io.err << error.describe() << "\n";
    return kExitOk;
}

std::string batch_line(const std::string& line) {
    json::object response;
    try {
        json::value request = parse_json(line, "request");
        if (!request.is_object()) throw std::runtime_error("a request must be a JSON object");
        const json::object& fields = request.get_object();
        const json::value* source = fields.if_contains("template");
        if (source == nullptr || !source->is_string()) {
            throw std::runtime_error("\"template\" must be a string");
        }
        bool strict = false;
        if (const json::value* flag = fields.if_contains("strict")) {
            if (!flag->is_bool()) throw std::runtime_error("\"strict\" must be a boolean");
            strict = flag->get_bool();
        }
        auto environment = liquid::Environment::standard();
        liquid::ParseOptions parse_options;
        parse_options.mode = strict ? liquid::Mode::kStrict : liquid::Mode::kLax;
        liquid::MemoryPartialLoader partials(environment, parse_options);
        if (const json::value* given = fields.if_contains("partials")) {
            if (!given->is_object()) throw std::runtime_error("\"partials\" must be an object");
            for (const auto& [name, text] : given->get_object()) {
                if (!text.is_string()) throw std::runtime_error("partials must be strings");
                partials.add(std::string(name), std::string(text.get_string()));
            }
        }
        liquid::Value data;
        if (const json::value* given = fields.if_contains("data")) data = liquid::from_json(*given);
        auto tpl = liquid::Template::parse(environment, source->get_string(), parse_options);
        if (!tpl) {
            response["error"] = tpl.error().describe();
        } else {
            liquid::RenderOptions options;
            options.mode = parse_options.mode;
            options.partials = &partials;
            auto rendered = liquid::render(*tpl.value(), data, options);
            if (rendered) {
                response["output"] = rendered.value();
            } else {
                response["error"] = rendered.error().describe();
            }
        }
    } catch (const std::exception& e) {
        response["error"] = std::string("invalid request: ") + e.what();
    }
    return json::serialize(response);
}

int render_batch(CommandIo& io) {
    std::string line;
    while (std::getline(io.in, line)) {
        if (line.empty()) continue;
        io.out << batch_line(line) << "\n";
        io.out.flush();
    }
    return kExitOk;
}

}  // namespace

int run_liquid_command(const CommandArgs& args, CommandIo& io) {
    if (args.empty() || args[0] != "render") {
        io.err << kUsage;
        return kExitUsage;
    }
    CommandArgs rest(args.begin() + 1, args.end());
    try {
        if (rest.size() == 1 && rest[0] == "--batch") return render_batch(io);
        return render_file(rest, io);
    } catch (const std::invalid_argument& e) {
        io.err << "station liquid render: " << e.what() << "\n" << kUsage;
        return kExitUsage;
    } catch (const std::exception& e) {
        io.err << "station liquid render: " << e.what() << "\n";
        return kExitFailure;
    }
}

}  // namespace station::cli

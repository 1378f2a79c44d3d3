// Parses and renders the shared product-page fixture, checks the output is byte-identical to
// product.expected.html, and prints parse/s and render/s (median of several timed runs).
//
//   liquid_bench [--runs N] [--seconds S] [--shared DIR] [--only parse|render|both]
//
// As in ../shared/bench/bench.rb, `money` and `handleize` are registered here (fixture
// semantics), not in the engine's standard library.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "tenant_runtime/liquid/environment.hpp"
#include "tenant_runtime/liquid/partial_loader.hpp"
#include "tenant_runtime/liquid/render.hpp"
#include "tenant_runtime/liquid/render_context.hpp"
#include "tenant_runtime/liquid/template.hpp"
#include "tenant_runtime/liquid/value_json.hpp"

namespace {

namespace liquid = station::liquid;
using Clock = std::chrono::steady_clock;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

double to_f(const liquid::Value& value) {
    if (value.is_int()) return static_cast<double>(value.as_int());
    if (value.is_float()) return value.as_float();
    if (value.is_string()) return std::strtod(std::string(value.as_string()).c_str(), nullptr);
    return 0;
}

// format('$%.2f', cents.to_f / 100)
void money_append(liquid::RenderContext&, const liquid::Value& input, const liquid::FilterArgs&,
                  std::string& out) {
    if (input.is_int() && input.as_int() > -(1LL << 52) && input.as_int() < (1LL << 52)) {
        // Exact for integer cents: %.2f of c / 100.0 recovers the two decimals of c.
        long long cents = input.as_int();
        out += '$';
        if (cents < 0) {
            out += '-';
            cents = -cents;
        }
        out += std::to_string(cents / 100);
        out += '.';
        out += static_cast<char>('0' + cents % 100 / 10);
        out += static_cast<char>('0' + cents % 10);
        return;
    }
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "$%.2f", to_f(input) / 100);
    out.append(buf, static_cast<std::size_t>(n));
}

liquid::Value money(liquid::RenderContext& context, const liquid::Value& input,
                    const liquid::FilterArgs& args) {
    std::string out;
    money_append(context, input, args, out);
    return liquid::Value::string(out);
}

// s.to_s.downcase.gsub(/[^a-z0-9]+/, '-').gsub(/\A-+|-+\z/, '')
liquid::Value handleize(liquid::RenderContext& context, const liquid::Value& input,
                        const liquid::FilterArgs&) {
    std::string text;
    context.write_value(text, input);
    std::string out;
    bool dash = false;
    for (char c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && !out.empty()) out.push_back('-');
            dash = false;
            out.push_back(c);
        } else {
            dash = true;
        }
    }
    return liquid::Value::string(out);
}

struct Stats {
    double median;
    double min;
    double max;
};

// Ops per second over `runs` timed windows of `seconds` each (after a warm-up).
template <class F>
Stats measure(F&& op, int runs, double seconds) {
    for (int i = 0; i < 200; ++i)
        op();
    std::vector<double> rates;
    for (int r = 0; r < runs; ++r) {
        long n = 0;
        auto start = Clock::now();
        double elapsed = 0;
        do {
            for (int i = 0; i < 50; ++i)
                op();
            n += 50;
            elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        } while (elapsed < seconds);
        rates.push_back(static_cast<double>(n) / elapsed);
    }
    std::sort(rates.begin(), rates.end());
    return Stats{rates[rates.size() / 2], rates.front(), rates.back()};
}

void report(const char* name, const Stats& stats) {
    std::printf("%s: %.0f ops/s (%.1f us/op)  [min %.0f, max %.0f ops/s]\n", name, stats.median,
                1e6 / stats.median, stats.min, stats.max);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    double seconds = 1.0;
    std::string shared = STATION_SHARED_DIR;
    std::string only;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--runs") {
            runs = std::max(1, std::atoi(argv[i + 1]));
        } else if (flag == "--seconds") {
            seconds = std::atof(argv[i + 1]);
        } else if (flag == "--shared") {
            shared = argv[i + 1];
        } else if (flag == "--only") {
            only = argv[i + 1];
        } else {
            std::cerr << "usage: liquid_bench [--runs N] [--seconds S] [--shared DIR] "
                         "[--only parse|render|both]\n";
            return 2;
        }
    }
    try {
        const std::string dir = shared + "/bench/";
        const std::string source = read_file(dir + "tpl/product.liquid");
        const std::string expected = read_file(dir + "product.expected.html");
        const liquid::Value data =
            liquid::from_json(boost::json::parse(read_file(dir + "data.json")));

        auto environment = liquid::Environment::Builder()
                               .add_filter({"money", money, 0, 0, money_append})
                               .add_filter({"handleize", handleize, 0, 0, nullptr})
                               .build();
        liquid::ParseOptions parse_options;
        liquid::MemoryPartialLoader partials(environment, parse_options);
        partials.add("product_card", read_file(dir + "tpl/product_card.liquid"));
        liquid::RenderOptions options;
        options.partials = &partials;

        auto tpl = liquid::Template::parse(environment, source, parse_options).value();
        std::string out = liquid::render(*tpl, data, options).value();
        if (out != expected) {
            std::ofstream("out_station.html", std::ios::binary) << out;
            std::cerr
                << "output differs from product.expected.html (written to out_station.html)\n";
            return 1;
        }
        std::printf("station liquid: output bytes %zu, identical to product.expected.html\n",
                    out.size());

        if (only.empty() || only == "parse") {
            report(
                "station parse",
                measure([&] { (void)liquid::Template::parse(environment, source, parse_options); },
                        runs, seconds));
        }
        std::string buffer;
        buffer.reserve(out.size() * 2);
        if (only.empty() || only == "render") {
            report("station render (pre-parsed)", measure(
                                                      [&] {
                                                          buffer.clear();
                                                          (void)liquid::render_to(buffer, *tpl,
                                                                                  data, options);
                                                      },
                                                      runs, seconds));
        }
        if (!only.empty() && only != "both") return 0;
        report("station parse+render",
               measure(
                   [&] {
                       auto fresh =
                           liquid::Template::parse(environment, source, parse_options).value();
                       buffer.clear();
                       (void)liquid::render_to(buffer, *fresh, data, options);
                   },
                   runs, seconds));
    } catch (const std::exception& e) {
        std::cerr << "liquid_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

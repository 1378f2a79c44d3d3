// `station liquid render`, run as a real process: files, partials directory, strict mode, batch
// mode and exit codes.

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using station::testing::ChildProcess;
using station::testing::SpawnOptions;
using station::testing::TempDir;

namespace {

const std::string kStation = STATION_BINARY_DIR "/platform/cli/station";

void write(const std::filesystem::path& path, std::string_view text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Run {
    int status;
    std::string out;
    std::string err;
};

// Runs `station liquid ARGS` in `dir` through sh, so stdout, stderr and stdin are files.
Run station_liquid(const TempDir& dir, const std::string& args, const std::string& input = {}) {
    write(dir / "stdin.txt", input);
    SpawnOptions options;
    options.working_dir = dir.path();
    ChildProcess child = ChildProcess::spawn(
        {"/bin/sh", "-c",
         "'" + kStation + "' liquid " + args + " < stdin.txt > stdout.txt 2> stderr.txt"},
        options);
    auto status = child.wait(30'000);
    REQUIRE(status);
    return Run{*status, read(dir / "stdout.txt"), read(dir / "stderr.txt")};
}

}  // namespace

TEST_CASE("station liquid render renders a file with data and partials") {
    TempDir dir;
    write(dir / "page.liquid",
          "Hi {{ name | upcase }}\n{% render 'card', n: 2 %}\n{{ 1 | divided_by: 0 }}");
    write(dir / "snippets/card.liquid", "[card {{ n }}]");
    write(dir / "data.json", R"({"name":"ann"})");
    Run run = station_liquid(dir, "render page.liquid --data data.json --partials snippets");
    CHECK(run.status == 0);
    CHECK(run.out == "Hi ANN\n[card 2]\nLiquid error (page.liquid line 3): divided by 0");
    CHECK(run.err == "page.liquid:3: Liquid error: divided by 0\n");
}

TEST_CASE("strict mode fails with file:line:column on stderr and exit status 1") {
    TempDir dir;
    write(dir / "page.liquid", "ok\n  {{ x | no_such_filter }}");
    Run run = station_liquid(dir, "render page.liquid --strict");
    CHECK(run.status == 1);
    CHECK(run.out.empty());
    CHECK(run.err == "page.liquid:2:3: Liquid error: undefined filter no_such_filter\n");
}

TEST_CASE("partial names cannot leave the partials directory") {
    TempDir dir;
    write(dir / "secret.liquid", "secret");
    write(dir / "snippets/ok.liquid", "ok");
    write(dir / "page.liquid", "{% include '../secret' %}|{% render 'ok' %}");
    Run run = station_liquid(dir, "render page.liquid --partials snippets");
    CHECK(run.status == 0);
    CHECK(run.out == "Liquid error (page.liquid line 1): No such template '../secret'|ok");
}

TEST_CASE("batch mode answers one JSON line per request") {
    TempDir dir;
    std::string input =
        R"({"template":"{{ a | plus: 1 }}","data":{"a":41}})"
        "\n"
        R"({"template":"{% render 'p' %}","partials":{"p":"P{{ 1 | at_most }}"},"strict":true})"
        "\n"
        R"({"template":"{{ 1 | divided_by: 0 }}"})"
        "\n"
        "not json\n";
    Run run = station_liquid(dir, "render --batch", input);
    CHECK(run.status == 0);
    CHECK(run.out ==
          "{\"output\":\"42\"}\n"
          "{\"error\":\"p:1:2: Liquid error: wrong number of arguments (given 1, expected 2)\"}\n"
          "{\"output\":\"Liquid error (line 1): divided by 0\"}\n"
          "{\"error\":\"invalid request: request: invalid JSON (syntax error)\"}\n");
}

TEST_CASE("usage errors exit with status 2") {
    TempDir dir;
    CHECK(station_liquid(dir, "render").status == 2);
    CHECK(station_liquid(dir, "render a.liquid --bogus").status == 2);
    CHECK(station_liquid(dir, "frobnicate").status == 2);
}

#pragma once
// `station liquid render`: renders Liquid templates for theme tooling and conformance runs.
//
//   station liquid render TEMPLATE [--data FILE.json] [--partials DIR] [--strict]
//     Renders TEMPLATE to stdout. Partials (`render`/`include`) are read from DIR/<name>.liquid.
//     Lax mode (the storefront's) prints Liquid errors inline and also lists them on stderr;
//     --strict stops at the first error. A failed render prints "file:line:column: …" on stderr
//     and exits 1.
//
//   station liquid render --batch
//     Reads JSON lines {"template": "...", "data": {...}, "partials": {"name": "source"},
//     "strict": bool} from stdin and writes one JSON line per input, {"output": "..."} or
//     {"error": "..."}, flushing after each.
//
// Usage errors exit 2.

#include "platform/cli/command.hpp"

namespace station::cli {

int run_liquid_command(const CommandArgs& args, CommandIo& io);

}  // namespace station::cli

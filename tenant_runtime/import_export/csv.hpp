#pragma once
// RFC 4180 CSV: quoted fields with "" escapes, embedded commas and line breaks, CRLF or LF line
// ends, an optional UTF-8 byte-order mark. Pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace station::tenant {

struct CsvTable {
    std::vector<std::vector<std::string>> rows;  // rows[0] is the header when there is one
};

struct CsvError {
    std::size_t line = 0;  // 1-based line where the problem was found
    std::string message;
};

// Parses the whole text; a malformed quote is an error. Blank lines are skipped.
std::optional<CsvTable> parse_csv(std::string_view text, CsvError* error);

// Appends one row, quoting fields that need it, terminated by "\n".
void append_csv_row(std::string& out, const std::vector<std::string>& fields);

}  // namespace station::tenant

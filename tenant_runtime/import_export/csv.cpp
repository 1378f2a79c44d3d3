#include "tenant_runtime/import_export/csv.hpp"

namespace station::tenant {

std::optional<CsvTable> parse_csv(std::string_view text, CsvError* error) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    CsvTable table;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool field_started = false;
    std::size_t line = 1;
    auto end_row = [&] {
        row.push_back(std::move(field));
        field.clear();
        field_started = false;
        bool blank = row.size() == 1 && row[0].empty();
        if (!blank) table.rows.push_back(std::move(row));
        row.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"') {
            if (field_started && !field.empty()) {
                if (error) *error = {line, "a quote inside an unquoted field"};
                return std::nullopt;
            }
            quoted = true;
            field_started = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            field_started = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            end_row();
            ++line;
        } else {
            field += c;
            field_started = true;
        }
    }
    if (quoted) {
        if (error) *error = {line, "a quoted field is not closed"};
        return std::nullopt;
    }
    if (field_started || !row.empty()) end_row();
    return table;
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        const std::string& f = fields[i];
        bool quote = f.find_first_of(",\"\r\n") != std::string::npos ||
                     (!f.empty() && (f.front() == ' ' || f.back() == ' '));
        if (!quote) {
            out += f;
            continue;
        }
        out += '"';
        for (char c : f) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    out += '\n';
}

}  // namespace station::tenant

// HTML, URL and base64 filters.

#include <array>
#include <cstdint>
#include <cstring>

#include "tenant_runtime/liquid/error.hpp"
#include "tenant_runtime/liquid/filter_support.hpp"
#include "tenant_runtime/liquid/render_context.hpp"
#include "tenant_runtime/liquid/utf8.hpp"

namespace station::liquid::detail {
namespace {

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Whether any byte of `word` is one of & < > " ' (the classic has-zero-byte trick per char).
bool has_html_special(std::uint64_t word) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    constexpr std::uint64_t kHighs = 0x8080808080808080ull;
    auto has_byte = [&](unsigned char c) {
        std::uint64_t x = word ^ (kOnes * c);
        return ((x - kOnes) & ~x & kHighs) != 0;
    };
    return has_byte('&') || has_byte('<') || has_byte('>') || has_byte('"') || has_byte('\'');
}

// CGI.escapeHTML.
void escape_html(std::string& out, std::string_view text) {
    const char* data = text.data();
    const std::size_t size = text.size();
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < size) {
        if (i + 8 <= size) {
            std::uint64_t word;
            std::memcpy(&word, data + i, 8);
            if (!has_html_special(word)) {
                i += 8;
                continue;
            }
        }
        const char* entity;
        std::size_t length;
        switch (data[i]) {
            case '&':
                entity = "&amp;";
                length = 5;
                break;
            case '<':
                entity = "&lt;";
                length = 4;
                break;
            case '>':
                entity = "&gt;";
                length = 4;
                break;
            case '"':
                entity = "&quot;";
                length = 6;
                break;
            case '\'':
                entity = "&#39;";
                length = 5;
                break;
            default:
                ++i;
                continue;
        }
        out.append(data + run, i - run);
        out.append(entity, length);
        run = ++i;
    }
    out.append(data + run, size - run);
}

Value f_escape(RenderContext& c, const Value& input, const FilterArgs&) {
    if (input.is_nil()) return Value();
    std::string out;
    if (input.is_string()) {
        out.reserve(input.as_string().size() + 16);
        escape_html(out, input.as_string());
    } else {
        escape_html(out, to_s(input, c));
    }
    return Value::string(out);
}

void a_escape(RenderContext& c, const Value& input, const FilterArgs&, std::string& out) {
    if (input.is_nil()) return;
    if (input.is_string()) {
        escape_html(out, input.as_string());
    } else {
        escape_html(out, to_s(input, c));
    }
}

bool is_alpha(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
bool is_digit(char ch) {
    return ch >= '0' && ch <= '9';
}

// An entity that escape_once leaves alone: &name; or &#digits;.
bool entity_at(std::string_view text, std::size_t amp) {
    std::size_t i = amp + 1;
    if (i < text.size() && text[i] == '#') {
        std::size_t start = ++i;
        while (i < text.size() && is_digit(text[i]))
            ++i;
        return i > start && i < text.size() && text[i] == ';';
    }
    std::size_t start = i;
    while (i < text.size() && is_alpha(text[i]))
        ++i;
    return i > start && i < text.size() && text[i] == ';';
}

Value f_escape_once(RenderContext& c, const Value& input, const FilterArgs&) {
    std::string text = to_s(input, c);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        switch (text[i]) {
            case '&':
                out += entity_at(text, i) ? "&" : "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(text[i]);
        }
    }
    return Value::string(out);
}

// Removes every `open…close` block (Ruby: gsub(/<script.*?<\/script>/m, '') and friends).
std::string remove_blocks(std::string_view text) {
    struct Block {
        std::string_view open;
        std::string_view close;
    };
    static constexpr std::array<Block, 3> kBlocks{
        Block{"<script", "</script>"}, Block{"<!--", "-->"}, Block{"<style", "</style>"}};
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    std::size_t scan = 0;
    while (true) {
        std::size_t at = text.find('<', scan);
        if (at == std::string_view::npos) break;
        std::size_t end = std::string_view::npos;
        for (const Block& block : kBlocks) {
            if (text.compare(at, block.open.size(), block.open) != 0) continue;
            std::size_t close = text.find(block.close, at + block.open.size());
            if (close != std::string_view::npos) end = close + block.close.size();
            break;
        }
        if (end == std::string_view::npos) {
            scan = at + 1;
            continue;
        }
        out.append(text.substr(pos, at - pos));
        pos = scan = end;
    }
    out.append(text.substr(pos));
    return out;
}

// Removes <script>, comment and <style> blocks, then every <…> tag.
Value f_strip_html(RenderContext& c, const Value& input, const FilterArgs&) {
    std::string owned = input.is_string() ? std::string() : to_s(input, c);
    std::string_view text = input.is_string() ? input.as_string() : std::string_view(owned);
    std::string without_blocks;
    if (text.find("<script") != std::string_view::npos ||
        text.find("<!--") != std::string_view::npos ||
        text.find("<style") != std::string_view::npos) {
        without_blocks = remove_blocks(text);
        text = without_blocks;
    }
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t open = text.find('<', pos);
        if (open == std::string_view::npos) break;
        std::size_t close = text.find('>', open + 1);
        if (close == std::string_view::npos) break;
        out.append(text.substr(pos, open - pos));
        pos = close + 1;
    }
    out.append(text.substr(pos < text.size() ? pos : text.size()));
    return Value::string(out);
}

// CGI.escape: unreserved characters stay, spaces become '+', everything else %XX.
Value f_url_encode(RenderContext& c, const Value& input, const FilterArgs&) {
    if (input.is_nil()) return Value();
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string text = to_s(input, c);
    std::string out;
    out.reserve(text.size() * 3 / 2);
    for (unsigned char ch : text) {
        if (is_alpha(static_cast<char>(ch)) || is_digit(static_cast<char>(ch)) || ch == '_' ||
            ch == '.' || ch == '-' || ch == '~') {
            out.push_back(static_cast<char>(ch));
        } else if (ch == ' ') {
            out.push_back('+');
        } else {
            out.push_back('%');
            out.push_back(kHex[ch >> 4]);
            out.push_back(kHex[ch & 15]);
        }
    }
    return Value::string(out);
}

int hex_value(char ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

Value f_url_decode(RenderContext& c, const Value& input, const FilterArgs&) {
    if (input.is_nil()) return Value();
    std::string text = to_s(input, c);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out.push_back(' ');
        } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    for (std::size_t i = 0; i < out.size();) {
        std::size_t length = utf8::sequence_length(out, i);
        if (length == 0) throw RenderError("invalid byte sequence in UTF-8");
        i += length;
    }
    return Value::string(out);
}

std::string base64_encode(std::string_view data, bool url_safe) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(data[i]); };
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out.push_back(kBase64[(v >> 18) & 63]);
        out.push_back(kBase64[(v >> 12) & 63]);
        out.push_back(kBase64[(v >> 6) & 63]);
        out.push_back(kBase64[v & 63]);
    }
    if (i < data.size()) {
        unsigned v = byte(i) << 16;
        if (i + 1 < data.size()) v |= byte(i + 1) << 8;
        out.push_back(kBase64[(v >> 18) & 63]);
        out.push_back(kBase64[(v >> 12) & 63]);
        out.push_back(i + 1 < data.size() ? kBase64[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    if (url_safe) {
        for (char& ch : out) {
            if (ch == '+') ch = '-';
            if (ch == '/') ch = '_';
        }
    }
    return out;
}

// Base64.strict_decode64: whole quads, padding only at the end, no other characters.
bool base64_decode(std::string_view text, std::string& out) {
    if (text.size() % 4 != 0) return false;
    auto index = [](char ch) -> int {
        std::size_t at = kBase64.find(ch);
        return at == std::string_view::npos ? -1 : static_cast<int>(at);
    };
    for (std::size_t i = 0; i < text.size(); i += 4) {
        bool last = i + 4 == text.size();
        int a = index(text[i]);
        int b = index(text[i + 1]);
        if (a < 0 || b < 0) return false;
        char c3 = text[i + 2];
        char c4 = text[i + 3];
        if (last && c3 == '=' && c4 == '=') {
            if ((b & 15) != 0) return false;
            out.push_back(static_cast<char>((a << 2) | (b >> 4)));
            break;
        }
        int c = index(c3);
        if (c < 0) return false;
        if (last && c4 == '=') {
            if ((c & 3) != 0) return false;
            out.push_back(static_cast<char>((a << 2) | (b >> 4)));
            out.push_back(static_cast<char>(((b & 15) << 4) | (c >> 2)));
            break;
        }
        int d = index(c4);
        if (d < 0) return false;
        out.push_back(static_cast<char>((a << 2) | (b >> 4)));
        out.push_back(static_cast<char>(((b & 15) << 4) | (c >> 2)));
        out.push_back(static_cast<char>(((c & 3) << 6) | d));
    }
    return true;
}

Value f_base64_encode(RenderContext& c, const Value& input, const FilterArgs&) {
    return Value::string(base64_encode(to_s(input, c), false));
}

Value f_base64_url_safe_encode(RenderContext& c, const Value& input, const FilterArgs&) {
    return Value::string(base64_encode(to_s(input, c), true));
}

Value f_base64_decode(RenderContext& c, const Value& input, const FilterArgs&) {
    std::string out;
    if (!base64_decode(to_s(input, c), out)) {
        throw RenderError("invalid base64 provided to base64_decode");
    }
    return Value::string(out);
}

Value f_base64_url_safe_decode(RenderContext& c, const Value& input, const FilterArgs&) {
    std::string text = to_s(input, c);
    // Base64.urlsafe_decode64 restores missing padding before decoding strictly.
    if (!text.empty() && text.back() != '=' && text.size() % 4 != 0) {
        text.append(4 - text.size() % 4, '=');
    }
    for (char& ch : text) {
        if (ch == '-') ch = '+';
        if (ch == '_') ch = '/';
    }
    std::string out;
    if (!base64_decode(text, out)) {
        throw RenderError("invalid base64 provided to base64_url_safe_decode");
    }
    return Value::string(out);
}

}  // namespace

void add_encoding_filters(std::vector<FilterDefinition>& out) {
    out.push_back(FilterDefinition{"escape", f_escape, 0, 0, a_escape});
    out.push_back(FilterDefinition{"h", f_escape, 0, 0, a_escape});
    out.push_back(FilterDefinition{"escape_once", f_escape_once, 0, 0, nullptr});
    out.push_back(FilterDefinition{"strip_html", f_strip_html, 0, 0, nullptr});
    out.push_back(FilterDefinition{"url_encode", f_url_encode, 0, 0, nullptr});
    out.push_back(FilterDefinition{"url_decode", f_url_decode, 0, 0, nullptr});
    out.push_back(FilterDefinition{"base64_encode", f_base64_encode, 0, 0, nullptr});
    out.push_back(FilterDefinition{"base64_decode", f_base64_decode, 0, 0, nullptr});
    out.push_back(
        FilterDefinition{"base64_url_safe_encode", f_base64_url_safe_encode, 0, 0, nullptr});
    out.push_back(
        FilterDefinition{"base64_url_safe_decode", f_base64_url_safe_decode, 0, 0, nullptr});
}

}  // namespace station::liquid::detail

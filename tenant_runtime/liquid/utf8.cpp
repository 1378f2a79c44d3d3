#include "tenant_runtime/liquid/utf8.hpp"

#include <locale.h>
#include <wctype.h>

namespace station::liquid::utf8 {
namespace {

// glibc's built-in C.UTF-8 locale carries the Unicode case tables; it is created once and only
// read afterwards, so the *_l functions are safe from any thread. Without it, case mapping falls
// back to ASCII.
locale_t unicode_locale() {
    static locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
    return locale;
}

char32_t map_case(char32_t cp, bool upper) {
    if (cp < 0x80) {
        if (upper && cp >= 'a' && cp <= 'z') return cp - 32;
        if (!upper && cp >= 'A' && cp <= 'Z') return cp + 32;
        return cp;
    }
    locale_t locale = unicode_locale();
    if (locale == locale_t{}) return cp;
    wint_t mapped = upper ? towupper_l(static_cast<wint_t>(cp), locale)
                          : towlower_l(static_cast<wint_t>(cp), locale);
    return static_cast<char32_t>(mapped);
}

// Maps every character; `upper_first` / `upper_rest` choose the direction per position.
std::string map_text(std::string_view text, bool upper_first, bool upper_rest) {
    std::string out;
    out.reserve(text.size());
    bool first = true;
    for (std::size_t i = 0; i < text.size();) {
        bool upper = first ? upper_first : upper_rest;
        first = false;
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(map_case(c, upper)));
            ++i;
            continue;
        }
        std::size_t length = sequence_length(text, i);
        if (length == 0) {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        char32_t cp = decode(text, i);
        if (cp == 0xDF && upper) {
            out += "SS";
        } else {
            encode(out, map_case(cp, upper));
        }
        i += length;
    }
    return out;
}

}  // namespace

std::size_t sequence_length(std::string_view text, std::size_t pos) noexcept {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char c = byte(pos);
    std::size_t remaining = text.size() - pos;
    if (c < 0x80) return 1;
    auto cont = [&](std::size_t i) { return (byte(i) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return remaining >= 2 && cont(pos + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (remaining < 3 || !cont(pos + 1) || !cont(pos + 2)) return 0;
        unsigned char c1 = byte(pos + 1);
        if (c == 0xE0 && c1 < 0xA0) return 0;
        if (c == 0xED && c1 >= 0xA0) return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (remaining < 4 || !cont(pos + 1) || !cont(pos + 2) || !cont(pos + 3)) return 0;
        unsigned char c1 = byte(pos + 1);
        if (c == 0xF0 && c1 < 0x90) return 0;
        if (c == 0xF4 && c1 >= 0x90) return 0;
        return 4;
    }
    return 0;
}

char32_t decode(std::string_view text, std::size_t pos) noexcept {
    auto byte = [&](std::size_t i) {
        return static_cast<char32_t>(static_cast<unsigned char>(text[i]));
    };
    char32_t c = byte(pos);
    if (c < 0x80) return c;
    if (c < 0xE0) return ((c & 0x1F) << 6) | (byte(pos + 1) & 0x3F);
    if (c < 0xF0) {
        return ((c & 0x0F) << 12) | ((byte(pos + 1) & 0x3F) << 6) | (byte(pos + 2) & 0x3F);
    }
    return ((c & 0x07) << 18) | ((byte(pos + 1) & 0x3F) << 12) | ((byte(pos + 2) & 0x3F) << 6) |
           (byte(pos + 3) & 0x3F);
}

void encode(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t char_count(std::string_view text) noexcept {
    std::size_t count = 0;
    std::size_t i = 0;
    // ASCII runs count one byte per character.
    while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80)
        ++i;
    count = i;
    for (; i < text.size(); ++count) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = sequence_length(text, i);
        i += length == 0 ? 1 : length;
    }
    return count;
}

std::size_t byte_offset(std::string_view text, std::size_t index) noexcept {
    std::size_t i = 0;
    std::size_t n = 0;
    while (n < index && i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) {
        ++i;
        ++n;
    }
    for (; n < index && i < text.size(); ++n) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = sequence_length(text, i);
        i += length == 0 ? 1 : length;
    }
    return i;
}

std::string upcase(std::string_view text) {
    return map_text(text, true, true);
}

std::string downcase(std::string_view text) {
    return map_text(text, false, false);
}

std::string capitalize(std::string_view text) {
    return map_text(text, true, false);
}

}  // namespace station::liquid::utf8

// The character sets of a SIE file: CP437 (the format's own, `#FORMAT PC8`) and UTF-8.
//
// CP437's lower half is ASCII; its upper half is the table below (IBM PC code page 437, as
// Unicode maps it), written out here because it is all a SIE reader needs of a codec library.
#include <array>
#include <cstring>

#include "detail.hpp"

namespace finsam {
namespace {

// Unicode code points of CP437 bytes 0x80..0xFF, eight to a row.
constexpr std::array<char32_t, 128> cp437_upper = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,  // 80 Ç ü é â ä à å ç
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,  // 88 ê ë è ï î ì Ä Å
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,  // 90 É æ Æ ô ö ò û ù
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,  // 98 ÿ Ö Ü ¢ £ ¥ ₧ ƒ
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,  // A0 á í ó ú ñ Ñ ª º
    0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,  // A8 ¿ ⌐ ¬ ½ ¼ ¡ « »
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,  // B0 ░ ▒ ▓ │ ┤ ╡ ╢ ╖
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,  // B8 ╕ ╣ ║ ╗ ╝ ╜ ╛ ┐
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,  // C0 └ ┴ ┬ ├ ─ ┼ ╞ ╟
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,  // C8 ╚ ╔ ╩ ╦ ╠ ═ ╬ ╧
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,  // D0 ╨ ╤ ╥ ╙ ╘ ╒ ╓ ╫
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,  // D8 ╪ ┘ ┌ █ ▄ ▌ ▐ ▀
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,  // E0 α ß Γ π Σ σ µ τ
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,  // E8 Φ Θ Ω δ ∞ φ ε ∩
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,  // F0 ≡ ± ≥ ≤ ⌠ ⌡ ÷ ≈
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,  // F8 ° ∙ · √ ⁿ ² ■ (no-break space)
};

struct Utf8Of {
    char bytes[4];
    unsigned char size;
};

constexpr Utf8Of encode(char32_t c) {
    if (c < 0x800) return {{static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F)), 0, 0}, 2};
    return {{static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
             static_cast<char>(0x80 | (c & 0x3F)), 0},
            3};
}

// The same table as UTF-8 byte sequences (every entry is U+00A0 or above: two or three bytes).
constexpr std::array<Utf8Of, 128> cp437_utf8_table = [] {
    std::array<Utf8Of, 128> t{};
    for (std::size_t i = 0; i < 128; ++i) t[i] = encode(cp437_upper[i]);
    return t;
}();

}  // namespace

std::string_view cp437_utf8(unsigned char byte) noexcept {
    if (byte < 0x80) return {};
    const Utf8Of& u = cp437_utf8_table[byte - 0x80];
    return {u.bytes, u.size};
}

void detail::append_cp437(std::string& out, std::string_view bytes) {
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x80) out += ch;
        else out.append(cp437_utf8(b));
    }
}

bool detail::is_ascii(std::string_view bytes) noexcept {
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, bytes.data() + i, 8);
        if (w & 0x8080808080808080ULL) return false;
    }
    for (; i < bytes.size(); ++i)
        if (static_cast<unsigned char>(bytes[i]) >= 0x80) return false;
    return true;
}

// Well-formed UTF-8 (Unicode table 3-7): after a lead byte, the next byte's range depends on the
// lead (E0 A0..BF, ED 80..9F, F0 90..BF, F4 80..8F, else 80..BF); further continuation bytes
// are 80..BF. The state carries over between chunks.
void detail::Utf8Scanner::feed(std::string_view bytes) noexcept {
    if (invalid_) return;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        if (need_ == 0) {
            // ASCII fast path, eight bytes at a time
            while (i + 8 <= n) {
                std::uint64_t w;
                std::memcpy(&w, p + i, 8);
                if (w & 0x8080808080808080ULL) break;
                i += 8;
            }
            if (i >= n) break;
            const unsigned char b = p[i++];
            if (b < 0x80) continue;
            multibyte_ = true;
            lo_ = 0x80, hi_ = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) need_ = 1;
            else if (b >= 0xE0 && b <= 0xEF) {
                need_ = 2;
                if (b == 0xE0) lo_ = 0xA0;
                if (b == 0xED) hi_ = 0x9F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need_ = 3;
                if (b == 0xF0) lo_ = 0x90;
                if (b == 0xF4) hi_ = 0x8F;
            } else {
                invalid_ = true;
                return;
            }
        } else {
            const unsigned char b = p[i++];
            if (b < lo_ || b > hi_) {
                invalid_ = true;
                return;
            }
            lo_ = 0x80, hi_ = 0xBF;
            --need_;
        }
    }
}

bool is_valid_utf8(std::string_view bytes) noexcept {
    detail::Utf8Scanner s;
    s.feed(bytes);
    return s.valid();
}

}  // namespace finsam

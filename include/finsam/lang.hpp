// finsam/lang.hpp — the language of what a person reads (tables, explanations).
#pragma once

#include <string_view>

namespace finsam {

/// Swedish (the default) or English.
enum class Lang { sv, en };

/// A month's name: "januari" … "december" (en: "January" … "December"); "?" outside 1..12.
constexpr std::string_view month_name(int month, Lang lang) noexcept {
    constexpr std::string_view sv[] = {"januari", "februari", "mars", "april", "maj", "juni",
                                       "juli", "augusti", "september", "oktober", "november", "december"};
    constexpr std::string_view en[] = {"January", "February", "March", "April", "May", "June",
                                       "July", "August", "September", "October", "November", "December"};
    if (month < 1 || month > 12) return "?";
    return lang == Lang::sv ? sv[month - 1] : en[month - 1];
}

}  // namespace finsam

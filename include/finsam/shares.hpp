// finsam/shares.hpp — the members' shares of the frame: explicit percentages or the law rule.
//
// Design notes (spec sections 3, 4, 12.5, 12.6): a year's share is the average of its twelve
// monthly shares, exactly. With explicit shares a member has its stated percentage in the
// months it is a member and 0 otherwise (no renormalisation, so a year may sum to less than
// 100). Under the law rule each month the state part (50 %), the region part (25 %) and the
// municipal part (25 %) are divided among that kind's members present that month, by the
// kind's key normalised over those present; `other` members get 0.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "finsam/error.hpp"
#include "finsam/member.hpp"
#include "finsam/rate.hpp"

namespace finsam {

/// How the members of one kind divide the kind's part under the law rule.
struct KindKey {
    enum class Type { none, equal, population, percent };
    Type type = Type::none;
    std::vector<std::optional<Rational>> percent;  ///< by member index, for Type::percent
    std::string path;                              ///< JSON pointer of the key (or where it belongs)
};

/// One year's (or every year's) shares — andelar.
struct SharesEntry {
    bool law = false;                              ///< {"rule": "law", …}
    std::vector<std::optional<Rational>> percent;  ///< explicit: by member index; nullopt = not listed
    KindKey state_key, region_key, municipal_key;  ///< law rule keys
    std::string path;                              ///< JSON pointer of this entry
};

/// The law's part of a kind in percent: state 50, region 25, municipality 25, other 0.
[[nodiscard]] inline Rational law_part(MemberKind kind) {
    switch (kind) {
        case MemberKind::state: return Rational(50);
        case MemberKind::region: return Rational(25);
        case MemberKind::municipality: return Rational(25);
        case MemberKind::other: return Rational(0);
    }
    return Rational(0);
}

/// The key name of a kind under the law rule ("municipal_key").
inline std::string key_name(MemberKind kind) {
    switch (kind) {
        case MemberKind::state: return "state_key";
        case MemberKind::region: return "region_key";
        case MemberKind::municipality: return "municipal_key";
        case MemberKind::other: return "";
    }
    return "";
}

/// Each member's share of `year` in percent (exact), or nullopt with problems appended.
[[nodiscard]] inline std::optional<std::vector<Rational>> year_shares(const std::vector<Member>& members,
                                                                      const SharesEntry& entry, int year,
                                                                      std::vector<Problem>& problems) {
    const std::size_t n = members.size();
    std::vector<Rational> share(n, Rational(0));
    const std::size_t before = problems.size();
    if (!entry.law) {
        for (std::size_t i = 0; i < n; ++i) {
            int months = 0;
            for (int m = 1; m <= 12; ++m) months += members[i].is_member(year, m) ? 1 : 0;
            if (months == 0) continue;
            if (!entry.percent[i]) {
                problems.push_back({entry.path, "member \"" + members[i].id + "\" is a member in " +
                                                    std::to_string(year) + " but has no share; add \"" +
                                                    members[i].id + "\": \"0\" or its percentage"});
                continue;
            }
            share[i] = *entry.percent[i] * months / 12;
        }
    } else {
        const std::array<MemberKind, 3> kinds = {MemberKind::state, MemberKind::region, MemberKind::municipality};
        for (MemberKind kind : kinds) {
            const KindKey& key = kind == MemberKind::state    ? entry.state_key
                                 : kind == MemberKind::region ? entry.region_key
                                                              : entry.municipal_key;
            bool reported = false;
            for (int m = 1; m <= 12 && !reported; ++m) {
                std::vector<std::size_t> present;
                for (std::size_t i = 0; i < n; ++i)
                    if (members[i].kind == kind && members[i].is_member(year, m)) present.push_back(i);
                if (present.empty()) continue;
                std::vector<Rational> w(present.size(), Rational(1));
                if (present.size() > 1) {
                    switch (key.type) {
                        case KindKey::Type::none:
                            problems.push_back({key.path, std::to_string(present.size()) + " members of kind " +
                                                              std::string(kind_name(kind)) + " are members in " +
                                                              std::to_string(year) + "; add \"" + key_name(kind) +
                                                              "\": \"equal\", \"population\" or percentages"});
                            reported = true;
                            continue;
                        case KindKey::Type::equal: break;
                        case KindKey::Type::population:
                            for (std::size_t k = 0; k < present.size(); ++k) {
                                const Member& mem = members[present[k]];
                                const auto* e = mem.population ? mem.population->at(year) : nullptr;
                                if (!e) {
                                    problems.push_back(
                                        {mem.population ? mem.population->path() : mem.path + "/population",
                                         "no population for " + std::to_string(year) + "; the \"population\" key of " +
                                             key_name(kind) + " needs one, e.g. \"population\": {\"" +
                                             std::to_string(year) + "\": 10000}"});
                                    reported = true;
                                } else {
                                    w[k] = Rational(e->value);
                                }
                            }
                            break;
                        case KindKey::Type::percent:
                            for (std::size_t k = 0; k < present.size(); ++k) {
                                const auto& p = key.percent[present[k]];
                                if (!p) {
                                    problems.push_back({key.path, "member \"" + members[present[k]].id +
                                                                      "\" is a member in " + std::to_string(year) +
                                                                      " but has no percentage in this key; add it"});
                                    reported = true;
                                } else {
                                    w[k] = *p;
                                }
                            }
                            break;
                    }
                    if (reported) continue;
                }
                Rational total = 0;
                for (const auto& x : w) total += x;
                if (total == 0) {
                    problems.push_back({key.path, "the weights of the members of kind " + std::string(kind_name(kind)) +
                                                      " present in " + std::to_string(year) + " sum to 0, so the kind's " +
                                                      "part cannot be divided; give one of them a population or percentage above 0"});
                    reported = true;
                    continue;
                }
                for (std::size_t k = 0; k < present.size(); ++k)
                    share[present[k]] += law_part(kind) * w[k] / total / 12;
            }
        }
    }
    if (problems.size() != before) return std::nullopt;
    return share;
}

}  // namespace finsam

// Monthly budgets (spec 14.1, 14.6.4): see include/finsam/months.hpp.
#include "stage.hpp"

namespace finsam::followup {

std::optional<AppliedProfile> applied_profile(std::initializer_list<const std::optional<Dated<Profile>>*> chain, int year,
                                              const std::string& what, Collector& c) {
    for (const auto* level : chain) {
        if (!*level) continue;
        const auto* e = (*level)->at(year);
        if (!e) {
            c.problem((*level)->path(), "no profile for " + ys(year) + ", needed to split " + what + " over the months; add a year key ≤ " +
                                            ys(year) + " such as \"" + ys(year) + "\": \"even\"");
            return std::nullopt;
        }
        return AppliedProfile{e->value, e->path};
    }
    return AppliedProfile{Profile::even_months(), ""};
}

Months spread_months(Money amount, const Profile& profile, Unit unit) {
    if (!profile.all_zero()) return split_months(amount, profile, unit);
    Months m{};
    m[11] = amount;
    return m;
}

std::vector<bool> monthly_budgets(const Plan& p, Result& r, const std::vector<std::vector<bool>>& amount_ok, Collector& c) {
    const std::size_t ny = static_cast<std::size_t>(p.year_count());
    const Unit unit = p.rounding.allocation;
    std::vector<bool> whole(ny, true);
    for (std::size_t i = 0; i < p.interventions.size(); ++i) {
        const Intervention& iv = p.interventions[i];
        InterventionResult& ir = r.interventions[i];
        ir.months.assign(ny, MonthlyBudget{});
        for (std::size_t yi = 0; yi < ny; ++yi) {
            const int y = p.first_year + static_cast<int>(yi);
            if (!amount_ok[i][yi]) {
                whole[yi] = false;
                continue;
            }
            if (!iv.is_active(y)) continue;  // inactive: twelve zeros
            MonthlyBudget& mb = ir.months[yi];
            // one split: `amount` by the first profile of `chain`; false on a problem
            auto split = [&](const std::string& item, Money amount, std::initializer_list<const std::optional<Dated<Profile>>*> chain) {
                MonthSplit s;
                s.item = item;
                s.amount = amount;
                if (amount == Money{}) {  // nothing to split: no profile needed (14.6.4)
                    mb.splits.push_back(std::move(s));
                    return true;
                }
                const std::string what = (item.empty() ? "" : "item \"" + item + "\" of ") + "\"" + iv.name + "\" in " + ys(y) + " (" +
                                         amount.to_kr_string() + " kr)";
                auto ap = applied_profile(chain, y, what, c);
                if (!ap) return false;
                if (ap->profile.all_zero()) {
                    c.problem(ap->path, "every weight is 0, so " + what + " cannot be split over the months; give a month a weight above 0");
                    return false;
                }
                s.profile = ap->profile;
                s.profile_path = ap->path;
                s.months = split_months(amount, s.profile, unit);
                mb.splits.push_back(std::move(s));
                return true;
            };
            bool ok = true;
            if (iv.has_items_in(y)) {
                for (const auto& it : iv.items) {
                    auto f = it.amounts.find(y);
                    if (f == it.amounts.end()) continue;  // an item that does not list the year counts 0
                    ok = split(it.name, f->second, {&it.profile, &iv.profile, &p.profile}) && ok;
                }
            } else {
                ok = split("", ir.amount[yi], {&iv.profile, &p.profile});
            }
            if (!ok) {
                whole[yi] = false;
                continue;
            }
            if (!c.guarded(iv.path + "/items", "a month of the budget of \"" + iv.name + "\" in " + ys(y) + " (the sum of its items' months)", [&] {
                    for (const auto& s : mb.splits)
                        for (std::size_t k = 0; k < 12; ++k) mb.months[k] += s.months[k];
                }))
                whole[yi] = false;
        }
    }
    return whole;
}

}  // namespace finsam::followup

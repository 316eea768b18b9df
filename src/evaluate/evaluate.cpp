// Evaluating a plan (see include/finsam/evaluate.hpp for the order of the steps).
#include "finsam/evaluate.hpp"

#include <functional>
#include <set>

#include "../followup/stage.hpp"

namespace finsam {
namespace {

std::string ys(int y) { return std::to_string(y); }

class Evaluator {
public:
    explicit Evaluator(const Plan& plan) : p_(plan) {}

    Result run() {
        r_.name = p_.name;
        r_.first_year = p_.first_year;
        r_.last_year = p_.last_year;
        r_.has_equity = p_.equity.given;
        r_.has_adjustments = !p_.adjustments.empty();
        r_.adjustments = p_.adjustments;
        r_.rounding = p_.rounding;
        r_.warnings = p_.warnings;  // found while reading (possible_thousands_separator)
        ny_ = static_cast<std::size_t>(p_.year_count());
        nm_ = p_.members.size();
        for (const auto& m : p_.members) {
            MemberResult mr;
            mr.id = m.id;
            mr.name = m.name;
            mr.kind = m.kind;
            mr.share.assign(ny_, Rational(0));
            mr.stated_share.assign(ny_, std::nullopt);
            mr.contribution.assign(ny_, Money{});
            mr.adjustment.assign(ny_, Money{});
            mr.final_contribution.assign(ny_, Money{});
            mr.cost_share.assign(ny_, Money{});
            r_.members.push_back(std::move(mr));
        }
        r_.totals.assign(ny_, YearTotals{});
        r_.frame_kinds.assign(ny_, FrameKind::cover_costs);
        year_ok_.assign(ny_, true);

        income();
        amounts();
        contributions();
        allocations();
        totals_and_warnings();
        follow_up();
        if (!c_.ok()) throw PlanError(std::move(c_.problems()));
        return std::move(r_);
    }

private:
    const Plan& p_;
    Result r_;
    followup::Collector c_{r_};  // problems (deduplicated) and warnings, shared with the follow-up stage
    std::size_t ny_ = 0, nm_ = 0;
    std::vector<bool> year_ok_;             // costs and final contributions of the year are known
    std::vector<std::vector<bool>> amount_ok_;  // [intervention][year]

    int year_of(std::size_t yi) const { return p_.first_year + static_cast<int>(yi); }

    void problem(std::string path, std::string message) { c_.problem(std::move(path), std::move(message)); }
    Warning& warn(WarningCode code, std::string path, std::string message, WarningSubject subject, int year) {
        return c_.warn(code, std::move(path), std::move(message), subject, year);
    }
    /// The figures of a mismatch: stated, computed and stated − computed.
    static void mismatch(Warning& w, Money stated, Money computed, Money difference) {
        w.stated = stated;
        w.computed = computed;
        w.difference = difference;
    }

    bool guarded(const std::string& path, const std::string& what, const std::function<void()>& f) {
        return c_.guarded(path, what, f);
    }

    // ---- 0. other income (spec 13) -----------------------------------------------------------

    void income() {
        r_.has_income = p_.has_income;
        for (const auto& line : p_.income) {
            IncomeResult ir{line.id, line.name, std::vector<Money>(ny_)};
            for (std::size_t yi = 0; yi < ny_; ++yi) ir.amount[yi] = line.amount(year_of(yi));
            r_.income.push_back(std::move(ir));
        }
        for (std::size_t yi = 0; yi < ny_; ++yi)
            if (!guarded("/income", "the income of " + ys(year_of(yi)), [&] {
                    for (const auto& ir : r_.income) r_.totals[yi].income += ir.amount[yi];
                }))
                year_ok_[yi] = false;
    }

    // ---- 1. intervention amounts (spec 6, 12.10, 12.11) -------------------------------------

    /// The uprating rate of `iv` in `year`: weighted mean of its owners' rates.
    std::optional<Rational> owner_rate(const Intervention& iv, int year, std::string& from) {
        if (iv.owner_weights.empty()) {
            problem(iv.owner_path, "no owner to take the uprating rate of " + ys(year) +
                                       " from; add \"owner\": MEMBER, or a change rule with \"uprate\": \"none\" or a percent");
            return std::nullopt;
        }
        Rational sum_w = 0, sum = 0;
        bool ok = true;
        for (std::size_t k = 0; k < nm_; ++k) {
            const Rational& w = iv.owner_weights[k];
            if (w == 0) continue;
            const auto& rate = p_.uprating[k];
            if (!rate) {
                problem(iv.owner_path, "owner \"" + p_.members[k].id + "\" has no uprating rate; add \"uprating\": {\"" +
                                           p_.members[k].id + "\": PERCENT}");
                ok = false;
                continue;
            }
            const auto* e = rate->at(year);
            if (!e) {
                problem(rate->path(), "no rate for " + ys(year) + "; add a year key ≤ " + ys(year) + " such as \"" + ys(year) + "\"");
                ok = false;
                continue;
            }
            sum_w += w;
            sum += w * e->value;
            if (!from.empty()) from += ", ";
            from += p_.members[k].id + " " + rational_text(e->value) + " %";
            if (std::count_if(iv.owner_weights.begin(), iv.owner_weights.end(), [](const Rational& x) { return x > 0; }) > 1)
                from += " ×" + rational_text(w);
        }
        if (!ok) return std::nullopt;
        return sum / sum_w;
    }

    void amounts() {
        amount_ok_.assign(p_.interventions.size(), std::vector<bool>(ny_, false));
        for (std::size_t i = 0; i < p_.interventions.size(); ++i) {
            const Intervention& iv = p_.interventions[i];
            InterventionResult ir;
            ir.id = iv.id;
            ir.name = iv.name;
            ir.kind = iv.kind;
            ir.frame_part = iv.frame_part ? *iv.frame_part : p_.frame_part;
            if (iv.key) ir.key = *iv.key;
            ir.amount.assign(ny_, Money{});
            for (const auto& it : iv.items) {
                ItemResult item{it.name, std::vector<std::optional<Money>>(ny_)};
                for (std::size_t yi = 0; yi < ny_; ++yi)
                    if (auto f = it.amounts.find(year_of(yi)); f != it.amounts.end()) item.amount[yi] = f->second;
                ir.items.push_back(std::move(item));
            }
            chain(iv, i, ir, amount_ok_[i]);
            r_.interventions.push_back(std::move(ir));
        }
    }

    /// The known amount of `year`, if any (items take precedence; spec 12.11).
    std::optional<std::pair<Money, AmountStep::Source>> known(const Intervention& iv, int year, bool& ok) {
        if (!iv.is_active(year)) return std::nullopt;
        if (iv.has_items_in(year)) {
            Money sum;
            ok = guarded(iv.path + "/items", "the sum of the items of " + ys(year), [&] {
                for (const auto& it : iv.items)
                    if (auto f = it.amounts.find(year); f != it.amounts.end()) sum += f->second;
            });
            if (!ok) return std::nullopt;
            return std::make_pair(sum, AmountStep::Source::items);
        }
        if (auto a = iv.amounts.find(year); a != iv.amounts.end()) return std::make_pair(a->second, AmountStep::Source::known);
        return std::nullopt;
    }

    void chain(const Intervention& iv, std::size_t index, InterventionResult& ir, std::vector<bool>& ok_years) {
        // Years before the first are computed only as far back as needed: from the latest known
        // amount from which an unbroken chain of active years reaches the first year.
        const int start = iv.chain_start(p_.first_year);
        bool have_prev = false;
        Money prev;
        bool failed = false;
        for (int y = start; y <= p_.last_year; ++y) {
            AmountStep step;
            step.year = y;
            bool ok = true;
            if (!iv.is_active(y)) {
                have_prev = false;
                step.source = AmountStep::Source::inactive;
            } else if (auto k = known(iv, y, ok)) {
                step.source = k->second;
                step.amount = k->first;
                prev = k->first;
                have_prev = true;
            } else if (!ok) {
                failed = true;
                have_prev = false;
            } else if (have_prev && !failed) {
                const auto* e = iv.change.at(y);
                if (!e) {
                    problem(iv.change.path(), "no change rule for " + ys(y) + "; add a year key ≤ " + ys(y) + " such as \"" + ys(y) + "\"");
                    failed = true;
                    have_prev = false;
                } else {
                    const ChangeRule& rule = e->value;
                    std::optional<Rational> rate = Rational(0);
                    std::string from;
                    if (rule.uprate == ChangeRule::Uprate::owner) {
                        rate = owner_rate(iv, y, from);
                        from = "owner (" + from + ")";
                    } else if (rule.uprate == ChangeRule::Uprate::percent) {
                        rate = rule.uprate_percent;
                        from = "percent";
                    } else {
                        from = "none";
                    }
                    if (!rate) {
                        failed = true;
                        have_prev = false;
                    } else {
                        step.source = AmountStep::Source::computed;
                        step.previous = prev;
                        step.volume = rule.volume;
                        step.uprate_percent = *rate;
                        step.uprate_from = from;
                        step.delta = rule.delta;
                        step.rule_path = e->path;
                        step.exact = changed_amount_exact(prev, rule, *rate);
                        if (!guarded(e->path, "the amount of \"" + iv.name + "\" in " + ys(y),
                                     [&] { step.amount = Money::round(step.exact, p_.rounding.amounts, p_.rounding.mode); })) {
                            failed = true;
                            have_prev = false;
                        } else {
                            prev = step.amount;
                        }
                    }
                }
            } else {
                if (y >= p_.first_year && !failed) {
                    problem(iv.path + "/amounts",
                            "no amount for " + ys(y) + ": the first active year needs a known amount, or an unbroken chain of "
                            "active years back to one; add \"amounts\": {\"" + ys(y) + "\": AMOUNT}");
                    failed = true;
                }
                have_prev = false;
            }
            if (y >= p_.first_year) {
                const auto yi = static_cast<std::size_t>(y - p_.first_year);
                const bool good = step.source == AmountStep::Source::inactive || (have_prev && !failed) ||
                                  step.source == AmountStep::Source::known || step.source == AmountStep::Source::items;
                ok_years[yi] = good;
                if (step.source != AmountStep::Source::inactive && good) ir.amount[yi] = step.amount;
            }
            ir.steps.push_back(step);
        }
        // items against stated amounts, in every year both are written (spec 12.11)
        std::set<int> item_years;
        for (const auto& it : iv.items)
            for (const auto& [y, a] : it.amounts) item_years.insert(y);
        for (int y : item_years) {
            auto a = iv.amounts.find(y);
            if (a == iv.amounts.end()) continue;
            Money sum;
            if (!guarded(iv.path + "/items", "the sum of the items of " + ys(y), [&] {
                    for (const auto& it : iv.items)
                        if (auto f = it.amounts.find(y); f != it.amounts.end()) sum += f->second;
                }))
                continue;
            if (a->second != sum) {
                const Money difference = a->second - sum;
                Warning& w = warn(WarningCode::items_sum_mismatch, iv.path + "/amounts/" + ys(y),
                                  "\"" + iv.name + "\" " + ys(y) + ": stated amount " + a->second.to_kr_string() + " kr, items sum to " +
                                      sum.to_kr_string() + " kr, difference " + difference.to_kr_string() + " kr; the items' sum is used",
                                  WarningSubject::intervention_items, y);
                w.intervention = index;
                mismatch(w, a->second, sum, difference);
            }
        }
        // intervention checks (spec 12.11)
        for (const auto& [y, stated] : iv.checks) {
            if (y < p_.first_year || y > p_.last_year) continue;
            const auto yi = static_cast<std::size_t>(y - p_.first_year);
            if (!ok_years[yi]) continue;
            const Money computed = ir.amount[yi];
            if (stated != computed) {
                const Money difference = stated - computed;
                Warning& w = warn(iv.has_items_in(y) ? WarningCode::items_sum_mismatch : WarningCode::stated_total_mismatch,
                                  iv.path + "/checks/" + ys(y),
                                  "\"" + iv.name + "\" " + ys(y) + ": stated " + stated.to_kr_string() + " kr, computed " +
                                      computed.to_kr_string() + " kr, difference " + difference.to_kr_string() + " kr (stated − computed)",
                                  WarningSubject::intervention, y);
                w.intervention = index;
                mismatch(w, stated, computed, difference);
            }
        }
    }

    // ---- 2. shares and contributions (spec 4, 5, 12.5–12.7, 12.13) ---------------------------

    Money costs_of(std::size_t yi, bool& ok) {
        Money sum;
        for (std::size_t i = 0; i < p_.interventions.size(); ++i) {
            if (!amount_ok_[i][yi]) {
                ok = false;
                return sum;
            }
        }
        ok = guarded("/interventions", "the total costs of " + ys(year_of(yi)), [&] {
            for (const auto& ir : r_.interventions) sum += ir.amount[yi];
        });
        return sum;
    }

    std::optional<std::vector<Rational>> shares_for(int year, std::vector<Problem>& sink, bool report_missing) {
        if (!p_.shares) {
            if (report_missing)
                sink.push_back({"/shares", "the frame of " + ys(year) + " is split by shares, but the plan has none; add \"shares\": "
                                           "{\"MEMBER\": PERCENT, …} or {\"rule\": \"law\"}"});
            return std::nullopt;
        }
        const auto* e = p_.shares->at(year);
        if (!e) {
            if (report_missing)
                sink.push_back({p_.shares->path(), "no shares for " + ys(year) + "; add a year key ≤ " + ys(year) + " such as \"" + ys(year) + "\""});
            return std::nullopt;
        }
        return year_shares(p_.members, e->value, year, sink);
    }

    std::vector<Money> split(Money amount, const std::vector<Rational>& weights) {
        return allocate(amount, std::span<const Rational>(weights), p_.rounding.allocation);
    }

    void contributions() {
        for (std::size_t yi = 0; yi < ny_; ++yi) {
            const int y = year_of(yi);
            const auto* fe = p_.frame.at(y);
            if (!fe) {
                problem(p_.frame.path(), "no frame for " + ys(y) + "; add a year key ≤ " + ys(y) + " such as \"" + ys(y) + "\"");
                year_ok_[yi] = false;
                continue;
            }
            const FrameEntry& f = fe->value;
            r_.frame_kinds[yi] = f.kind;
            std::vector<Money> contrib(nm_, Money{});
            if (f.kind == FrameEntry::Kind::members) {
                contrib = f.member_amounts;
                std::vector<Problem> scratch;
                if (auto sh = shares_for(y, scratch, false)) {
                    for (std::size_t k = 0; k < nm_; ++k) r_.members[k].stated_share[yi] = (*sh)[k];
                    Money sum;
                    bool ok = guarded(f.path, "the frame of " + ys(y), [&] {
                        for (Money m : contrib) sum += m;
                    });
                    if (!ok) {
                        year_ok_[yi] = false;
                        continue;
                    }
                    Rational total_share = 0;
                    for (const auto& s : *sh) total_share += s;
                    if (total_share != 0 || sum == Money{}) {
                        const auto expected = split(sum, *sh);
                        std::string diffs;
                        std::vector<MemberDifference> differ;
                        for (std::size_t k = 0; k < nm_; ++k)
                            if (expected[k] != contrib[k]) {
                                diffs += (diffs.empty() ? "" : "; ") + p_.members[k].id + " pays " + contrib[k].to_kr_string() +
                                         " kr, its share gives " + expected[k].to_kr_string() + " kr";
                                differ.push_back({k, contrib[k], expected[k]});
                            }
                        if (!diffs.empty())
                            warn(WarningCode::shares_differ_from_frame, f.path,
                                 ys(y) + ": the frame's contributions differ from the shares: " + diffs, WarningSubject::frame, y)
                                .members = std::move(differ);
                    }
                }
            } else {
                std::vector<Problem> sink;
                auto sh = shares_for(y, sink, true);
                for (auto& pr : sink) problem(pr.path, pr.message);
                if (!sh) {
                    year_ok_[yi] = false;
                    continue;
                }
                for (std::size_t k = 0; k < nm_; ++k) r_.members[k].stated_share[yi] = (*sh)[k];
                Rational total_share = 0, state_share = 0;
                for (std::size_t k = 0; k < nm_; ++k) {
                    total_share += (*sh)[k];
                    if (p_.members[k].kind == MemberKind::state) state_share += (*sh)[k];
                }
                Money total;
                bool ok = true;
                if (f.kind == FrameEntry::Kind::total) {
                    total = f.amount;
                } else if (f.kind == FrameEntry::Kind::state) {
                    if (state_share == 0) {
                        problem(f.path + "/state", "no member of kind state has a share in " + ys(y) +
                                                       ", so the total cannot follow from the state's amount; write {\"total\": AMOUNT}");
                        year_ok_[yi] = false;
                        continue;
                    }
                    ok = guarded(f.path + "/state", "the frame total of " + ys(y), [&] {
                        total = Money::round(f.amount.exact_ore() * total_share / state_share, p_.rounding.allocation, p_.rounding.mode);
                    });
                } else {  // cover_costs
                    bool cok = true;
                    const Money costs = costs_of(yi, cok);
                    if (!cok) {
                        year_ok_[yi] = false;
                        continue;
                    }
                    Money use;
                    if (p_.equity.use) {
                        const auto* u = p_.equity.use->at(y);
                        if (!u) {
                            problem(p_.equity.use->path(), "no amount of equity to use in " + ys(y) + "; add a year key ≤ " + ys(y) +
                                                               " such as \"" + ys(y) + "\": \"0\"");
                            year_ok_[yi] = false;
                            continue;
                        }
                        use = u->value;
                    }
                    r_.totals[yi].equity_use = use;
                    if (!year_ok_[yi]) continue;  // the income of the year is beyond the range
                    ok = guarded(f.path, "the frame total of " + ys(y) + " (costs − income − equity used)",
                                 [&] { total = costs - r_.totals[yi].income - use; });
                }
                if (!ok) {
                    year_ok_[yi] = false;
                    continue;
                }
                if (total != Money{} && total_share == 0) {
                    problem(p_.shares->at(y)->path, "every member's share is 0 in " + ys(y) + ", so the frame of " +
                                                        total.to_kr_string() + " kr cannot be split; give a member a share above 0");
                    year_ok_[yi] = false;
                    continue;
                }
                contrib = split(total, *sh);
            }
            for (std::size_t k = 0; k < nm_; ++k) {
                r_.members[k].contribution[yi] = contrib[k];
                r_.members[k].final_contribution[yi] = contrib[k];
            }
        }
        // adjustments → final contributions (spec 5)
        for (const auto& a : p_.adjustments) {
            const auto yi = static_cast<std::size_t>(a.year - p_.first_year);
            auto& m = r_.members[a.member];
            if (!guarded(a.path + "/amount", "the final contribution of \"" + m.id + "\" in " + ys(a.year) + " (contribution plus adjustments)", [&] {
                    m.adjustment[yi] += a.amount;
                    m.final_contribution[yi] = m.contribution[yi] + m.adjustment[yi];
                }))
                year_ok_[yi] = false;
        }
    }

    // ---- 3. allocations (spec 6, 7, 12.9, 12.14) --------------------------------------------

    void allocations() {
        for (std::size_t yi = 0; yi < ny_; ++yi) {
            const int y = year_of(yi);
            std::vector<Rational> final_w(nm_);
            bool any_negative = false;
            Money final_sum;
            bool sum_ok = guarded("/frame", "the final frame of " + ys(y), [&] {
                for (std::size_t k = 0; k < nm_; ++k) final_sum += r_.members[k].final_contribution[yi];
            });
            for (std::size_t k = 0; k < nm_; ++k) {
                final_w[k] = Rational(r_.members[k].final_contribution[yi].ore());
                any_negative = any_negative || r_.members[k].final_contribution[yi] < Money{};
            }
            const auto* fe = p_.frame.at(y);
            const std::string frame_path = fe ? fe->path : p_.frame.path();
            bool frame_reported = false;
            for (std::size_t i = 0; i < p_.interventions.size(); ++i) {
                const Intervention& iv = p_.interventions[i];
                InterventionResult& ir = r_.interventions[i];
                if (ir.allocation.empty()) {
                    ir.allocation.assign(ny_, std::vector<Money>(nm_, Money{}));
                    ir.frame_amount.assign(ny_, Money{});
                    ir.case_amount.assign(ny_, Money{});
                    ir.frame_allocation.assign(ny_, Allocation{});
                    ir.case_allocation.assign(ny_, Allocation{});
                }
                if (!amount_ok_[i][yi]) continue;
                const Money a = ir.amount[yi];
                Money frame_amt, case_amt;
                if (!guarded(iv.path + "/financing", "the frame part of \"" + iv.name + "\" in " + ys(y), [&] {
                        frame_amt = Money::round(Rate::from_percent(ir.frame_part).of(a.exact_ore()), p_.rounding.allocation, p_.rounding.mode);
                        case_amt = a - frame_amt;
                    }))
                    continue;
                ir.frame_amount[yi] = frame_amt;
                ir.case_amount[yi] = case_amt;
                bool ok = true;
                if (frame_amt != Money{}) {
                    if (!year_ok_[yi] || !sum_ok) {
                        ok = false;
                    } else if (any_negative || final_sum == Money{}) {
                        if (!frame_reported) {
                            std::string why;
                            if (any_negative) {
                                for (std::size_t k = 0; k < nm_; ++k)
                                    if (r_.members[k].final_contribution[yi] < Money{})
                                        why += (why.empty() ? "" : ", ") + p_.members[k].id + " " +
                                               r_.members[k].final_contribution[yi].to_kr_string() + " kr";
                                why = "a negative final contribution (" + why + ")";
                            } else {
                                why = "a final frame of 0";
                            }
                            problem(frame_path, ys(y) + " has " + why + ", so the frame part of \"" + iv.name + "\" (" +
                                                    frame_amt.to_kr_string() + " kr) cannot be split in proportion to it; correct the frame or "
                                                    "the adjustments of " + ys(y));
                            frame_reported = true;
                        }
                        ok = false;
                    } else {
                        ir.frame_allocation[yi] = allocate_explained(frame_amt, final_w, p_.rounding.allocation);
                    }
                }
                if (case_amt != Money{}) {
                    if (!iv.key) {
                        problem(iv.path + "/financing/key", "the case part of \"" + iv.name + "\" in " + ys(y) + " (" + case_amt.to_kr_string() +
                                                            " kr) needs a key; add \"financing\": {\"key\": {\"MEMBER\": WEIGHT, …}}");
                        ok = false;
                    } else {
                        Rational sum = 0;
                        for (const auto& w : *iv.key) sum += w;
                        if (sum == 0) {
                            problem(iv.path + "/financing/key", "every weight is 0, so the case part of \"" + iv.name + "\" in " + ys(y) +
                                                                    " (" + case_amt.to_kr_string() + " kr) cannot be split; give a member a weight above 0");
                            ok = false;
                        } else {
                            ir.case_allocation[yi] = allocate_explained(case_amt, *iv.key, p_.rounding.allocation);
                        }
                    }
                }
                if (!ok) {
                    amount_ok_[i][yi] = false;
                    continue;
                }
                for (std::size_t k = 0; k < nm_; ++k) {
                    Money part;
                    if (!ir.frame_allocation[yi].parts.empty()) part += ir.frame_allocation[yi].parts[k];
                    if (!ir.case_allocation[yi].parts.empty()) part += ir.case_allocation[yi].parts[k];
                    ir.allocation[yi][k] = part;
                }
            }
        }
    }

    // ---- 4. totals, equity, checks (spec 8, 12.15–12.17) ------------------------------------

    void totals_and_warnings() {
        Money equity = p_.equity.opening;
        bool equity_ok = true;
        for (std::size_t yi = 0; yi < ny_; ++yi) {
            const int y = year_of(yi);
            YearTotals& t = r_.totals[yi];
            bool ok = true;
            t.costs = costs_of(yi, ok);
            if (!ok) {
                equity_ok = false;
                continue;
            }
            ok = guarded("/interventions", "the members' cost shares of " + ys(y), [&] {
                for (std::size_t k = 0; k < nm_; ++k) {
                    Money cs;
                    for (const auto& ir : r_.interventions) cs += ir.allocation[yi][k];
                    r_.members[k].cost_share[yi] = cs;
                }
            });
            ok = ok && guarded("/frame", "the contributions of " + ys(y), [&] {
                     for (const auto& m : r_.members) t.contributions += m.final_contribution[yi];
                     t.result = t.contributions + t.income - t.costs;
                 });
            if (!ok) {
                equity_ok = false;
                continue;
            }
            for (auto& m : r_.members)
                m.share[yi] = t.contributions == Money{} ? Rational(0)
                                                         : Rate::ratio(m.final_contribution[yi].exact_ore(), t.contributions.exact_ore()).in_percent();
            if (p_.equity.given && equity_ok) {  // no equity, no equity chain: nothing to overflow (spec 12.24)
                t.equity_start = equity;
                equity_ok = guarded("/equity", "the equity at the end of " + ys(y), [&] { equity = equity + t.result; });
                t.equity_end = equity;
            }
            if (p_.equity.given && equity_ok)
                for (Warning& w : detail::equity_warnings(p_.equity, y, t.equity_end, t.contributions, false)) r_.warnings.push_back(std::move(w));
            if (auto c = p_.checks.find(y); c != p_.checks.end()) check_year(c->second, y, yi, equity_ok);
        }
    }

    // ---- 5. months, follow-up and liquidity (spec 14; src/followup/) ------------------------

    void follow_up() {
        if (!p_.uses_months()) return;
        // A year is usable when its frame, contributions, every amount and every month are known.
        // The follow-up and the liquidity of the usable years run beside the problems of the
        // others, so that every problem is listed (14.6.4), not only those before the first.
        std::vector<bool> usable = followup::monthly_budgets(p_, r_, amount_ok_, c_);
        for (std::size_t yi = 0; yi < ny_; ++yi) usable[yi] = usable[yi] && year_ok_[yi];
        if (p_.actuals && usable[r_.year_index(p_.actuals->year())]) followup::follow_up(p_, r_, c_);
        if (p_.liquidity) followup::liquidity(p_, r_, c_, usable);
    }

    void check_year(const YearChecks& c, int y, std::size_t yi, bool equity_ok) {
        const YearTotals& t = r_.totals[yi];
        // the costs by kind, so a published "Summa" of one group can be traced
        std::vector<KindCost> kind_costs;
        for (auto k : {InterventionKind::insats, InterventionKind::project, InterventionKind::administration}) {
            Money sum;
            bool any = false;
            for (const auto& ir : r_.interventions)
                if (ir.kind == k) {
                    sum += ir.amount[yi];
                    any = true;
                }
            if (any) kind_costs.push_back({k, sum});
        }
        if (kind_costs.size() < 2) kind_costs.clear();
        auto cmp = [&](const std::optional<Money>& stated, Money computed, const char* key, WarningSubject subject) {
            if (!stated || *stated == computed) return;
            const bool by_kind = subject == WarningSubject::costs && !kind_costs.empty();
            std::string parts;
            for (const auto& kc : kind_costs) parts += (parts.empty() ? "" : ", ") + std::string(kind_name(kc.kind)) + " " + kc.amount.to_kr_string();
            const Money difference = *stated - computed;
            Warning& w = warn(WarningCode::stated_total_mismatch, c.path + "/" + key,
                              ys(y) + " " + key + ": stated " + stated->to_kr_string() + " kr, computed " + computed.to_kr_string() +
                                  " kr" + (by_kind ? " (" + parts + ")" : "") + ", difference " + difference.to_kr_string() +
                                  " kr (stated − computed)",
                              subject, y);
            mismatch(w, *stated, computed, difference);
            if (by_kind) w.costs_by_kind = kind_costs;
        };
        cmp(c.costs, t.costs, "costs", WarningSubject::costs);
        // a published Summa of one kind (spec 17): compared with that kind's costs (0 if none)
        for (const auto& [kind, stated] : c.costs_by_kind) {
            Money computed;
            for (const auto& ir : r_.interventions)
                if (ir.kind == kind) computed += ir.amount[yi];
            if (stated == computed) continue;
            const Money difference = stated - computed;
            const std::string k(kind_name(kind));
            Warning& w = warn(WarningCode::stated_total_mismatch, c.path + "/costs/" + k,
                              ys(y) + " costs of kind " + k + ": stated " + stated.to_kr_string() + " kr, computed " +
                                  computed.to_kr_string() + " kr, difference " + difference.to_kr_string() + " kr (stated − computed)",
                              WarningSubject::costs_of_kind, y);
            mismatch(w, stated, computed, difference);
            w.kind = kind;
        }
        cmp(c.contributions, t.contributions, "contributions", WarningSubject::contributions);
        cmp(c.result, t.result, "result", WarningSubject::result);
        cmp(c.income, t.income, "income", WarningSubject::income);
        if (equity_ok) cmp(c.equity_end, t.equity_end, "equity_end", WarningSubject::equity_end);
    }
};

}  // namespace

namespace detail {

std::string overflow_message(const std::string& what) {
    return what + " would be beyond ±(2^63 − 1) öre (±92 233 720 368 547 758.07 kr), larger than any budget; check the "
                  "amounts, rates and the plan's amount_unit";
}

std::vector<Warning> equity_warnings(const Equity& equity, int year, Money equity_end, Money contributions, bool forecast) {
    std::vector<Warning> out;
    const std::string what = forecast ? "forecast equity" : "equity";
    auto warn = [&](WarningCode code, std::string path, std::string message) -> Warning& {
        Warning w;
        w.code = code;
        w.path = std::move(path);
        w.message = std::move(message);
        w.subject = WarningSubject::equity;
        w.year = year;
        w.equity_end = equity_end;
        out.push_back(std::move(w));
        return out.back();
    };
    if (equity_end < Money{})
        warn(forecast ? WarningCode::forecast_equity_negative : WarningCode::equity_negative, "/equity",
             ys(year) + ": " + what + " at the year's end is " + equity_end.to_kr_string() + " kr, below 0");
    if (equity.guideline_percent) {
        const Rate guideline_rate = Rate::from_percent(*equity.guideline_percent);
        const Rational limit = guideline_rate.of(contributions.exact_ore());
        if (equity_end.exact_ore() > limit) {
            const Money guideline = Money::round(limit, Unit::ore, RoundingMode::half_up);
            Warning& w = warn(forecast ? WarningCode::forecast_equity_above_guideline : WarningCode::equity_above_guideline,
                              "/equity/guideline_percent",
                              ys(year) + ": " + what + " at the year's end is " + equity_end.to_kr_string() + " kr, above the guideline of " +
                                  rational_text(*equity.guideline_percent) + " % of the final contributions (" + guideline.to_kr_string() +
                                  " kr)");
            w.guideline_percent = guideline_rate;
            w.guideline = guideline;
        }
    }
    return out;
}

}  // namespace detail

namespace {

/// 1099890 → "1 099 890".
std::string with_spaces(std::uint64_t n) { return decimal_text(BigInt(n), 0, {"-", ".", " "}); }

}  // namespace

std::uint64_t plan_figures(const Plan& plan) {
    const auto years = static_cast<std::uint64_t>(plan.year_count());
    std::uint64_t figures = years * std::max<std::uint64_t>(1, plan.interventions.size()) * std::max<std::uint64_t>(1, plan.members.size());
    for (const auto& iv : plan.interventions) figures += static_cast<std::uint64_t>(plan.first_year - iv.chain_start(plan.first_year));
    return figures;
}

Result evaluate(const Plan& plan) {
    if (const std::uint64_t n = plan_figures(plan); n > max_plan_figures) {
        const std::uint64_t table = static_cast<std::uint64_t>(plan.year_count()) *
                                    std::max<std::uint64_t>(1, plan.interventions.size()) * std::max<std::uint64_t>(1, plan.members.size());
        const std::uint64_t before = n - table;
        throw PlanError("/years", "the plan is too large to compute: " + std::to_string(plan.year_count()) +
                                      (plan.year_count() == 1 ? " year × " : " years × ") +
                                      std::to_string(plan.interventions.size()) + " interventions × " + std::to_string(plan.members.size()) +
                                      " members" + (before ? " + " + with_spaces(before) + " amounts before the first year" : "") + " = " +
                                      with_spaces(n) + " figures, more than " + with_spaces(max_plan_figures) +
                                      (before > table ? "; start the known amounts nearer the first year, or shorten \"years\""
                                                      : "; a budget plan covers a few years, so shorten \"years\""));
    }
    return Evaluator(plan).run();
}

Evaluation evaluate_all(const Plan& plan) {
    std::vector<Problem> problems;
    Evaluation ev;
    try {
        ev.base = evaluate(plan);
    } catch (const PlanError& e) {
        problems = e.problems();
    }
    // every variant is a plan of its own: the limit holds for all of them together
    std::uint64_t figures = plan_figures(plan);
    for (const auto& [name, patch] : plan.variants) {
        if (figures > max_plan_figures) break;  // the base alone is too large: reported above
        try {
            Plan vp = variant_plan(plan, name);
            figures += plan_figures(vp);
            if (figures > max_plan_figures) {
                problems.push_back({"/variants", "the plan and its variants up to \"" + name + "\" are too large to compute: " +
                                                     with_spaces(figures) + " figures in all, more than " +
                                                     with_spaces(max_plan_figures) + "; keep fewer variants or shorten \"years\""});
                break;
            }
            try {
                ev.variants.emplace_back(name, evaluate(vp));
                ev.variants.back().second.variant = name;
            } catch (const PlanError& e) {
                for (const auto& p : e.problems()) problems.push_back({p.path, "variant \"" + name + "\": " + p.message});
            }
        } catch (const PlanError& e) {
            for (const auto& p : e.problems()) problems.push_back(p);
        }
    }
    if (!problems.empty()) throw PlanError(std::move(problems));
    return ev;
}

std::vector<Problem> validate(const Plan& plan) {
    try {
        (void)evaluate_all(plan);
    } catch (const PlanError& e) {
        return e.problems();
    }
    return {};
}

}  // namespace finsam

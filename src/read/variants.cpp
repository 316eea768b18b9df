// Variants (spec 9): a variant's plan is the base plan's source patched with the variant's
// JSON Merge Patch (RFC 7386) and read again, its problems named after the variant.
#include "finsam/plan.hpp"

namespace finsam {

Plan variant_plan(const Plan& plan, std::string_view name) {
    const Node* patch = nullptr;
    for (const auto& [n, p] : plan.variants)
        if (n == name) patch = &p;
    if (!patch) {
        std::string known;
        for (const auto& [n, p] : plan.variants) known += (known.empty() ? "" : ", ") + ("\"" + n + "\"");
        throw PlanError("/variants", "no variant \"" + sanitize_utf8(name) + "\"" +
                                           (known.empty() ? std::string("; the plan has no variants") : "; the variants are " + known));
    }
    Node patched = plan.source;
    merge_patch(patched, *patch);
    try {
        return load_plan(patched);
    } catch (const PlanError& e) {
        std::vector<Problem> ps;
        for (const auto& p : e.problems()) ps.push_back({p.path, "variant \"" + std::string(name) + "\": " + p.message});
        throw PlanError(std::move(ps));
    }
}

}  // namespace finsam

// Variants (spec 9, 16): a variant's plan is the base plan's source patched with the variant's
// patch and read again, its problems named after the variant.
//
// Design notes: a JSON Merge Patch replaces arrays whole, so a variant that lists
// `interventions` to add one would silently drop every other. patch_plan() therefore merges the
// top-level lists of entries with ids — `members`, `interventions`, `income` — entry by entry
// when the patch writes them as an object keyed by id (spec 14.6.11), and is RFC 7386 for
// everything else. Entries of the plan without a string `id` are left as they are (the
// reader reports them).
#include <algorithm>

#include "finsam/plan.hpp"

namespace finsam {
namespace {

/// The lists a patch may merge by id.
bool merged_by_id(std::string_view key) { return key == "members" || key == "interventions" || key == "income"; }

/// Merge `patch` (an object keyed by id) into the list `target` (spec 14.6.11).
void merge_by_id(Node& target, const Node& patch) {
    if (!target.is_array()) target = Node::array();
    auto& items = target.items();
    for (const auto& [key, value] : patch.members()) {
        const auto& id = key;  // clang 14 (the fuzz build) cannot capture a structured binding
        auto entry = std::find_if(items.begin(), items.end(), [&](const Node& item) {
            const Node* i = item.is_object() ? item.find("id") : nullptr;
            return i && i->is_string() && i->text() == id;
        });
        if (value.is_null()) {
            if (entry != items.end()) items.erase(entry);
        } else if (entry != items.end()) {
            merge_patch(*entry, value);
        } else {
            Node fresh = Node::object();
            fresh.set("id", Node::string(id));
            merge_patch(fresh, value);
            items.push_back(std::move(fresh));
        }
    }
}

}  // namespace

void patch_plan(Node& plan, const Node& patch) {
    if (!patch.is_object() || !plan.is_object()) {
        merge_patch(plan, patch);
        return;
    }
    for (const auto& [key, value] : patch.members()) {
        if (merged_by_id(key) && value.is_object()) {
            Node list = plan.find(key) ? *plan.find(key) : Node::array();
            merge_by_id(list, value);
            plan.set(key, std::move(list));
        } else {
            Node one = Node::object();
            one.members().emplace_back(key, value);
            merge_patch(plan, one);
        }
    }
}

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
    patch_plan(patched, *patch);
    try {
        return load_plan(patched);
    } catch (const PlanError& e) {
        std::vector<Problem> ps;
        for (const auto& p : e.problems()) ps.push_back({p.path, "variant \"" + std::string(name) + "\": " + p.message});
        throw PlanError(std::move(ps));
    }
}

}  // namespace finsam

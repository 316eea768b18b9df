// The result JSON `finsam-allocation-result/1` (spec 18; amounts and percentages as in
// sections 10 and 12.15).
#include "../json_tree.hpp"
#include "finsam/allocation_model.hpp"
#include "finsam/result_json.hpp"

namespace finsam {

std::string result_json(const AllocationResult& r) {
    using J = detail::JsonTree;
    J out = J::object();
    out["format"] = std::string(allocation_result_format);
    out["year"] = r.year;
    out["total"] = r.total.to_kr_string();
    J forbund = J::array();
    for (const auto& f : r.forbund) {
        J j = J::object();
        j["id"] = f.id;
        j["name"] = f.name;
        j["allocation"] = f.allocation.to_kr_string();
        if (f.previous) {
            j["previous"] = f.previous->to_kr_string();
            j["change"] = f.change->to_kr_string();
        }
        if (f.change_percent) j["change_percent"] = format_percent(*f.change_percent);
        j["capped"] = f.capped();
        j["implied_frame"] = f.implied_frame.to_kr_string();
        forbund.push_back(std::move(j));
    }
    out["forbund"] = std::move(forbund);
    return detail::dump_pretty(out);
}

}  // namespace finsam

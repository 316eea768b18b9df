// Load a plan with finsam built by add_subdirectory and print each member's cost share of the
// budget year.   cost_shares examples/sodra-dalarna-2011.json
#include <finsam/finsam.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: cost_shares PLAN.json\n";
        return 2;
    }
    try {
        const finsam::Result r = finsam::evaluate(finsam::load_plan_file(argv[1]));
        std::cout << "cost shares " << r.first_year << "\n";
        for (const auto& m : r.members) std::cout << "  " << m.id << " " << m.cost_share[0] << "\n";
        std::cout << "  sum " << r.totals[0].costs << "\n";
    } catch (const finsam::PlanError& e) {
        for (const auto& p : e.problems()) std::cerr << argv[1] << ":" << p.path << ": " << p.message << "\n";
        return 2;
    }
}

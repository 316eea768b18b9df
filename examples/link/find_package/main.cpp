// Load a plan with an installed finsam and print each year's costs and equity at the year's end.
//   costs examples/sodra-dalarna-2011.json
#include <finsam/finsam.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: costs PLAN.json\n";
        return 2;
    }
    try {
        const finsam::Result r = finsam::evaluate(finsam::load_plan_file(argv[1]));
        std::cout << r.name << "\n";
        for (int y = r.first_year; y <= r.last_year; ++y) {
            const finsam::YearTotals& t = r.totals[r.year_index(y)];
            std::cout << y << ": costs " << t.costs << ", equity at the end " << t.equity_end << "\n";
        }
    } catch (const finsam::PlanError& e) {
        for (const auto& p : e.problems()) std::cerr << argv[1] << ":" << p.path << ": " << p.message << "\n";
        return 2;
    }
}

// Checks shared by the table tests (report_test.cpp, allocation_model_test.cpp): the
// invariants every built table keeps, and golden files.
#pragma once

#include <boost/test/unit_test.hpp>

#include <finsam/report.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace finsam_test {

using namespace finsam;

/// Every computed cell shows the signed sum of the cells it refers to; every amount is its
/// exact value rounded down or up to the step, and marked moved exactly when it is not the
/// nearest (`mode`: how halves go); every moved cell is named in a footnote.
inline void check_invariants(const BudgetTables& bt, RoundingMode mode = RoundingMode::half_up) {
    const std::int64_t step = bt.options.step_ore();
    for (const auto& t : bt.tables) {
        bool any_moved = false;
        for (std::size_t r = 0; r < t.rows.size(); ++r)
            for (std::size_t c = 0; c < t.rows[r].cells.size(); ++c) {
                const Cell& x = t.rows[r].cells[c];
                if (!x.sum_of.empty()) {
                    std::int64_t s = 0;
                    for (const auto& ref : x.sum_of) s += ref.sign * t.rows.at(ref.row).cells.at(ref.column).shown;
                    BOOST_TEST(s == x.shown, t.id << " row " << r << " col " << c << ": shows " << x.shown << ", its cells sum to " << s);
                }
                if (x.kind == Cell::Kind::amount) {
                    // shown × step is within one step of the exact amount, in every table
                    const std::int64_t diff = x.shown * step - x.amount.ore();
                    BOOST_TEST((diff > -step && diff < step), t.id << " row " << r << " col " << c << " moved beyond one step");
                    const bool nearest = BigInt(x.shown) == round_integer(Rational(x.amount.ore(), step), mode);
                    BOOST_TEST(x.moved == !nearest, t.id << " row " << r << " col " << c << ": moved " << x.moved);
                }
                any_moved = any_moved || x.moved;
            }
        const bool footnoted = !t.footnotes.empty() && t.footnotes[0].rfind("* ", 0) == 0;
        BOOST_TEST(any_moved == footnoted, t.id << ": moved cells and the rounding footnote disagree");
    }
}

inline std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return {};
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

/// Compare `text` with tests/golden/`name`, or write it there with FINSAM_UPDATE_GOLDEN=1.
inline void golden(const std::string& name, const std::string& text) {
    const std::string path = std::string(FINSAM_SOURCE_DIR) + "/tests/golden/" + name;
    if (std::getenv("FINSAM_UPDATE_GOLDEN")) {
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return;
    }
    const std::string expected = read_file(path);
    BOOST_TEST(!expected.empty(), "missing golden file " << path);
    if (expected != text) {
        std::size_t i = 0;
        while (i < expected.size() && i < text.size() && expected[i] == text[i]) ++i;
        BOOST_ERROR(path << " differs at byte " << i << ": expected \"" << expected.substr(i, 60) << "\", got \"" << text.substr(i, 60)
                         << "\" (FINSAM_UPDATE_GOLDEN=1 rewrites it)");
    }
}

}  // namespace finsam_test

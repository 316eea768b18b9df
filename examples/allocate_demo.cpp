// allocate_demo — split a förbund's frame over fixed member shares, exactly.
//
// Södra Dalarna (shared/domain/001): "Försäkringskassan svarar för ... (50 %), Landstinget
// Dalarna står för 25 %, Avesta Kommun 15 % och Hedemora kommun 10 %", and the 2010 frame
// was "totalt 3,64 MKr". Usage: allocate_demo [AMOUNT_KR [SHARE...]]
#include <finsam/finsam.hpp>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) try {
    using namespace finsam;
    const Money frame = Money::parse(argc > 1 ? argv[1] : "3640000", Unit::kr);
    std::vector<std::string> names;
    std::vector<Rational> shares;
    if (argc > 2) {
        for (int i = 2; i < argc; ++i) {
            names.push_back("member " + std::to_string(i - 1));
            shares.push_back(parse_factor(argv[i]));
        }
    } else {
        names = {"Försäkringskassan", "Landstinget Dalarna", "Avesta kommun", "Hedemora kommun"};
        shares = {Rational(50), Rational(25), Rational(15), Rational(10)};
    }
    const Allocation a = allocate_explained(frame, shares, Unit::kr);
    std::cout << "Fördelning av " << frame.to_kr_string() << " kr (största rest, hela kronor)\n";
    Money sum;
    for (std::size_t k = 0; k < names.size(); ++k) {
        std::cout << "  " << names[k] << ": " << a.parts[k].to_kr_string() << " kr"
                  << (a.extra_unit[k] ? "  (+1 kr från resten)" : "") << "\n";
        sum += a.parts[k];
    }
    std::cout << "  Summa: " << sum.to_kr_string() << " kr\n";
    return sum == frame ? 0 : 1;
} catch (const finsam::Error& e) {
    std::cerr << "allocate_demo: " << e.what() << "\n";
    return 2;
}

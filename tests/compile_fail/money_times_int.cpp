// Must not compile: scaling money needs an exact factor and an explicit rounding mode.
#include <finsam/money.hpp>
int main() { auto m = finsam::kr(1) * 2; (void)m; }

// Must not compile: money × money has no meaning.
#include <finsam/money.hpp>
int main() { auto m = finsam::kr(1) * finsam::kr(2); (void)m; }

// Must not compile: Money has no implicit construction from a bare number (öre? kr?).
#include <finsam/money.hpp>
int main() { finsam::Money m = 100; (void)m; }

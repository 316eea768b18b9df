// finsam/allocation.hpp — splitting an amount by weights: largest remainder (Hamilton).
//
// Design notes (spec sections 7 and 12.8): to split P whole units by non-negative weights w
// over members in plan order, each member gets floor(P·w_k / W) units; the L units left over
// go one each to the members with the largest remainders (P·w_k mod W), ties to the member
// listed first. A sub-unit rest (an amount that is not whole units, e.g. öre with kr
// allocation) goes to the next member in that same order — the one that would have got the
// next unit. A negative P is split as −split(−P). Zero weights get nothing; all weights zero
// with P ≠ 0 is an AllocationError. The parts always sum exactly to P.
#pragma once

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <optional>
#include <span>
#include <vector>

#include "finsam/error.hpp"
#include "finsam/money.hpp"
#include "finsam/rate.hpp"

namespace finsam {

/// An allocation with the steps that produced it (for `finsam explain`).
struct Allocation {
    std::vector<Money> parts;            ///< each member's part; sums to the amount
    std::vector<Rational> quota_units;   ///< exact quota |P|·w_k/W in units (before rounding)
    std::vector<std::int64_t> base_units;  ///< floor of the quota, in units
    std::vector<bool> extra_unit;        ///< got one of the leftover units
    std::optional<std::size_t> rest_to;  ///< who got the sub-unit rest, if any
    Money rest;                          ///< the sub-unit rest (of |P|)
    Unit unit = Unit::kr;                ///< the allocation unit
    bool negative = false;               ///< P < 0: split as −split(−P)
};

namespace detail {

/// Integer weights proportional to rational ones (scaled by the LCM of the denominators).
inline std::vector<BigInt> integer_weights(std::span<const Rational> weights) {
    BigInt l = 1;
    for (const auto& w : weights) {
        if (w < 0) throw AllocationError("a weight is negative");
        l = boost::multiprecision::lcm(l, BigInt(boost::multiprecision::denominator(w)));
    }
    std::vector<BigInt> out;
    out.reserve(weights.size());
    for (const auto& w : weights) out.push_back(boost::multiprecision::numerator(w) * (l / boost::multiprecision::denominator(w)));
    return out;
}

}  // namespace detail

/// Split `amount` by `weights` in `unit` by largest remainder, with every step recorded.
[[nodiscard]] inline Allocation allocate_explained(Money amount, std::span<const Rational> weights, Unit unit) {
    Allocation a;
    a.unit = unit;
    const std::size_t n = weights.size();
    a.parts.assign(n, Money{});
    a.quota_units.assign(n, Rational(0));
    a.base_units.assign(n, 0);
    a.extra_unit.assign(n, false);
    const std::vector<BigInt> w = detail::integer_weights(weights);
    const BigInt W = std::accumulate(w.begin(), w.end(), BigInt(0));
    if (amount == Money{}) return a;
    if (W == 0) throw AllocationError("cannot split a non-zero amount when every weight is zero");
    a.negative = amount < Money{};
    const Money p = a.negative ? -amount : amount;
    const std::int64_t u = ore_per(unit);
    const BigInt units = p.ore() / u;
    a.rest = Money::from_ore(p.ore() % u);

    std::vector<BigInt> rem(n);
    BigInt given = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const BigInt prod = units * w[k];
        const BigInt q = prod / W;
        rem[k] = prod % W;
        a.quota_units[k] = Rational(prod, W);
        a.base_units[k] = static_cast<std::int64_t>(q);
        given += q;
    }
    // Members with a positive weight, by remainder descending, ties to the one listed first.
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < n; ++k)
        if (w[k] > 0) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return rem[x] > rem[y]; });
    const auto left = static_cast<std::size_t>(units - given);  // < number of positive weights
    for (std::size_t i = 0; i < left; ++i) a.extra_unit[order[i]] = true;
    if (a.rest != Money{}) a.rest_to = order[left];

    for (std::size_t k = 0; k < n; ++k) {
        std::int64_t ore = (a.base_units[k] + (a.extra_unit[k] ? 1 : 0)) * u;
        if (a.rest_to == k) ore += a.rest.ore();
        a.parts[k] = a.negative ? -Money::from_ore(ore) : Money::from_ore(ore);
    }
    return a;
}

namespace detail {

__extension__ typedef __int128 i128;  ///< for exact products of two int64 (GCC and Clang)

/// allocate() in 64/128-bit integers where the weights, scaled by the least common multiple
/// of their denominators, are whole numbers whose sum is below 2^62 (the common case: öre
/// amounts, percentages, profile weights such as "0.5"): the same rule and the same parts as
/// allocate_explained, without its big rationals. nullopt where it does not apply (huge
/// weights or denominators, a negative weight, all zero: the exact path decides).
inline std::optional<std::vector<Money>> allocate_int64(Money amount, std::span<const Rational> weights, Unit unit) {
    constexpr std::int64_t limit = std::int64_t{1} << 62;
    const std::size_t n = weights.size();
    std::int64_t L = 1;  // the lcm of the denominators
    for (const auto& x : weights) {
        const BigInt& den = boost::multiprecision::denominator(x);
        if (den >= limit) return std::nullopt;
        const auto d = static_cast<std::int64_t>(den);
        const i128 l = static_cast<i128>(L / std::gcd(L, d)) * d;
        if (l >= limit) return std::nullopt;
        L = static_cast<std::int64_t>(l);
    }
    std::vector<std::int64_t> w(n);
    std::int64_t W = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const BigInt& num = boost::multiprecision::numerator(weights[k]);
        if (num < 0 || num >= limit) return std::nullopt;
        const i128 scaled = static_cast<i128>(static_cast<std::int64_t>(num)) *
                                (L / static_cast<std::int64_t>(boost::multiprecision::denominator(weights[k])));
        if (scaled >= limit) return std::nullopt;
        w[k] = static_cast<std::int64_t>(scaled);
        W += w[k];
        if (W >= limit) return std::nullopt;
    }
    std::vector<Money> parts(n, Money{});
    if (amount == Money{}) return parts;
    if (W == 0) return std::nullopt;
    const bool negative = amount < Money{};
    const std::int64_t p = negative ? -amount.ore() : amount.ore();
    const std::int64_t u = ore_per(unit);
    const std::int64_t units = p / u, rest = p % u;
    std::vector<std::int64_t> base(n), rem(n);
    std::int64_t given = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const i128 prod = static_cast<i128>(units) * w[k];  // < 2^63 · 2^62
        base[k] = static_cast<std::int64_t>(prod / W);
        rem[k] = static_cast<std::int64_t>(prod % W);
        given += base[k];
    }
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < n; ++k)
        if (w[k] > 0) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return rem[x] > rem[y]; });
    const auto left = static_cast<std::size_t>(units - given);  // < number of positive weights
    for (std::size_t i = 0; i < left; ++i) ++base[order[i]];
    for (std::size_t k = 0; k < n; ++k) {
        std::int64_t ore = base[k] * u;
        if (rest != 0 && order[left] == k) ore += rest;
        parts[k] = Money::from_ore(negative ? -ore : ore);
    }
    return parts;
}

}  // namespace detail

/// Split `amount` by `weights` in `unit` by largest remainder; the parts sum to `amount`.
[[nodiscard]] inline std::vector<Money> allocate(Money amount, std::span<const Rational> weights, Unit unit) {
    if (auto parts = detail::allocate_int64(amount, weights, unit)) return std::move(*parts);
    return allocate_explained(amount, weights, unit).parts;
}

/// Convenience overload for integer weights (e.g. final contributions in öre).
[[nodiscard]] inline std::vector<Money> allocate(Money amount, std::span<const std::int64_t> weights, Unit unit) {
    std::vector<Rational> w(weights.begin(), weights.end());
    return allocate(amount, std::span<const Rational>(w), unit);
}

/// Convenience overload for an initializer list of rational weights.
[[nodiscard]] inline std::vector<Money> allocate(Money amount, std::initializer_list<Rational> weights, Unit unit) {
    return allocate(amount, std::span<const Rational>(weights.begin(), weights.size()), unit);
}

}  // namespace finsam

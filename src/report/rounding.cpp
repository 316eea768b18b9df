// Controlled rounding of a table (see include/finsam/report.hpp, design notes): a minimum-cost
// flow by successive shortest paths (Bellman–Ford, as costs may be negative) with
// lexicographic costs, so no level of preference can be outweighed by a lower one.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "finsam/report.hpp"

namespace finsam {
namespace {

// Cost levels, most important first.
enum Level : std::size_t {
    fixed_violation,  // a fixed sum not met (only if impossible: then Error)
    sum_violation,    // a shown sum more than one step from its exact sum
    sum_distance,     // Σ |shown sum − exact sum|, in 1/D steps
    sum_moved,        // shown sums that are not the ordinary rounding of their exact sums
    cell_distance,    // Σ |shown cell − exact cell|, in 1/D steps
    cell_moved,       // cells that are not the ordinary rounding of their exact values
    position,         // ties: the cells listed first go up
    levels
};

struct Cost {
    std::array<BigInt, levels> v{};
    Cost& operator+=(const Cost& o) {
        for (std::size_t i = 0; i < levels; ++i) v[i] += o.v[i];
        return *this;
    }
    friend Cost operator+(Cost a, const Cost& b) { return a += b; }
    Cost operator-() const {
        Cost c;
        for (std::size_t i = 0; i < levels; ++i) c.v[i] = -v[i];
        return c;
    }
    friend bool operator<(const Cost& a, const Cost& b) {
        for (std::size_t i = 0; i < levels; ++i)
            if (a.v[i] != b.v[i]) return a.v[i] < b.v[i];
        return false;
    }
};

Cost cost_at(Level l, const BigInt& value) {
    Cost c;
    c.v[l] = value;
    return c;
}

struct Graph {
    struct Arc {
        std::size_t to, rev;
        std::int64_t cap;
        Cost cost;
    };
    std::vector<std::vector<Arc>> adj;
    explicit Graph(std::size_t n) : adj(n) {}
    /// Adds an arc; returns its index in adj[from].
    std::size_t add(std::size_t from, std::size_t to, std::int64_t cap, const Cost& cost) {
        adj[from].push_back({to, adj[to].size() + (from == to ? 1 : 0), cap, cost});
        adj[to].push_back({from, adj[from].size() - 1, 0, -cost});
        return adj[from].size() - 1;
    }
    /// Push one unit along a cheapest path s → t; false if t is unreachable.
    bool augment(std::size_t s, std::size_t t) {
        const std::size_t n = adj.size();
        std::vector<std::optional<Cost>> dist(n);
        std::vector<std::pair<std::size_t, std::size_t>> via(n, {n, 0});  // (node, arc index)
        dist[s] = Cost{};
        for (std::size_t round = 0; round < n; ++round) {
            bool changed = false;
            for (std::size_t u = 0; u < n; ++u) {
                if (!dist[u]) continue;
                for (std::size_t a = 0; a < adj[u].size(); ++a) {
                    const Arc& arc = adj[u][a];
                    if (arc.cap <= 0) continue;
                    Cost d = *dist[u] + arc.cost;
                    if (!dist[arc.to] || d < *dist[arc.to]) {
                        dist[arc.to] = std::move(d);
                        via[arc.to] = {u, a};
                        changed = true;
                    }
                }
            }
            if (!changed) break;
        }
        if (!dist[t]) return false;
        for (std::size_t v = t; v != s;) {
            auto [u, a] = via[v];
            Arc& arc = adj[u][a];
            arc.cap -= 1;
            adj[v][arc.rev].cap += 1;
            v = u;
        }
        return true;
    }
};

BigInt floor_of(const Rational& q) {
    const BigInt num = boost::multiprecision::numerator(q);
    const BigInt den = boost::multiprecision::denominator(q);
    BigInt f = num / den;  // toward zero
    if (num < 0 && f * den != num) f -= 1;
    return f;
}

std::int64_t small(const BigInt& v) {
    if (v > std::numeric_limits<std::int64_t>::max() / 4 || v < 0) throw Error("controlled rounding: table too large");
    return static_cast<std::int64_t>(v);
}

}  // namespace

RoundedMatrix controlled_round(const RoundingProblem& p) {
    const std::size_t n = p.cells.size();
    const std::size_t m = n == 0 ? 0 : p.cells[0].size();
    for (const auto& row : p.cells)
        if (row.size() != m) throw Error("controlled rounding: rows of different lengths");
    if (!p.fixed_row_sums.empty() && p.fixed_row_sums.size() != n) throw Error("controlled rounding: fixed row sums do not match the rows");
    if (!p.fixed_column_sums.empty() && p.fixed_column_sums.size() != m)
        throw Error("controlled rounding: fixed column sums do not match the columns");

    // Floors, remainders and their common denominator D (distances are counted in 1/D steps).
    std::vector<std::vector<BigInt>> fl(n, std::vector<BigInt>(m));
    std::vector<std::vector<Rational>> rem(n, std::vector<Rational>(m));
    BigInt D = 1;
    Rational exact_total = 0;
    std::int64_t upable = 0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            fl[i][j] = floor_of(p.cells[i][j]);
            rem[i][j] = p.cells[i][j] - fl[i][j];
            D = boost::multiprecision::lcm(D, BigInt(boost::multiprecision::denominator(rem[i][j])));
            exact_total += p.cells[i][j];
            if (rem[i][j] != 0) ++upable;
        }
    auto in_d = [&](const Rational& q) { return BigInt(boost::multiprecision::numerator(q) * (D / boost::multiprecision::denominator(q))); };

    BigInt floor_total = 0;
    for (const auto& row : fl)
        for (const auto& f : row) floor_total += f;
    const BigInt total = p.fixed_total ? *p.fixed_total : round_integer(exact_total, p.mode);
    const BigInt units_big = total - floor_total;
    if (units_big < 0 || units_big > upable)
        throw Error("controlled rounding: the total " + total.str() + " cannot be reached by rounding each cell down or up");
    const std::int64_t units = small(units_big);
    const std::int64_t big_cap = units + 1;

    // Nodes: source, rows, columns, sink.
    const std::size_t S = 0, T = n + m + 1;
    auto row_node = [&](std::size_t i) { return 1 + i; };
    auto col_node = [&](std::size_t j) { return 1 + n + j; };
    Graph g(n + m + 2);

    // A sum's arcs: `count` cells may go up; `exact_rem` is the sum of their remainders.
    auto sum_arcs = [&](std::size_t from, std::size_t to, bool shown, const std::optional<BigInt>& fixed, const BigInt& floor_sum,
                        const Rational& exact_rem, std::int64_t count) {
        if (fixed) {
            const BigInt need = *fixed - floor_sum;
            if (need < 0 || need > count)
                throw Error("controlled rounding: the fixed sum " + fixed->str() + " cannot be reached by rounding each cell down or up");
            g.add(from, to, small(need), cost_at(fixed_violation, -1));
            g.add(from, to, big_cap, cost_at(fixed_violation, 1));
            return;
        }
        if (!shown) {
            g.add(from, to, big_cap, Cost{});
            return;
        }
        const BigInt lo = floor_of(exact_rem);
        const Rational frac = exact_rem - lo;
        Cost below = cost_at(sum_violation, -1);
        below.v[sum_distance] = -D;
        g.add(from, to, small(lo), below);
        if (frac != 0) {
            const Rational exact_sum = floor_sum + exact_rem;
            const bool ordinary_up = round_integer(exact_sum, p.mode) != floor_sum + lo;
            Cost up = cost_at(sum_distance, D - 2 * in_d(frac));
            up.v[sum_moved] = ordinary_up ? -1 : 1;
            g.add(from, to, 1, up);
        }
        Cost above = cost_at(sum_violation, 1);
        above.v[sum_distance] = D;
        g.add(from, to, big_cap, above);
    };

    for (std::size_t i = 0; i < n; ++i) {
        BigInt floor_sum = 0;
        Rational r = 0;
        std::int64_t count = 0;
        for (std::size_t j = 0; j < m; ++j) {
            floor_sum += fl[i][j];
            r += rem[i][j];
            if (rem[i][j] != 0) ++count;
        }
        sum_arcs(S, row_node(i), p.row_sums_shown, p.fixed_row_sums.empty() ? std::nullopt : p.fixed_row_sums[i], floor_sum, r, count);
    }
    for (std::size_t j = 0; j < m; ++j) {
        BigInt floor_sum = 0;
        Rational r = 0;
        std::int64_t count = 0;
        for (std::size_t i = 0; i < n; ++i) {
            floor_sum += fl[i][j];
            r += rem[i][j];
            if (rem[i][j] != 0) ++count;
        }
        sum_arcs(col_node(j), T, p.column_sums_shown, p.fixed_column_sums.empty() ? std::nullopt : p.fixed_column_sums[j], floor_sum,
                 r, count);
    }
    std::vector<std::vector<std::optional<std::size_t>>> cell_arc(n, std::vector<std::optional<std::size_t>>(m));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            if (rem[i][j] == 0) continue;
            const bool ordinary_up = round_integer(p.cells[i][j], p.mode) != fl[i][j];
            Cost c = cost_at(cell_distance, D - 2 * in_d(rem[i][j]));
            c.v[cell_moved] = ordinary_up ? -1 : 1;
            // 2^(n·m − 1 − index) outweighs all later cells together: ties go to the set of
            // cells that is first in reading order, as largest remainder gives ties to the first
            c.v[position] = -(BigInt(1) << static_cast<unsigned>(n * m - 1 - (i * m + j)));
            cell_arc[i][j] = g.add(row_node(i), col_node(j), 1, c);
        }

    for (std::int64_t k = 0; k < units; ++k)
        if (!g.augment(S, T)) throw Error("controlled rounding: no rounding meets the sums");

    RoundedMatrix out;
    out.cells = fl;
    out.row_sums.assign(n, BigInt(0));
    out.column_sums.assign(m, BigInt(0));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            if (cell_arc[i][j] && g.adj[row_node(i)][*cell_arc[i][j]].cap == 0) out.cells[i][j] += 1;
            out.row_sums[i] += out.cells[i][j];
            out.column_sums[j] += out.cells[i][j];
        }
    out.total = total;
    for (std::size_t i = 0; i < n; ++i)
        if (!p.fixed_row_sums.empty() && p.fixed_row_sums[i] && *p.fixed_row_sums[i] != out.row_sums[i])
            throw Error("controlled rounding: the fixed sum of row " + std::to_string(i + 1) + " cannot be met together with the others");
    for (std::size_t j = 0; j < m; ++j)
        if (!p.fixed_column_sums.empty() && p.fixed_column_sums[j] && *p.fixed_column_sums[j] != out.column_sums[j])
            throw Error("controlled rounding: the fixed sum of column " + std::to_string(j + 1) +
                        " cannot be met together with the others");
    return out;
}

}  // namespace finsam

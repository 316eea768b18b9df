"""Baselines for the sweep benchmark: the same computation as finsam.sweep, written the way a
notebook user would, for the reference workload (benchmarks/workload.py) — default change rules
(uprate by the owners' weighted mean rate), a fixed "total" frame with explicit shares and
adjustments, one frame_part, amounts and allocation in öre, half_even.

* decimal_sweep: pure Python with decimal.Decimal for the money and rate arithmetic and Python
  integers for the largest-remainder split (exact; it must agree with finsam to the öre).
* numpy_sweep: numpy float64 in kronor, vectorised over the scenarios, np.round to öre — the
  usual quick approach; its results are compared with the exact ones cell by cell.

Both return cost shares of shape (scenarios, years, members) and costs (scenarios, years) in öre.
"""

import decimal
from decimal import Decimal
from fractions import Fraction


class Workload:
    """What the baselines need of a plan, read once from its JSON object."""

    def __init__(self, plan):
        self.ids = [m["id"] for m in plan["members"]]
        first, last = plan["years"]
        self.years = list(range(first, last + 1))
        assert plan["rounding"] == {"amounts": "öre", "allocation": "öre", "mode": "half_even"}
        assert set(plan["frame"]) == {"total"}
        self.frame_part = Fraction(plan["financing"]["frame_part"])  # percent
        self.ivs = []
        for iv in plan["interventions"]:
            (year, text), = iv["amounts"].items()
            assert int(year) == first - 1 and "change" not in iv
            owner = iv["owner"]
            owners = {owner: 1} if isinstance(owner, str) else {k: int(v) for k, v in owner.items()}
            self.ivs.append({
                "amount": ore_of(text),
                "owners": [(self.ids.index(k), w) for k, w in owners.items()],
                "key": [int(iv["financing"]["key"].get(m, 0)) for m in self.ids],
            })
        # final contributions: the total split by the shares (largest remainder), plus adjustments
        shares = [int(Fraction(plan["shares"][m]) * 100) for m in self.ids]
        base = split(ore_of(plan["frame"]["total"]), shares)
        self.final = []
        for y in self.years:
            row = list(base)
            for a in plan.get("adjustments", []):
                if a["year"] == y:
                    row[self.ids.index(a["member"])] += ore_of(a["amount"])
            self.final.append(row)


def ore_of(text):
    f = Fraction(text) * 100
    assert f.denominator == 1
    return int(f)


def split(p, weights):
    """Largest remainder of p (whole öre) by integer weights; ties to the member listed first."""
    if p < 0:
        return [-x for x in split(-p, weights)]
    total = sum(weights)
    quotas = [divmod(p * w, total) for w in weights]
    parts = [q for q, _ in quotas]
    left = p - sum(parts)
    order = sorted((k for k, w in enumerate(weights) if w > 0), key=lambda k: (-quotas[k][1], k))
    for k in order[:left]:
        parts[k] += 1
    return parts


def decimal_sweep(work, rates, scenarios):
    """Pure Python / decimal.Decimal; rates[s][m][y] in basis points."""
    ctx = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_EVEN)
    one = Decimal(1)
    fp = Decimal(work.frame_part.numerator) / Decimal(work.frame_part.denominator) / 100
    nm, ny = len(work.ids), len(work.years)
    cost_share = [[[0] * nm for _ in range(ny)] for _ in range(scenarios)]
    costs = [[0] * ny for _ in range(scenarios)]
    with decimal.localcontext(ctx):
        for s in range(scenarios):
            prev = [Decimal(iv["amount"]) for iv in work.ivs]
            for y in range(ny):
                row = cost_share[s][y]
                for i, iv in enumerate(work.ivs):
                    # the owners' weighted mean rate, in percent; amount = prev × (1 + rate/100)
                    W = sum(w for _, w in iv["owners"])
                    num = sum(w * int(rates[s][k][y]) for k, w in iv["owners"])
                    factor = (Decimal(10000 * W + num)) / Decimal(10000 * W)
                    amount = (prev[i] * factor).quantize(one)
                    prev[i] = amount
                    frame = (amount * fp).quantize(one)
                    case = amount - frame
                    for k, part in enumerate(split(int(frame), work.final[y])):
                        row[k] += part
                    for k, part in enumerate(split(int(case), iv["key"])):
                        row[k] += part
                    costs[s][y] += int(amount)
    return cost_share, costs


def numpy_sweep(work, rates):
    """numpy float64 in kronor, vectorised over the scenarios."""
    import numpy as np
    S = rates.shape[0]
    nm, ny = len(work.ids), len(work.years)
    fp = float(work.frame_part) / 100
    cost_share = np.zeros((S, ny, nm))
    costs = np.zeros((S, ny))
    prev = [np.full(S, iv["amount"] / 100.0) for iv in work.ivs]

    def lr(p_kr, weights):
        w = np.asarray(weights, dtype=float)
        units = np.round(p_kr * 100)                     # whole öre
        quota = units[:, None] * w[None, :] / w.sum()
        base = np.floor(quota)
        rem = quota - base
        rem[:, w == 0] = -1.0
        left = (units - base.sum(axis=1)).astype(int)
        order = np.argsort(-rem, axis=1, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.arange(len(weights))[None, :].repeat(len(units), 0), axis=1)
        return (base + (rank < left[:, None])) / 100.0

    for y in range(ny):
        for i, iv in enumerate(work.ivs):
            W = sum(w for _, w in iv["owners"])
            rate = sum(w * rates[:, k, y] for k, w in iv["owners"]) / W / 100.0   # percent
            amount = np.round(prev[i] * (1 + rate / 100), 2)
            prev[i] = amount
            frame = np.round(amount * fp, 2)
            case = amount - frame
            cost_share[:, y, :] += lr(frame, work.final[y]) + lr(case, iv["key"])
            costs[:, y] += amount
    return np.round(cost_share * 100).astype(np.int64), np.round(costs * 100).astype(np.int64)

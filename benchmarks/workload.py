"""The reference sweep workload of the benchmarks (issue 6).

10 000 scenarios × 10 years × 20 interventions × 5 members = 10^7 allocation cells; frame part
20 %, amounts and allocation in öre, half_even. The plan is a realistic förbund: a 30 Mkr frame
with explicit shares and a few adjustments (so the final contributions are odd öre amounts),
interventions of 0.3–3 Mkr with öre, single or weighted owners and case keys over 2–5 members.
Rates are uniform in −1.00 % … 5.00 % (−100 … 500 bp) per scenario, member and year.
Deterministic for a seed; only the standard library (and numpy for the rates).
"""

import random

MEMBERS = [("fk", "Försäkringskassan", "state"), ("region", "Region Dalarna", "region"),
           ("avesta", "Avesta kommun", "municipality"), ("hedemora", "Hedemora kommun", "municipality"),
           ("sater", "Säters kommun", "municipality")]


def reference_plan(interventions=20, years=10, first_year=2025, seed=2025):
    rng = random.Random(seed)
    ids = [m[0] for m in MEMBERS]
    ivs = []
    for i in range(interventions):
        ore = rng.randrange(30_000_000, 300_000_000)
        owner = rng.choice(ids) if rng.random() < 0.7 else \
            {a: str(rng.randint(1, 3)) for a in rng.sample(ids, 2)}
        key = {m: str(rng.randint(1, 60)) for m in sorted(rng.sample(ids, rng.randint(2, 5)), key=ids.index)}
        ivs.append({"id": f"insats-{i + 1:02d}", "name": f"Insats {i + 1}", "owner": owner,
                    "amounts": {str(first_year - 1): f"{ore // 100}.{ore % 100:02d}"},
                    "financing": {"key": key}})
    return {
        "format": "finsam/1",
        "name": "Referensförbundet (benchmark)",
        "years": [first_year, first_year + years - 1],
        "rounding": {"amounts": "öre", "allocation": "öre", "mode": "half_even"},
        "members": [{"id": i, "name": n, "kind": k} for i, n, k in MEMBERS],
        "shares": {"fk": "50", "region": "25", "avesta": "11.37", "hedemora": "8.41", "sater": "5.22"},
        "frame": {"total": "30000000"},
        "uprating": {i: "2" for i in ids},
        "financing": {"frame_part": "20"},
        "interventions": ivs,
        "adjustments": [{"year": first_year, "member": "region", "amount": "-123456.78"},
                        {"year": first_year, "member": "hedemora", "amount": "98765.43"},
                        {"year": first_year + 3, "member": "sater", "amount": "-4321.09"}],
    }


def reference_rates(scenarios, members=len(MEMBERS), years=10, seed=6):
    import numpy as np
    return np.random.default_rng(seed).integers(-100, 501, size=(scenarios, members, years), dtype=np.int64)

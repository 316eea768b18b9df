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


def followup_plan(interventions=50, years=5, first_year=2025, seed=15):
    """The follow-up workload (issue 15): a förbund with `interventions` interventions over
    `years` years, in kr, followed up in its second year through June with 12 months of
    actuals (July of the first year to June of the second: the first year is a closed plan
    year with an entry, the second is F with T = 6), every forecast rule, profiles on the plan,
    on interventions and on items, three income lines, payments by several schedules and a
    liquidity plan. Deterministic for a seed; only the standard library."""
    rng = random.Random(seed)
    ids = [m[0] for m in MEMBERS]
    f_year = first_year + 1
    ivs, costs, forecast = [], {}, {}
    for i in range(interventions):
        iid = f"insats-{i + 1:02d}"
        kr = rng.randrange(200_000, 3_000_000)
        iv = {"id": iid, "name": f"Insats {i + 1}", "kind": ["insats", "project", "administration"][i % 3],
              "owner": rng.choice(ids), "amounts": {str(first_year): str(kr)}}
        if i % 4 == 1:
            iv["profile"] = [rng.choice([0, 1, 1, 2]) for _ in range(11)] + [1]
        if i % 5 == 2:  # a bottom-up budget with its own months
            del iv["amounts"]
            iv["items"] = [{"name": f"Del {k + 1}", "amounts": {str(y): str(rng.randrange(50_000, 900_000))
                                                                 for y in range(first_year, first_year + years)}}
                           for k in range(3)]
            iv["items"][0]["profile"] = [0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1]
        if i % 3 == 2:
            iv["financing"] = {"frame_part": "40", "key": {m: str(rng.randint(1, 5)) for m in rng.sample(ids, 2)}}
        ivs.append(iv)
        months = {}
        for m in range(7, 13):
            months[f"{first_year}-{m:02d}"] = f"{rng.randrange(10_000, 250_000)}.{rng.randrange(100):02d}"
        for m in range(1, 7):
            months[f"{f_year}-{m:02d}"] = f"{rng.randrange(10_000, 250_000)}.{rng.randrange(100):02d}"
        costs[iid] = months
        forecast[iid] = ["budget", "run_rate", str(rng.randrange(500_000, 3_000_000))][i % 3]
    return {
        "format": "finsam/1",
        "name": "Uppföljningsförbundet (benchmark)",
        "years": [first_year, first_year + years - 1],
        "members": [{"id": i, "name": n, "kind": k} for i, n, k in MEMBERS],
        "shares": {"fk": "50", "region": "25", "avesta": "11.37", "hedemora": "8.41", "sater": "5.22"},
        "frame": {"total": "60000000"},
        "uprating": {i: "2" for i in ids},
        "financing": {"frame_part": "100"},
        "profile": [1, 1, 1, 1, 1, 1, "0.5", 1, 1, 1, 1, 1],
        "interventions": ivs,
        "income": [{"id": "esf", "name": "ESF", "amounts": {str(first_year): "800000", str(f_year): "650000"}},
                   {"id": "ranta", "name": "Ränteintäkter", "amounts": {str(y): "12000" for y in range(first_year, first_year + years)}},
                   {"id": "ovrigt", "name": "Övrigt", "amounts": {str(f_year): "-5000"}}],
        "equity": {"opening": "2500000", "guideline_percent": "20"},
        "actuals": {
            "through": f"{f_year}-06",
            "costs": costs,
            "contributions": {m: {f"{y}-{mm:02d}": "1000000" for y, mm in [(first_year, 7), (first_year, 10), (f_year, 1), (f_year, 4)]}
                              for m in ids},
            "income": {"esf": {f"{f_year}-03": "300000"}, "ranta": {f"{first_year}-12": "6000", f"{f_year}-06": "6000"}},
            "forecast": forecast,
        },
        "liquidity": {"opening": "3000000", "minimum": "500000",
                      "payments": {"fk": "quarterly", "region": "monthly", "avesta": {"months": [3, 9]},
                                   "hedemora": {str(first_year): "half_yearly", str(f_year): "yearly"}}},
    }

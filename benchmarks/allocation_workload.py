#!/usr/bin/python3
"""Synthetic finsam-allocation/1 models (deterministic, from a seed).

    allocation_workload.py --forbund 10000 --out FILE     one large model (the benchmark's)
    allocation_workload.py --seeds 40 --out DIR           40 small varied models (fuzz seeds)

The large model: N förbund of 1–5 areas each, support 20–900 mn kr and 2 000–40 000 people per
area, last year's allocation the model's own share of a total 2 % higher, moved by up to ±25 %,
so that the 10 % cap holds about a quarter of the förbund over several rounds; one in twenty
exempt. The figures are invented (illustrative only).
"""

import argparse
import json
import os
import random


def large(n, seed):
    rng = random.Random(seed)
    forbund = []
    for k in range(n):
        areas = [{"id": f"a{k}-{i}", "support": str(rng.randint(20, 900) * 1_000_000), "population": rng.randint(2_000, 40_000)}
                 for i in range(rng.randint(1, 5))]
        forbund.append({"id": f"f{k}", "name": f"Förbund {k}", "areas": areas})
    support = sum(int(a["support"]) for f in forbund for a in f["areas"])
    population = sum(a["population"] for f in forbund for a in f["areas"])
    total = 400_000 * n * 10
    pool = total - 400_000 * n
    for f in forbund:
        s = sum(int(a["support"]) for a in f["areas"])
        p = sum(a["population"] for a in f["areas"])
        share = 400_000 + pool * (0.75 * s / support + 0.25 * p / population)
        f["previous"] = str(int(share / 1.02 * rng.uniform(0.75, 1.25)))
        if rng.random() < 0.05:
            f["exempt_from_cap"] = True
    return {"format": "finsam-allocation/1", "name": f"Syntetisk modell, {n} förbund (påhittade siffror)", "year": 2016,
            "total": str(total), "base": "400000", "decrease_cap_percent": "10", "forbund": forbund}


def small(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 12)
    forbund = []
    for k in range(n):
        f = {"id": f"f{k}"}
        if rng.random() < 0.5:
            f["areas"] = [{"id": f"a{k}-{i}", "support": str(rng.randint(0, 50)), "population": rng.randint(0, 50)}
                          for i in range(rng.randint(1, 3))]
        else:
            f["support"], f["population"] = str(rng.randint(0, 50)), rng.randint(0, 50)
        if rng.random() < 0.8:
            f["previous"] = str(rng.randint(0, 3000))
        if rng.random() < 0.15:
            f["exempt_from_cap"] = True
        forbund.append(f)
    doc = {"format": "finsam-allocation/1", "year": 2016, "total": str(rng.randint(0, 20000)) + rng.choice(["", ".5", ".05"]),
           "base": str(rng.randint(0, 300)), "forbund": forbund}
    if rng.random() < 0.8:
        doc["decrease_cap_percent"] = rng.choice(["10", "0", "5.5", "100", "33"])
    if rng.random() < 0.3:
        sw = rng.choice([0, 25, 50, 75, 100])
        doc["weights"] = {"support": str(sw), "population": str(100 - sw)}
    if rng.random() < 0.3:
        doc["rounding"] = {"allocation": rng.choice(["öre", "kr"]), "mode": rng.choice(["half_up", "half_even", "toward_zero"])}
    return doc


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--forbund", type=int, default=10000)
    ap.add_argument("--seeds", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.seeds:
        os.makedirs(a.out, exist_ok=True)
        for i in range(a.seeds):
            with open(os.path.join(a.out, f"generated-allocation-{i}.json"), "w", encoding="utf-8") as f:
                json.dump(small(a.seed * 1000 + i), f, ensure_ascii=False)
        return
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(large(a.forbund, a.seed), f, ensure_ascii=False)


if __name__ == "__main__":
    main()

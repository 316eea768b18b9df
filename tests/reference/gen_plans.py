#!/usr/bin/python3
"""Random valid `finsam/1` plans for differential testing.

    /usr/bin/python3 tests/reference/gen_plans.py --seed S --count N --out DIR

writes DIR/plan_0000.json .. DIR/plan_{N-1}.json.  Plans are built to be valid by construction
(see the comments); each candidate is still run through the reference evaluator
(finsam_ref.py), and a rejected candidate is replaced by a fresh one.  The share of rejected
candidates is printed on stderr and must stay below 10 % (the command fails otherwise).
Deterministic: the same seed and count give the same files.
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import finsam_ref as ref                      # noqa: E402
from finsam_ref import Num                    # noqa: E402

UNITS = {"kr": 100, "tkr": 100_000, "mnkr": 100_000_000}
NAMES = ["Fyren", "Arbetslivsresursen", "Kompassen", "Steget vidare", "Unga vuxna",
         "Samordnad rehabilitering", "Jobbstarten", "Motivationsgruppen", "Förrehab",
         "Kansli", "Utbildningsplan", "Aktivitetshuset", "Navet", "Språnget"]
MEMBER_POOL = {
    "state": [("fk", "Försäkringskassan"), ("af", "Arbetsförmedlingen")],
    "region": [("region", "Region Dalarna"), ("landsting", "Stockholms läns landsting")],
    "municipality": [("avesta", "Avesta kommun"), ("hedemora", "Hedemora kommun"),
                     ("haninge", "Haninge kommun"), ("sater", "Säters kommun"),
                     ("botkyrka", "Botkyrka kommun")],
    "other": [("socsam", "SOCSAM-nämnden"), ("stiftelse", "Stiftelsen Kompassen")],
}


# ---------------------------------------------------------------------------------------------
# JSON writing with exact number text
# ---------------------------------------------------------------------------------------------

def dumps(v, indent=0):
    pad = "  " * (indent + 1)
    if isinstance(v, Num):
        return v.text
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[\n" + ",\n".join(pad + dumps(x, indent + 1) for x in v) + "\n" + "  " * indent + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{\n" + ",\n".join(pad + json.dumps(k, ensure_ascii=False) + ": " + dumps(x, indent + 1)
                                  for k, x in v.items()) + "\n" + "  " * indent + "}"
    raise TypeError(type(v))


# ---------------------------------------------------------------------------------------------
# Value writers (section 1, 12.1): every legal spelling of the same exact value
# ---------------------------------------------------------------------------------------------

def decimal_text(numerator, decimals):
    """numerator / 10**decimals as a minimal decimal string."""
    sign = "-" if numerator < 0 else ""
    ip, fp = divmod(abs(numerator), 10 ** decimals)
    if decimals == 0 or fp == 0:
        return f"{sign}{ip}"
    return f"{sign}{ip}.{fp:0{decimals}d}".rstrip("0")


def spell_decimal(rng, numerator, decimals, allow_exponent=True):
    """A decimal value as a JSON integer, a JSON fraction, an exponent or a decimal string."""
    text = decimal_text(numerator, decimals)
    r = rng.random()
    if r < 0.45:
        return text                                   # decimal string
    if r < 0.85 or not allow_exponent:
        return Num(text)                              # JSON number (integer or fraction)
    # exponent form: mantissa digits × 10^e
    digits = text.lstrip("-").replace(".", "")
    exp = -(len(text.lstrip("-").split(".")[1]) if "." in text else 0)
    shift = rng.randint(0, 2)
    mant = (digits + "0" * shift).lstrip("0") or "0"
    exp -= shift
    sign = "-" if text.startswith("-") else ""
    return Num(f"{sign}{mant}e{exp}" if rng.random() < 0.5 else f"{sign}{mant}E{exp:+d}")


def amount(rng, ore, unit_name):
    """An amount of `ore` öre in the plan's unit (must be whole öre: true by construction)."""
    unit = UNITS[unit_name]
    decimals = len(str(unit)) - 1
    assert (ore * 10 ** decimals) % unit == 0
    return spell_decimal(rng, ore * 10 ** decimals // unit, decimals)


def percent(rng, hundredths):
    """A percent given in hundredths of a percent."""
    return spell_decimal(rng, hundredths, 2, allow_exponent=False)


def factor(rng, num, den):
    """A factor or weight: "A/B", or its decimal spelling when that is finite."""
    from fractions import Fraction
    f = Fraction(num, den)
    d = f.denominator
    decimals = 0
    while d % 10 == 0 or d % 2 == 0 or d % 5 == 0:
        if d % 10 == 0:
            d //= 10
        elif d % 2 == 0:
            d //= 2
        else:
            d //= 5
        decimals += 1
    if d != 1 or rng.random() < 0.35:
        return f"{num}/{den}"
    return spell_decimal(rng, f.numerator * 10 ** decimals // f.denominator, decimals,
                         allow_exponent=False)


def rough_ore(rng, low_kr, high_kr, unit_name, fine=False):
    """A positive amount in öre within [low, high] kr, in the unit's natural granularity."""
    grain = {"kr": 100, "tkr": 100_000, "mnkr": 1_000_000}[unit_name]
    if fine:
        grain = {"kr": 1, "tkr": 100, "mnkr": 1_000}[unit_name]
    lo = max(1, low_kr * 100 // grain)
    hi = max(lo, high_kr * 100 // grain)
    return rng.randint(lo, hi) * grain


def split_hundredths(rng, count, total=10000, allow_zero=True, min_positive=500):
    """`count` non-negative integers (hundredths of a percent) summing to `total`."""
    while True:
        weights = [rng.choice([0] * allow_zero + [1, 2, 3, 5, 8]) for _ in range(count)]
        if sum(weights) == 0:
            continue
        parts = [total * w // sum(weights) for w in weights]
        parts = [p - p % (rng.choice([1, 50, 100])) for p in parts]
        parts[[i for i, w in enumerate(weights) if w][0]] += total - sum(parts)
        if all(p == 0 or p >= min_positive for p in parts):
            return parts


# ---------------------------------------------------------------------------------------------
# One plan
# ---------------------------------------------------------------------------------------------

class PlanGenerator:
    def __init__(self, rng):
        self.rng = rng

    def generate(self):
        rng = self.rng
        self.unit = rng.choice(["kr", "tkr", "mnkr"])
        self.first = rng.randint(2004, 2016)
        self.last = self.first + rng.choice([0, 1, 1, 2, 2, 3, 4])
        self.years = list(range(self.first, self.last + 1))
        plan = {"format": "finsam/1"}
        if rng.random() < 0.85:
            plan["name"] = rng.choice(["Södra Dalarnas samordningsförbund", "SOCSAM Haninge",
                                       "Samordningsförbundet HBS", "Finsam Lund"])
        if self.unit != "kr" or rng.random() < 0.3:
            plan["amount_unit"] = self.unit
        plan["years"] = [Num(str(self.first)), Num(str(self.last))]
        plan.update(self.rounding())
        plan["members"] = self.members()
        self.frame_kinds = self.choose_frame_kinds()
        needs_shares = self.frame_style == "absent" or any(
            k != "members" for k in self.frame_kinds.values())
        if needs_shares or rng.random() < 0.5:
            plan["shares"] = self.shares()
        self.budget = rng.choice([200, 800, 2_000, 6_000]) * 1000        # kr, nominal yearly costs
        self.interventions_ = self.interventions()
        frame = self.frame()
        if frame is not None:
            plan["frame"] = frame
        plan["uprating"] = self.uprating_
        if rng.random() < 0.25:
            self.default_frame_part = rng.choice([100, 20])
            plan["financing"] = {"frame_part": percent(rng, self.default_frame_part * 100)}
        else:
            self.default_frame_part = 100
        plan["interventions"] = [self.finish_intervention(iv) for iv in self.interventions_]
        adjustments = self.adjustments()
        if adjustments:
            plan["adjustments"] = adjustments
        if rng.random() < 0.6:
            plan["equity"] = self.equity()
        checks = self.checks("equity" in plan)
        if checks:
            plan["checks"] = checks
        return plan

    # -- rounding (section 2) -----------------------------------------------------------------
    def rounding(self):
        rng = self.rng
        r = {}
        if rng.random() < 0.6:
            r["amounts"] = rng.choice(["öre", "kr", "tkr"])
        if rng.random() < 0.6:
            r["allocation"] = rng.choice(["öre", "kr"])
        if rng.random() < 0.6:
            r["mode"] = rng.choice(["half_up", "half_even", "toward_zero"])
        self.alloc_unit = 1 if r.get("allocation") == "öre" else 100
        self.amount_round = {"öre": 1, "kr": 100, "tkr": 100_000}[r.get("amounts", "kr")]
        return {"rounding": r} if r or rng.random() < 0.2 else {}

    # -- members (section 3) ------------------------------------------------------------------
    def members(self):
        rng = self.rng
        count = rng.randint(1, 6)
        kinds = []
        for _ in range(count):
            kinds.append(rng.choices(["state", "region", "municipality", "other"],
                                     weights=[3, 2, 5, 1])[0])
        kinds.sort(key=["state", "region", "municipality", "other"].index)
        if all(k == "other" for k in kinds):
            kinds[0] = "municipality"
        used = set()
        out = []
        self.members_ = []
        for i, kind in enumerate(kinds):
            pool = [p for p in MEMBER_POOL[kind] if p[0] not in used]
            mid, name = pool[0] if pool else (f"{kind[:3]}{i}", f"{kind.title()} {i}")
            used.add(mid)
            m = {"id": mid}
            if rng.random() < 0.8:
                m["name"] = name
            m["kind"] = kind
            info = {"id": mid, "kind": kind, "full": True, "first": None, "last": None}
            # Partial-year membership: never for the first member of a kind and never for
            # state members, so every frame that needs a state share or a positive frame has one.
            if kind in ("municipality", "region", "other") and i > 0 and \
                    kinds.index(kind) != i and rng.random() < 0.45:
                self.partial(m, info)
            if kind in ("municipality", "region") or rng.random() < 0.3:
                if rng.random() < 0.9:
                    m["population"] = self.population()
            info["has_population"] = "population" in m
            out.append(m)
            self.members_.append(info)
        return out

    def partial(self, m, info):
        """`from`/`to` as years or months, at least one month inside the plan."""
        rng = self.rng
        months = [(y, mo) for y in self.years for mo in range(1, 13)]
        a = rng.randrange(len(months))
        b = rng.randrange(a, len(months))
        which = rng.choice(["from", "to", "both"])
        if which in ("from", "both"):
            y, mo = months[a]
            m["from"] = Num(str(y)) if mo == 1 and rng.random() < 0.5 else f"{y:04d}-{mo:02d}"
            info["first"] = y * 12 + mo - 1
        if which in ("to", "both"):
            y, mo = months[b]
            m["to"] = Num(str(y)) if mo == 12 and rng.random() < 0.5 else f"{y:04d}-{mo:02d}"
            info["last"] = y * 12 + mo - 1
        info["full"] = False

    def population(self):
        rng = self.rng
        base = rng.randint(5_000, 90_000)
        spell = (lambda n: Num(str(n))) if rng.random() < 0.6 else str
        if rng.random() < 0.4:
            return spell(base)
        dated = {str(self.first - rng.randint(0, 3)): spell(base)}
        if self.last > self.first and rng.random() < 0.6:
            dated[str(rng.randint(self.first + 1, self.last))] = spell(base + rng.randint(-900, 900))
        return dated

    def ids(self, kind=None):
        return [m["id"] for m in self.members_ if kind is None or m["kind"] == kind]

    def payers(self):
        """Members sure to pay a positive contribution every year (for negative adjustments)."""
        return [m["id"] for m in self.members_ if m["full"] and m["id"] in self.positive_share]

    # -- shares (section 4) -------------------------------------------------------------------
    def shares(self):
        """Explicit or law shares; dated shares may switch between the two forms."""
        rng = self.rng
        entry = self.share_entry()
        if self.last > self.first and rng.random() < 0.3:
            # Dated shares: a first key at or before the first year, another one later.
            return {str(self.first - rng.randint(0, 2)): entry,
                    str(rng.randint(self.first + 1, self.last)): self.share_entry()}
        return entry

    def share_entry(self):
        if self.rng.random() < 0.5:
            return self.explicit_entry()
        return self.law_entry()

    def keep_positive(self, positive):
        """Members whose share is positive under every share entry written so far."""
        self.positive_share = positive if not hasattr(self, "positive_share") else \
            self.positive_share & positive

    def explicit_entry(self):
        rng = self.rng
        ids = self.ids()
        while True:
            parts = split_hundredths(self.rng, len(ids))
            # the first member (always full-year) pays, so total frames can be split,
            # and some state member pays whenever there is one (for state frames).
            states = [i for i, m in enumerate(self.members_) if m["kind"] == "state"]
            if parts[0] > 0 and (not states or any(parts[i] > 0 for i in states)):
                break
        self.keep_positive({mid for mid, p in zip(ids, parts) if p > 0})
        return {mid: percent(rng, p) for mid, p in zip(ids, parts)}

    def law_entry(self):
        rng = self.rng
        entry = {"rule": "law"}
        self.keep_positive({m["id"] for m in self.members_ if m["kind"] != "other"})
        for kind, keyname in (("state", "state_key"), ("region", "region_key"),
                              ("municipality", "municipal_key")):
            ids = self.ids(kind)
            if len(ids) < 2 and rng.random() < 0.85:
                continue                                 # a key with one member needs nothing
            if not ids:
                continue
            options = ["equal", "percent"]
            if all(m["has_population"] for m in self.members_ if m["kind"] == kind):
                options.append("population")
            choice = rng.choice(options)
            if choice == "percent":
                # all positive: partial-year members must not leave the present ones at 0
                parts = split_hundredths(rng, len(ids), allow_zero=False, min_positive=100)
                entry[keyname] = {mid: percent(rng, p) for mid, p in zip(ids, parts)}
            else:
                entry[keyname] = choice
        keys = list(entry)
        if rng.random() < 0.3:                            # key order is free
            rng.shuffle(keys)
        return {k: entry[k] for k in keys}

    # -- frame (section 5) --------------------------------------------------------------------
    def choose_frame_kinds(self):
        rng = self.rng
        has_state = bool(self.ids("state"))
        options = ["total", "members", "cover_costs"] + ["state"] * has_state
        style = rng.random()
        if style < 0.2:
            self.frame_style = "absent"
            return {y: "cover_costs" for y in self.years}
        if style < 0.5:
            self.frame_style = "undated"
            k = rng.choice(options)
            return {y: k for y in self.years}
        self.frame_style = "dated"
        return {y: rng.choice(options) for y in self.years}

    def frame(self):
        rng = self.rng
        kinds = self.frame_kinds
        if self.frame_style == "absent":
            return None if rng.random() < 0.7 else {"cover_costs": True}
        if self.frame_style == "undated":
            return self.frame_entry(kinds[self.first])
        out = {}
        prev = None
        start = self.first - rng.randint(0, 2)
        for y in self.years:
            k = kinds[y]
            if k == prev and k != "members" and rng.random() < 0.7:
                continue                                   # carried forward from an earlier key
            out[str(start if y == self.first else y)] = self.frame_entry(k)
            prev = k
        return out

    def frame_entry(self, kind):
        rng = self.rng
        if kind == "cover_costs":
            return {"cover_costs": True}
        if kind == "total":
            return {"total": amount(rng, rough_ore(rng, self.budget * 8 // 10, self.budget * 13 // 10,
                                                   self.unit, fine=rng.random() < 0.2), self.unit)}
        if kind == "state":
            return {"state": amount(rng, rough_ore(rng, self.budget * 4 // 10, self.budget * 6 // 10,
                                                   self.unit, fine=rng.random() < 0.2), self.unit)}
        listed = {}
        ids = self.ids()
        payers = self.payers() if hasattr(self, "positive_share") else []
        for i, mid in enumerate(ids):
            # payers (targets of negative adjustments) are always listed
            if i == 0 or mid in payers or rng.random() < 0.85:
                listed[mid] = amount(rng, rough_ore(rng, self.budget // 20, self.budget // 2,
                                                    self.unit, fine=rng.random() < 0.15), self.unit)
        return {"members": listed}

    # -- interventions (section 6) ------------------------------------------------------------
    def interventions(self):
        rng = self.rng
        ids = self.ids()
        # uprating: most members get a rate, undated or dated (first key well before the plan)
        self.uprating_ = {}
        self.rated = []
        for mid in ids:
            if rng.random() < 0.85:
                self.rated.append(mid)
                if rng.random() < 0.5:
                    self.uprating_[mid] = percent(rng, rng.randint(-100, 450))
                else:
                    dated = {str(self.first - 6): percent(rng, rng.randint(0, 350))}
                    for y in self.years[1:]:
                        if rng.random() < 0.5:
                            dated[str(y)] = percent(rng, rng.randint(-200, 400))
                    self.uprating_[mid] = dated
        count = rng.randint(1, 8)
        names = rng.sample(NAMES, min(count, len(NAMES)))
        return [self.intervention(i, names[i]) for i in range(count)]

    def intervention(self, i, name):
        rng = self.rng
        iv = {"id": f"{name.lower().replace(' ', '-').replace('ö', 'o').replace('å', 'a').replace('ä', 'a')}"}
        if rng.random() < 0.8:
            iv["name"] = name
        if rng.random() < 0.6:
            iv["kind"] = rng.choice(["insats", "project", "administration"])
        # owner: a rated member, weights over rated members (plus a zero weight), or none
        r = rng.random()
        owner_ok = bool(self.rated)
        if owner_ok and r < 0.55:
            iv["owner"] = rng.choice(self.rated)
        elif owner_ok and r < 0.85:
            chosen = rng.sample(self.rated, rng.randint(1, len(self.rated)))
            weights = {mid: factor(rng, rng.randint(1, 4), rng.choice([1, 1, 2, 3])) for mid in chosen}
            unrated = [m for m in self.ids() if m not in self.rated]
            if unrated and rng.random() < 0.5:
                weights[rng.choice(unrated)] = rng.choice(["0", Num("0"), "0/3"])
            iv["owner"] = weights
        has_owner = "owner" in iv

        # active range and the chain start k0 (12.10)
        active_from = active_to = None
        if rng.random() < 0.3:
            active_from = rng.randint(self.first - 2, self.last)
        if rng.random() < 0.3:
            active_to = rng.randint(max(active_from or 0, self.first - 1), self.last + 1)
        start = max(self.first, active_from or self.first)
        k0 = rng.randint(max(start - 2, active_from or start - 2), start)
        per_year = self.budget // rng.randint(2, 6)
        known = {k0: rough_ore(rng, per_year // 2, per_year, self.unit, fine=rng.random() < 0.15)}
        for y in self.years:
            if y > k0 and rng.random() < 0.15:
                known[y] = rough_ore(rng, per_year // 2, per_year, self.unit)
        if active_from is not None or active_to is not None:
            act = {}
            if active_from is not None:
                act["from"] = Num(str(active_from))
            if active_to is not None:
                act["to"] = Num(str(active_to))
            iv["active"] = act

        # items: a bottom-up budget for some of the known years
        items = []
        item_years = set()
        if rng.random() < 0.25:
            for j in range(rng.randint(1, 3)):
                amounts = {}
                for y in sorted(known):
                    if rng.random() < 0.7:
                        amounts[str(y)] = rough_ore(rng, 1000, max(1000, known[y] // 100 // 2), self.unit)
                        item_years.add(y)
                items.append({"name": f"Post {j + 1}", "amounts": amounts} if rng.random() < 0.8
                             else {"amounts": amounts})
        amounts_out = {}
        for y, ore in sorted(known.items()):
            if y in item_years and rng.random() < 0.6:
                continue                       # the items' sum is the known amount
            amounts_out[str(y)] = amount(rng, ore, self.unit)
        iv["amounts"] = amounts_out
        if items:
            iv["items"] = [{**it, "amounts": {y: amount(rng, o, self.unit) for y, o in it["amounts"].items()}}
                           for it in items]

        # change rules: dated or not; the first key covers k0 + 1
        change = self.change(has_owner, k0)
        if change is not None:
            iv["change"] = change
        return {"iv": iv, "k0": k0, "known": known}

    def change_rule(self, has_owner):
        rng = self.rng
        rule = {}
        r = rng.random()
        if r < 0.3 and has_owner:
            if rng.random() < 0.5:
                rule["uprate"] = "owner"
        elif r < 0.55:
            rule["uprate"] = "none"
        else:
            rule["uprate"] = percent(rng, rng.randint(-500, 600))
        if rng.random() < 0.35:
            num, den = rng.choice([(600, 400), (9, 10), (11, 10), (21, 20), (3, 4), (5, 4), (1, 1), (2, 3)])
            rule["volume"] = factor(rng, num, den)
        if rng.random() < 0.3:
            d = rough_ore(rng, 1_000, max(2_000, self.budget // 40), self.unit, fine=rng.random() < 0.2)
            rule["delta"] = amount(rng, -d if rng.random() < 0.5 else d, self.unit)
        if not has_owner and "uprate" not in rule:
            rule["uprate"] = "none"
        return rule

    def change(self, has_owner, k0):
        rng = self.rng
        r = rng.random()
        if r < 0.3 and has_owner:
            return None                                    # default {"uprate": "owner"}
        if r < 0.6:
            rule = self.change_rule(has_owner)
            if not rule:
                rule = {"uprate": "none"}
            return rule
        dated = {str(k0 + 1 - rng.randint(0, 3)): self.change_rule(has_owner)}
        for y in range(k0 + 2, self.last + 1):
            if rng.random() < 0.4:
                dated[str(y)] = self.change_rule(has_owner)
        return dated

    def finish_intervention(self, rec):
        """Financing and checks, once the default frame_part is known."""
        rng = self.rng
        iv = rec["iv"]
        fin = {}
        r = rng.random()
        if r < 0.35:
            fin["frame_part"] = percent(rng, 2000)                         # SOCSAM: 20 %
        elif r < 0.5:
            fin["frame_part"] = percent(rng, rng.choice([0, 5000, 3350, 10000, 7525]))
        fp = fin.get("frame_part")
        frame_part_is_100 = (fp is None and self.default_frame_part == 100) or \
            (fp is not None and ref.read_percent(fp, "") == 100)
        if not frame_part_is_100 or self.alloc_unit > 1 or rng.random() < 0.4:
            ids = self.ids()
            chosen = rng.sample(ids, rng.randint(1, len(ids)))
            key = {mid: factor(rng, rng.randint(1, 5), rng.choice([1, 1, 2])) for mid in chosen}
            if len(chosen) < len(ids) and rng.random() < 0.3:
                key[rng.choice([m for m in ids if m not in chosen])] = "0"
            fin["key"] = key
        if fin:
            iv["financing"] = fin
        if rng.random() < 0.2:
            y = rng.choice(self.years)
            iv["checks"] = {str(y): amount(rng, rough_ore(rng, 1000, self.budget, self.unit), self.unit)}
        return iv

    # -- adjustments, equity, checks (sections 5, 8) ------------------------------------------
    def adjustments(self):
        rng = self.rng
        out = []
        payers = self.payers() if hasattr(self, "positive_share") else []
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            ore = rough_ore(rng, 100, max(200, self.budget // 200), self.unit, fine=rng.random() < 0.2)
            if payers and rng.random() < 0.5:
                mid, ore = rng.choice(payers), -ore
            else:
                mid = rng.choice(self.ids())
            adj = {"year": Num(str(rng.choice(self.years))), "member": mid,
                   "amount": amount(rng, ore, self.unit)}
            if rng.random() < 0.5:
                adj["note"] = rng.choice(["slutlig ram", "beslut i styrelsen", "återbetalning"])
            out.append(adj)
        return out

    def equity(self):
        rng = self.rng
        eq = {}
        if rng.random() < 0.8:
            eq["opening"] = amount(rng, rough_ore(rng, 0, self.budget // 3, self.unit), self.unit)
        if rng.random() < 0.5:
            use = lambda: amount(rng, rough_ore(rng, 1000, self.budget // 20, self.unit), self.unit)  # noqa: E731
            if rng.random() < 0.5:
                eq["use"] = use()
            else:
                dated = {str(self.first - rng.randint(0, 2)): use()}
                if self.last > self.first:
                    dated[str(self.last)] = use()
                eq["use"] = dated
        if rng.random() < 0.6:
            eq["guideline_percent"] = percent(rng, rng.choice([1000, 2000, 500, 1250]))
        return eq

    def checks(self, with_equity):
        rng = self.rng
        out = {}
        for y in self.years:
            if rng.random() < 0.3:
                keys = ["costs", "contributions", "result"] + ["equity_end"] * with_equity
                entry = {}
                for k in rng.sample(keys, rng.randint(1, len(keys))):
                    entry[k] = amount(rng, rough_ore(rng, 1000, self.budget, self.unit), self.unit)
                out[str(y)] = entry
        return out


# ---------------------------------------------------------------------------------------------
# Variants (section 9): merge patches, each kept only if the patched plan is valid
# ---------------------------------------------------------------------------------------------

def variant_candidates(rng, plan):
    out = {}
    upr = plan.get("uprating", {})
    if upr:
        mid = rng.choice(list(upr))
        out["high-uprating"] = {"uprating": {mid: percent(rng, rng.randint(300, 600))}}
    modes = ["half_up", "half_even", "toward_zero"]
    mode = rng.choice(modes)
    out["rounding-" + mode.replace("_", "-")] = {"rounding": {"mode": mode}}
    if "adjustments" in plan:
        out["no-adjustments"] = {"adjustments": None}
    if "equity" in plan:
        out["strict-guideline"] = {"equity": {"guideline_percent": "5", "opening": "0"}}
    if len(plan["interventions"]) > 1:
        out["without-last"] = {"interventions": plan["interventions"][:-1]}
        # section 16: the same by id, and one intervention added by id
        out["without-last-by-id"] = {"interventions": {plan["interventions"][-1]["id"]: None}}
        first = {k: v for k, v in plan["interventions"][0].items() if k != "id"}
        out["added-by-id"] = {"interventions": {"added": dict(first, name="Added")}}
    if "shares" in plan and "frame" in plan:
        out["cover-costs"] = {"frame": None}
    out["allocation-ore"] = {"rounding": {"allocation": "öre"}, "name": plan.get("name", "") + " (öre)"}
    names = list(out)
    chosen = rng.sample(names, min(len(names), rng.choice([1, 1, 2, 3])))
    return {n: out[n] for n in chosen}


def valid(plan):
    """Valid as written: the plan goes through its JSON text, as a reader would see it."""
    try:
        ref.evaluate_all(ref.load_json_bytes(dumps(plan).encode("utf-8")))
        return True
    except ref.RefPlanError:
        return False


def make_plan(seed, index):
    """A valid plan (retrying rejected candidates); returns (plan, rejected candidates)."""
    rejected = 0
    for attempt in range(1000):
        rng = random.Random(f"{seed}:{index}:{attempt}")
        plan = PlanGenerator(rng).generate()
        if not valid(plan):
            rejected += 1
            continue
        if rng.random() < 0.5:
            variants = {}
            for name, patch in variant_candidates(rng, plan).items():
                if valid(ref.variant_patch(plan, patch)):
                    variants[name] = patch
            if variants:
                plan["variants"] = variants
        return plan, rejected
    raise RuntimeError("could not generate a valid plan")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    rejected = 0
    for i in range(args.count):
        plan, r = make_plan(args.seed, i)
        rejected += r
        with open(os.path.join(args.out, f"plan_{i:04d}.json"), "w", encoding="utf-8") as f:
            f.write(dumps(plan) + "\n")
    candidates = args.count + rejected
    rate = rejected / candidates if candidates else 0
    print(f"wrote {args.count} plans; {rejected} of {candidates} candidates rejected "
          f"({rate:.1%})", file=sys.stderr)
    if rate > 0.10:
        print("error: more than 10 % of candidates were invalid", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

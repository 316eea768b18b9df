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
# Part two (sections 13, 14, 16, 17): keys added on top of a part-one plan (--features all)
# ---------------------------------------------------------------------------------------------

FEATURES = ("income", "profiles", "actuals", "liquidity", "kind-checks", "by-id", "bom")


def parse_features(text):
    """"base" (none), "all", or a comma-separated subset of FEATURES."""
    if text == "base":
        return frozenset()
    if text == "all":
        return frozenset(FEATURES)
    chosen = frozenset(text.split(","))
    unknown = chosen - set(FEATURES)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown features {sorted(unknown)}; use base, all or some of {', '.join(FEATURES)}")
    return chosen


INCOME_POOL = [("esf", "ESF-rådet, projekt Vägen"), ("ranta", "Ränteintäkter"),
               ("hyra", "Hyresintäkter"), ("projektmedel", "Projektmedel från regionen")]
PAYMENT_WORDS = ["monthly", "quarterly", "half_yearly", "yearly"]


def ore_of(text):
    """Öre of a result amount "123.45"."""
    sign = -1 if text.startswith("-") else 1
    kr, _, ore = text.lstrip("-").partition(".")
    return sign * (int(kr) * 100 + int(ore))


def evaluate(plan):
    """The reference's result for a plan written as JSON text, or None when it is invalid."""
    try:
        return ref.evaluate_bytes(dumps(plan).encode("utf-8"))
    except ref.RefPlanError:
        return None


class PartTwo:
    """Adds income, profiles, actuals, liquidity and by-kind checks to a valid part-one plan.

    Amounts are chosen from the reference's figures of the plan so far (costs, budgets to date,
    final contributions), so the plan stays valid: income stays below half of each year's
    costs, `run_rate` is only written where something is budgeted to date (or T = 12),
    all-zero profiles only stand where every amount they split is 0, and every dated profile
    and payment schedule has a key at or before the first plan year."""

    def __init__(self, rng, gen, plan, features=frozenset(FEATURES)):
        self.rng, self.g, self.plan, self.features = rng, gen, plan, features
        self.unit = gen.unit
        self.first, self.last, self.years = gen.first, gen.last, gen.years

    # -- spelling -------------------------------------------------------------------------------
    def amt(self, ore):
        """An amount; in tkr and mnkr sometimes with exactly three decimals (14.6.3)."""
        rng = self.rng
        unit = UNITS[self.unit]
        if self.unit != "kr" and rng.random() < 0.3 and (ore * 1000) % unit == 0:
            n = ore * 1000 // unit
            sign = "-" if n < 0 else ""
            return f"{sign}{abs(n) // 1000}.{abs(n) % 1000:03d}"
        return amount(rng, ore, self.unit)

    def grain(self):
        """A granularity in öre for actuals: öre and kr in kr plans, kr in tkr, tkr in mnkr."""
        return self.rng.choice({"kr": [1, 100, 100], "tkr": [100, 100, 10_000],
                                "mnkr": [100_000, 100_000, 1000]}[self.unit])

    def near(self, ore, low=0.6, high=1.4):
        """An amount near `ore` (öre), in a random grain."""
        g = self.grain()
        value = int(ore * self.rng.uniform(low, high))
        return value // g * g

    def weight(self, hundredths):
        return spell_decimal(self.rng, hundredths, 2, allow_exponent=self.rng.random() < 0.3)

    # -- the whole extension --------------------------------------------------------------------
    def extend(self):
        rng, plan = self.rng, self.plan
        base = evaluate(plan)
        if base is None:
            return None
        self.base = base
        costs = {int(y): ore_of(t["costs"]) for y, t in base["totals"].items()}
        want = self.features
        if "income" in want and rng.random() < 0.6:
            plan["income"] = self.income(costs)
        if "profiles" in want:
            self.profiles(base)
        self.more_checks(base, "kind-checks" in want, "income" in want)
        if "actuals" in want and rng.random() < 0.7:
            if not self.actuals():
                return None
        if "liquidity" in want and rng.random() < 0.6:
            if not self.liquidity():
                return None
        return plan

    # -- section 13 -----------------------------------------------------------------------------
    def income(self, costs):
        rng = self.rng
        if rng.random() < 0.1:
            return []
        lines = []
        cap = max(0, min(costs.values()) // 2)          # keeps cover_costs totals positive
        pool = rng.sample(INCOME_POOL, rng.randint(1, 3))
        per_line = cap // len(pool)
        for lid, name in pool:
            line = {"id": lid}
            if rng.random() < 0.7:
                line["name"] = name
            amounts = {}
            for y in [self.first - 1] + self.years + [self.last + 1]:
                inside = self.first <= y <= self.last
                if rng.random() < (0.75 if inside else 0.2):
                    value = self.near(per_line, 0.1, 1.0)
                    if rng.random() < 0.1:
                        value = -value // 4 // 100 * 100        # a correction
                    amounts[str(y)] = self.amt(value)
            if amounts or rng.random() < 0.5:
                line["amounts"] = amounts
            lines.append(line)
        return lines

    # -- 14.1 profiles ----------------------------------------------------------------------------
    def profile_value(self, zero_ok=False):
        rng = self.rng
        r = rng.random()
        if zero_ok and r < 0.5:
            return [self.weight(0) for _ in range(12)]
        if r < 0.2:
            return "even"
        pattern = rng.choice(["random", "season", "first-months", "last-months", "one-month"])
        if pattern == "random":
            hw = [rng.choice([0, 100, 100, 150, 200, 250, 50]) for _ in range(12)]
        elif pattern == "season":
            hw = [100] * 5 + [50, 0, 50] + [100] * 4         # a quiet summer
        elif pattern == "first-months":
            k = rng.randint(1, 11)
            hw = [100] * k + [0] * (12 - k)                  # spent early: later months all 0
        elif pattern == "last-months":
            k = rng.randint(1, 11)
            hw = [0] * k + [rng.choice([100, 125])] * (12 - k)
        else:
            hw = [0] * 12
            hw[rng.randrange(12)] = 100
        if not any(hw):
            hw[rng.randrange(12)] = 100
        return [self.weight(w) for w in hw]

    def profile(self, zero_ok=False):
        """A profile, sometimes dated (first key at or before the first plan year)."""
        rng = self.rng
        if rng.random() < 0.25:
            dated = {str(self.first - rng.randint(0, 2)): self.profile_value(zero_ok)}
            if self.last > self.first and rng.random() < 0.7:
                dated[str(rng.randint(self.first + 1, self.last))] = self.profile_value(zero_ok)
            return dated
        return self.profile_value(zero_ok)

    def profiles(self, base):
        rng, plan = self.rng, self.plan
        if rng.random() < 0.3:
            plan["profile"] = self.profile()
        for iv, out in zip(plan["interventions"], base["interventions"]):
            idle = all(ore_of(a) == 0 for a in out["amount"].values())
            if rng.random() < 0.35:
                iv["profile"] = self.profile(zero_ok=idle and rng.random() < 0.5)
            for item in iv.get("items", []):
                if rng.random() < 0.3:
                    item["profile"] = self.profile(zero_ok=idle and rng.random() < 0.5)
            if rng.random() < 0.03 and "items" in iv:
                iv["items"].append({"name": "Post utan belopp"})     # 12.21: lists no year

    # -- 14.6.2, 17: checks by kind and of income --------------------------------------------------
    def more_checks(self, base, by_kind_checks=True, income_checks=True):
        rng, plan = self.rng, self.plan
        if rng.random() > 0.4 or not (by_kind_checks or income_checks):
            return
        checks = plan.setdefault("checks", {})
        for y in self.years:
            if rng.random() < 0.5:
                continue
            entry = checks.setdefault(str(y), {})
            by_kind = {}
            for iv, out in zip(plan["interventions"], base["interventions"]):
                kind = iv.get("kind", "insats")
                by_kind[kind] = by_kind.get(kind, 0) + ore_of(out["amount"][str(y)])
            if by_kind_checks and rng.random() < 0.7:
                chosen = rng.sample(sorted(by_kind), rng.randint(1, len(by_kind)))
                entry["costs"] = {k: self.amt(by_kind[k] if rng.random() < 0.5 else
                                             self.near(by_kind[k] + 100_000))
                                  for k in chosen}
            if income_checks and rng.random() < 0.5:
                entry["income"] = self.amt(self.near(200_000))

    # -- 14.2, 14.3 actuals -----------------------------------------------------------------------
    def actuals(self):
        rng, plan = self.rng, self.plan
        F = rng.choice(self.years)
        T = rng.choice([1, 2, 3, 4, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 12, 12])
        self.F, self.T = F, T
        plan["actuals"] = {"through": f"{F:04d}-{T:02d}"}
        first = evaluate(plan)
        if first is None:
            return False
        fu = first["follow_up"]
        budgets = {row["id"]: row for row in fu["interventions"]}
        amounts = {iv["id"]: {int(y): ore_of(a) for y, a in iv["amount"].items()}
                   for iv in first["interventions"]}
        finals = {m["id"]: {int(y): ore_of(a) for y, a in m["final_contribution"].items()}
                  for m in first["members"]}
        income_lines = plan.get("income", [])
        closed_years = [y for y in self.years if y < F and rng.random() < 0.4]
        history = [y for y in (self.first - 2, self.first - 1) if rng.random() < 0.3]
        act = {"through": plan["actuals"]["through"]}

        def year_entries(yearly, full_years, f_months):
            """Entries of one id: history and closed years (year key or months), F's months."""
            out = {}
            for y in full_years:
                total = yearly(y)
                if rng.random() < 0.5:
                    out[str(y)] = self.amt(self.near(total))
                else:
                    for m in range(1, 13):
                        if rng.random() < 0.8:
                            out[f"{y:04d}-{m:02d}"] = self.amt(self.near(total // 12))
            if T == 12 and rng.random() < 0.25:
                out[str(F)] = self.amt(self.near(sum(f_months(m) for m in range(1, 13))))
            else:
                for m in range(1, T + 1):
                    if rng.random() < 0.85:
                        value = self.near(f_months(m))
                        if rng.random() < 0.05:
                            value = -self.near(f_months(m) // 10 + 100)     # a correction
                        out[f"{F:04d}-{m:02d}"] = self.amt(value)
            return out

        costs = {}
        for iv in plan["interventions"]:
            if rng.random() < 0.85:
                iid = iv["id"]
                months = budgets[iid]["months"]
                extra = 100_000 if rng.random() < 0.1 else 0        # booked without a budget
                costs[iid] = year_entries(
                    lambda y: amounts[iid].get(y, self.g.budget * 20),
                    history + closed_years,
                    lambda m: ore_of(months[f"{F:04d}-{m:02d}"]["budget"]) + extra)
        if costs or rng.random() < 0.5:
            act["costs"] = costs
        if rng.random() < 0.55:
            contributions = {}
            if rng.random() > 0.1:
                for mid, per_year in finals.items():
                    if rng.random() < 0.85:
                        contributions[mid] = year_entries(
                            lambda y: per_year.get(y, self.g.budget * 10),
                            [y for y in history + closed_years if rng.random() < 0.7],
                            lambda m: per_year[F] // 4 if m in (1, 4, 7, 10) else 0)
            act["contributions"] = contributions
        if income_lines and rng.random() < 0.7:
            income = {}
            for line in income_lines:
                if rng.random() < 0.8:
                    per = ref.read_amount(line.get("amounts", {}).get(str(F), "0"), "",
                                          UNITS[self.unit])
                    income[line["id"]] = year_entries(lambda y: 300_000, [
                        y for y in history + closed_years if rng.random() < 0.5],
                        lambda m: per // 12 or 10_000)
            act["income"] = income
        forecast = {}
        for iv in plan["interventions"]:
            if rng.random() < 0.55:
                row = budgets[iv["id"]]
                btd, B = ore_of(row["budget_to_date"]), ore_of(row["budget"])
                options = ["budget", "explicit"] + ["run_rate"] * 2 * (btd != 0 or T == 12)
                rule = rng.choice(options)
                forecast[iv["id"]] = self.amt(self.near(B + 100_000, 0.7, 1.3)) \
                    if rule == "explicit" else rule
        if forecast or rng.random() < 0.3:
            act["forecast"] = forecast
        keys = list(act)
        if rng.random() < 0.3:
            rng.shuffle(keys)
        plan["actuals"] = {k: act[k] for k in keys}
        return True

    # -- 14.4 liquidity -------------------------------------------------------------------------
    def schedule_value(self):
        rng = self.rng
        if rng.random() < 0.6:
            return rng.choice(PAYMENT_WORDS)
        months = rng.sample(range(1, 13), rng.randint(1, 5))
        return {"months": [Num(str(m)) for m in months]}

    def liquidity(self):
        rng, plan = self.rng, self.plan
        liq = {"opening": self.amt(self.near(self.g.budget * 25, 0.0, 1.0))}
        payments = {}
        for m in plan["members"]:
            if rng.random() < 0.55:
                if rng.random() < 0.25:
                    dated = {str(self.first - rng.randint(0, 2)): self.schedule_value()}
                    if self.last > self.first and rng.random() < 0.7:
                        dated[str(rng.randint(self.first + 1, self.last))] = self.schedule_value()
                    payments[m["id"]] = dated
                else:
                    payments[m["id"]] = self.schedule_value()
        if payments or rng.random() < 0.3:
            liq["payments"] = payments
        plan["liquidity"] = liq
        result = evaluate(plan)
        if result is None:
            return False
        # A minimum near the figures: sometimes exactly a month's balance (strict `<`, 14.6.9).
        r = rng.random()
        if r < 0.5:
            cash = [ore_of(row["cash_end"]) for row in result["liquidity"]["months"].values()]
            pick = rng.choice(cash)
            minimum = pick if rng.random() < 0.5 else self.near(abs(pick) + 100, 0.5, 1.5) * \
                rng.choice([1, 1, -1])
            liq["minimum"] = self.amt(minimum)
        elif r < 0.6:
            liq["minimum"] = self.amt(0)
        return True


def by_id_candidates(rng, plan, gen):
    """Section 16 variants: members, interventions and income as objects keyed by id."""
    out = {}
    ivs = plan["interventions"]
    first = str(gen.first)
    members = [m["id"] for m in plan["members"]]
    new_iv = {"name": "Stödteam", "amounts": {first: amount(rng, rough_ore(
        rng, 1000, max(2000, gen.budget // 10), gen.unit), gen.unit)},
        "change": {"uprate": "none"},
        "financing": {"key": {rng.choice(members): "1"}}}
    if rng.random() < 0.5:
        new_iv["kind"] = "project"
    out["add-stodteam"] = {"interventions": {"stodteam": new_iv}}
    victim = rng.choice(ivs)["id"]
    out["patch-" + victim] = {"interventions": {victim: {
        "name": "Ändrad", "amounts": {first: amount(rng, rough_ore(rng, 1000, gen.budget // 5,
                                                                   gen.unit), gen.unit)}}}}
    if len(ivs) > 1:
        out["drop-" + victim] = {"interventions": {victim: None, "finns-inte": None}}
    mid = rng.choice(members)
    out["rename-" + mid] = {"members": {mid: {"name": "Nytt namn"}}}
    if "income" in plan:
        patch = {"bidrag": {"name": "Bidrag", "amounts": {first: amount(rng, rough_ore(
            rng, 100, max(200, gen.budget // 100), gen.unit), gen.unit)}}}
        if plan["income"]:
            patch[plan["income"][0]["id"]] = None if rng.random() < 0.5 else {"amounts": None}
        out["income-by-id"] = {"income": patch}
    names = list(out)
    chosen = rng.sample(names, min(len(names), rng.choice([1, 2, 2, 3])))
    return {n: out[n] for n in chosen}


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


def make_plan(seed, index, features=frozenset()):
    """A valid plan (retrying rejected candidates); returns (plan, rejected candidates).

    With no features the plans are those of sections 1-12 only (the same files as before
    part two existed); FEATURES add the keys of sections 13, 14, 16 and 17 on top."""
    rejected = 0
    for attempt in range(1000):
        rng = random.Random(f"{seed}:{index}:{attempt}")
        gen = PlanGenerator(rng)
        plan = gen.generate()
        if not valid(plan):
            rejected += 1
            continue
        if features:
            plan = PartTwo(rng, gen, plan, features).extend()
            if plan is None or not valid(plan):
                rejected += 1
                continue
        if rng.random() < 0.5:
            variants = {}
            candidates = variant_candidates(rng, plan)
            if "by-id" in features:
                candidates.update(by_id_candidates(rng, plan, gen))
            for name, patch in candidates.items():
                if valid(ref.merge_variant(plan, patch)):
                    variants[name] = patch
            if variants:
                plan["variants"] = variants
        return plan, rejected
    raise RuntimeError("could not generate a valid plan")


# ---------------------------------------------------------------------------------------------
# Invalid plans (--invalid): one mutation of a valid part-two plan, for the pointer comparison
# ---------------------------------------------------------------------------------------------

def _actuals(plan):
    act = plan.get("actuals")
    if not act:
        return None
    y, m = (int(x) for x in act["through"].split("-"))
    return act, y, m


def _any_iv(rng, plan, without_items=False):
    ivs = [iv for iv in plan["interventions"] if not (without_items and "items" in iv)]
    return rng.choice(ivs) if ivs else None


def m_month_after_through(rng, plan, features):
    a = _actuals(plan)
    if not a:
        return None
    act, F, T = a
    key = f"{F:04d}-{T + 1:02d}" if T < 12 else f"{F + 1:04d}-01"
    act.setdefault("costs", {}).setdefault(plan["interventions"][0]["id"], {})[key] = "1"
    return f"costs month {key} after through"


def m_year_key_open(rng, plan, features):
    a = _actuals(plan)
    if not a or a[2] == 12:
        return None
    group = rng.choice(["costs", "contributions"])
    ident = plan["interventions"][0]["id"] if group == "costs" else plan["members"][0]["id"]
    a[0].setdefault(group, {}).setdefault(ident, {})[str(a[1])] = "12"
    return f"{group} year key of the open year {a[1]}"


def m_year_after_f(rng, plan, features):
    a = _actuals(plan)
    if not a:
        return None
    a[0].setdefault("costs", {}).setdefault(plan["interventions"][-1]["id"], {})[str(a[1] + 1)] = "5"
    return "costs year key after F"


def m_both_forms(rng, plan, features):
    a = _actuals(plan)
    if not a:
        return None
    y = a[1] - rng.randint(1, 2)
    entry = a[0].setdefault("costs", {}).setdefault(plan["interventions"][0]["id"], {})
    entry[str(y)] = "10"
    entry[f"{y:04d}-03"] = "1"
    return f"year {y} as a year key and months"


def m_unknown_id(rng, plan, features):
    a = _actuals(plan)
    if not a:
        return None
    group = rng.choice(["costs", "contributions", "income", "forecast"])
    a[0].setdefault(group, {})["okand"] = "budget" if group == "forecast" else {}
    return f"unknown id in actuals.{group}"


def m_through(rng, plan, features):
    a = _actuals(plan)
    if not a:
        return None
    choice = rng.choice(["outside", "missing", "malformed", "number"])
    first, last = (int(y.text) for y in plan["years"])
    if choice == "outside":
        a[0]["through"] = rng.choice([f"{last + 1:04d}-01", f"{first - 1:04d}-12"])
    elif choice == "missing":
        del a[0]["through"]
    elif choice == "malformed":
        a[0]["through"] = rng.choice([f"{a[1]}-13", f"{a[1]}-7", f"{a[1]}-00", f"{a[1]}"])
    else:
        a[0]["through"] = Num(str(a[1]))
    return f"through {choice}"


def m_forecast_word(rng, plan, features):
    a = _actuals(plan)
    if not a:
        return None
    a[0].setdefault("forecast", {})[plan["interventions"][0]["id"]] = rng.choice(
        ["prognos", "1,5", "Budget", "runrate", True])
    return "forecast not a rule or amount"


def m_run_rate_nothing_budgeted(rng, plan, features):
    a = _actuals(plan)
    iv = _any_iv(rng, plan, without_items=True)
    if not a or a[2] == 12 or iv is None:
        return None
    T = a[2]
    iv["profile"] = [Num("0")] * T + [Num("1")] * (12 - T)
    a[0].setdefault("forecast", {})[iv["id"]] = "run_rate"
    return "run_rate with nothing budgeted to date"


def m_profile_all_zero(rng, plan, features):
    iv = _any_iv(rng, plan, without_items=True)
    if iv is None:
        return None
    iv["profile"] = [Num("0")] * 12 if rng.random() < 0.5 else ["0"] * 12
    return "all-zero profile (an error where its amount is not 0)"


def m_profile_shape(rng, plan, features):
    target = rng.choice([plan] + plan["interventions"])
    kind = rng.choice(["eleven", "negative", "ratio", "word", "late", "thirteen", "empty-dated"])
    first, last = (int(y.text) for y in plan["years"])
    value = {"eleven": [Num("1")] * 11, "thirteen": ["1"] * 13,
             "negative": [Num("1")] * 11 + ["-1"], "ratio": ["1/2"] + [Num("1")] * 11,
             "word": rng.choice(["jämn", "Even", "flat"]), "late": {str(last + 1): "even"},
             "empty-dated": {}}[kind]
    target["profile"] = value
    return f"profile {kind}"


def m_payments(rng, plan, features):
    liq = plan.get("liquidity")
    if liq is None:
        return None
    mid = rng.choice(plan["members"])["id"]
    first, last = (int(y.text) for y in plan["years"])
    kind = rng.choice(["month13", "duplicate", "empty", "string-month", "word", "late", "unknown",
                       "no-months"])
    value = {"month13": {"months": [Num("3"), Num("13")]},
             "duplicate": {"months": [Num("3"), Num("9"), Num("3")]},
             "empty": {"months": []}, "string-month": {"months": ["3"]},
             "word": "weekly", "late": {str(last + 1): "monthly"}, "unknown": "monthly",
             "no-months": {}}[kind]
    liq.setdefault("payments", {})["okand" if kind == "unknown" else mid] = value
    return f"payment schedule {kind}"


def m_liquidity(rng, plan, features):
    liq = plan.get("liquidity")
    if liq is None:
        return None
    if rng.random() < 0.5:
        del liq["opening"]
        return "liquidity without opening"
    liq["minimun"] = "0"
    return "liquidity unknown key"


def m_income(rng, plan, features):
    lines = plan.get("income")
    if not lines:
        return None
    kind = rng.choice(["duplicate", "bad-id", "missing-id", "not-ore", "exponent", "not-array"])
    if kind == "duplicate":
        lines.append({"id": lines[0]["id"]})
    elif kind == "bad-id":
        lines[0]["id"] = "ESF rådet"
    elif kind == "missing-id":
        del lines[-1]["id"]
    elif kind == "not-ore":
        lines[0]["amounts"] = {plan["years"][0].text: "0.001" if plan.get("amount_unit", "kr") == "kr"
                               else "0.00000001"}
    elif kind == "exponent":
        lines[0]["amounts"] = {plan["years"][0].text: Num("1e500")}
    else:
        plan["income"] = {"esf": {}}
    return f"income {kind}"


def m_checks(rng, plan, features):
    y = plan["years"][0].text
    entry = plan.setdefault("checks", {}).setdefault(y, {})
    kind = rng.choice(["costs-array"] + ["kind"] * ("kind-checks" in features)
                      + ["income"] * ("income" in features))
    if kind == "kind":
        entry["costs"] = {"insatser": "1"}
    elif kind == "income":
        entry["income"] = "x"
    else:
        entry["costs"] = ["1"]
    return f"checks {kind}"


def m_actuals_shape(rng, plan, features):
    a = _actuals(plan)
    if not a:
        return None
    kind = rng.choice(["unknown-key", "limit", "costs-array", "bad-key", "not-ore"])
    iid = plan["interventions"][0]["id"]
    key = f"{a[1]:04d}-01"
    if kind == "unknown-key":
        a[0]["utfall"] = {}
    elif kind == "limit":
        a[0].setdefault("costs", {}).setdefault(iid, {})[key] = "99999999999999999999"
    elif kind == "costs-array":
        a[0]["costs"] = []
    elif kind == "bad-key":
        a[0].setdefault("costs", {}).setdefault(iid, {})[rng.choice(["jan", "2011-1", "02011"])] = "1"
    else:
        a[0].setdefault("income", {})
        a[0].setdefault("costs", {}).setdefault(iid, {})[key] = "1.001" \
            if plan.get("amount_unit", "kr") == "kr" else "1.000000001"
    return f"actuals {kind}"


def m_variant_by_id(rng, plan, features):
    if "by-id" not in features:
        return None
    first = plan["years"][0].text
    patch = rng.choice([
        {"interventions": {"ny": {"owner": "ingen", "amounts": {first: Num("1")}}}},
        {"members": {"ny": {"name": "Utan kind"}}},
        {"income": {"ny": {"amounts": {first: "1,5"}}}},
        {"interventions": {plan["interventions"][0]["id"]: {"kind": "projekt"}}},
    ])
    plan.setdefault("variants", {})["trasig"] = patch
    return "variant by id making an invalid plan"


def m_part_one(rng, plan, features):
    kind = rng.choice(["unknown-top", "volume", "frame-part", "name-number"])
    if kind == "unknown-top":
        plan[rng.choice(["incomes", "profil", "liquidity_plan"])] = {}
    elif kind == "volume":
        plan["interventions"][0]["change"] = {"uprate": "none", "volume": rng.choice(["1/0", "-1/0"])}
    elif kind == "frame-part":
        plan["interventions"][0].setdefault("financing", {})["frame_part"] = "101"
    else:
        plan["name"] = 5
    return f"part one {kind}"


MUTATIONS = [m_month_after_through, m_year_key_open, m_year_after_f, m_both_forms, m_unknown_id,
             m_through, m_forecast_word, m_run_rate_nothing_budgeted, m_profile_all_zero,
             m_profile_shape, m_payments, m_liquidity, m_income, m_checks, m_actuals_shape,
             m_variant_by_id, m_part_one]


def make_invalid(seed, index, features=frozenset(FEATURES)):
    """(plan, what was done, the reference's problems) for a plan the reference rejects."""
    for attempt in range(1000):
        plan, _ = make_plan(f"{seed}:invalid", f"{index}:{attempt}", features)
        rng = random.Random(f"{seed}:{index}:{attempt}:mutation")
        mutation = rng.choice(MUTATIONS)
        what = mutation(rng, plan, features)
        if what is None:
            continue
        try:
            ref.evaluate_all(ref.load_json_bytes(dumps(plan).encode("utf-8")))
        except ref.RefPlanError as e:
            return plan, what, e.problems
    raise RuntimeError("could not generate an invalid plan")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--features", type=parse_features, default=frozenset(), metavar="SET",
                    help="base: sections 1-12 only (the default; the same plans as before part "
                         "two); all: also income, profiles, actuals, liquidity, checks by kind, "
                         "merge-by-id variants and byte order marks (sections 13-17); or a "
                         "comma-separated subset of " + ", ".join(FEATURES))
    ap.add_argument("--invalid", action="store_true",
                    help="write invalid plans instead (one mutation each of a plan with the "
                         "features, all by default), with plan_NNNN.mutation naming the "
                         "mutation and the reference's pointers")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    rejected = 0
    for i in range(args.count):
        name = os.path.join(args.out, f"plan_{i:04d}")
        if args.invalid:
            plan, what, problems = make_invalid(args.seed, i, args.features or frozenset(FEATURES))
            with open(name + ".mutation", "w", encoding="utf-8") as f:
                f.write(what + "\n" + "".join(f"{p}\t{m}\n" for p, m in problems))
        else:
            plan, r = make_plan(args.seed, i, args.features)
            rejected += r
        text = dumps(plan) + "\n"
        if "bom" in args.features and not args.invalid and \
                random.Random(f"{args.seed}:{i}:bom").random() < 0.05:
            text = "\ufeff" + text                        # 12.23: a byte order mark is ignored
        with open(name + ".json", "w", encoding="utf-8") as f:
            f.write(text)
    if args.invalid:
        print(f"wrote {args.count} invalid plans", file=sys.stderr)
        return 0
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

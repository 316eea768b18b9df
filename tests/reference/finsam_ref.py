#!/usr/bin/python3
"""Independent pure-Python reference evaluator for `finsam/1` plans.

Written from /work/shared/spec/plan-format.md only, for differential testing of the C++
implementation.  Standard library only; no binary floating point touches a value:
money is integer öre, shares and rates are `Fraction`s.

    /usr/bin/python3 tests/reference/finsam_ref.py plan FILE [--variant NAME] [--format json]

prints the result of spec section 10 (exit 0), or `FILE:POINTER: message` lines (exit 2).

Design notes
------------
* Reading (`read_plan`) validates the whole document and builds a small model; every problem
  found is collected.  Only a plan that reads cleanly is evaluated (`Evaluation`), and the
  evaluation again collects every problem it can find (one per intervention chain, one per
  frame year, ...) before giving up.
* Every "silent spec" decision is marked `DECISION:` in a comment and listed in docs/decisions.md.
"""

import copy
import json
import re
import sys
from fractions import Fraction

# Huge digit strings are legal JSON; Python 3.11 refuses int() on more than 4300 digits.
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

__all__ = ["Num", "RefPlanError", "evaluate_file", "evaluate_obj", "evaluate_bytes",
           "evaluate_all", "load_json_bytes", "merge_variant", "main"]

LIMIT = 2 ** 63 - 1                                     # 12.2, in öre
AMOUNT_UNITS = {"kr": 100, "tkr": 100_000, "mnkr": 100_000_000}   # öre per amount_unit
ROUND_AMOUNT_UNITS = {"öre": 1, "kr": 100, "tkr": 100_000}        # rounding.amounts
ALLOCATION_UNITS = {"öre": 1, "kr": 100}                          # rounding.allocation
MODES = ("half_up", "half_even", "toward_zero")
MEMBER_KINDS = ("state", "region", "municipality", "other")
INTERVENTION_KINDS = ("insats", "project", "administration")
LAW_PARTS = {"state": Fraction(50), "region": Fraction(25), "municipality": Fraction(25)}  # s. 4
LAW_KEYS = {"state": "state_key", "region": "region_key", "municipality": "municipal_key"}
CHECK_KEYS = ("costs", "contributions", "income", "result", "equity_end")     # 12.17, 13, 14.6.2
PAYMENT_FORMS = {"monthly": tuple(range(1, 13)), "quarterly": (1, 4, 7, 10),       # 14.4
                 "half_yearly": (1, 7), "yearly": (1,)}
FORECAST_RULES = ("budget", "run_rate")                                             # 14.2
EVEN = (Fraction(1),) * 12                                                          # 14.1 "even"

DECIMAL_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")         # 12.1 decimal string
RATIO_RE = re.compile(r"(-?[0-9]+)/(-?[0-9]+)")           # 12.1 "A/B" factor
YEAR_KEY_RE = re.compile(r"[1-9][0-9]{0,3}")              # 12.1 year keys 1..9999
MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})")           # s. 1 month "2011-07"
MEMBER_ID_RE = re.compile(r"[a-z0-9_-]+")                 # s. 3
DIGITS_RE = re.compile(r"[0-9]+")
THOUSANDS_RE = re.compile(r"-?[0-9]+\.[0-9]{3}")        # 14.6.3 "7.064"
NUMBER_RE = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([-+]?)([0-9]+))?")


# ---------------------------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------------------------

class RefPlanError(Exception):
    """Invalid input: `problems` is a list of (json_pointer, message)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(f"{p}: {m}" for p, m in self.problems))


class Fail(Exception):
    """Internal: one or more problems found while reading or evaluating one thing."""

    def __init__(self, path, message=None):
        self.problems = list(path) if message is None else [(path, message)]
        super().__init__(self.problems)


class Skip(Exception):
    """Internal: an input of this computation already failed (its problem is recorded)."""


def pointer(base, *parts):
    """JSON pointer `base/part/...` with RFC 6901 escaping."""
    return base + "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


# ---------------------------------------------------------------------------------------------
# JSON (12.19): numbers keep their text, duplicate keys / NaN / lone surrogates are errors
# ---------------------------------------------------------------------------------------------

class Num:
    """A JSON number, kept as the exact text it was written as."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    @property
    def is_integer_literal(self):
        return not any(c in self.text for c in ".eE")

    def __eq__(self, other):
        return isinstance(other, Num) and other.text == self.text

    def __hash__(self):
        return hash(self.text)

    def __repr__(self):
        return f"Num({self.text!r})"


class _JsonReject(Exception):
    pass


def _object_pairs(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise _JsonReject(f"duplicate object key {json.dumps(key, ensure_ascii=False)}")
        obj[key] = value
    return obj


def _reject_constant(name):
    raise _JsonReject(f"{name} is not valid JSON")


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _check_surrogates(root):
    # Iterative: the document may be nested as deep as the parser allowed.
    stack = [root]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if _SURROGATE_RE.search(v):
                raise _JsonReject("lone surrogate in string")
        elif isinstance(v, dict):
            for k, x in v.items():
                if _SURROGATE_RE.search(k):
                    raise _JsonReject("lone surrogate in object key")
                stack.append(x)
        elif isinstance(v, list):
            stack.extend(v)


def load_json_bytes(data):
    """Parse bytes strictly; JSON-level problems are reported at the root pointer "" (12.19)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]                 # 12.23: a UTF-8 byte order mark is ignored
    try:
        text = data.decode("utf-8")     # strict: invalid UTF-8 and encoded surrogates fail
    except UnicodeDecodeError as e:
        raise RefPlanError([("", f"invalid UTF-8 at byte {e.start}")])
    try:
        obj = json.loads(text, object_pairs_hook=_object_pairs, parse_float=Num, parse_int=Num,
                         parse_constant=_reject_constant)
        _check_surrogates(obj)
    except _JsonReject as e:
        raise RefPlanError([("", str(e))])
    except json.JSONDecodeError as e:
        raise RefPlanError([("", f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}")])
    except RecursionError:
        raise RefPlanError([("", "invalid JSON: nesting too deep")])
    return obj


def _from_python(v):
    """Accept plain Python JSON values in `evaluate_obj` (int/float/Decimal become Num)."""
    if isinstance(v, bool) or v is None or isinstance(v, (str, Num)):
        return v
    if isinstance(v, int):
        return Num(str(v))
    if isinstance(v, float):
        return Num(repr(v))
    if type(v).__name__ == "Decimal":
        return Num(str(v))
    if isinstance(v, dict):
        return {k: _from_python(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_from_python(x) for x in v]
    raise TypeError(f"not a JSON value: {type(v).__name__}")


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch (section 9)."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


BY_ID_KEYS = ("members", "interventions", "income")                  # section 16, 14.6.11


def merge_by_id(entries, patch):
    """Section 16, 14.6.11: a patch object keyed by id, merged into an array of entries.  An
    existing id keeps its place and is merge-patched (`null` removes it); a new id starts as
    {"id": KEY} and is appended in the patch's order; `null` for an unknown id does nothing.

    DECISION: where the plan has no array there (absent, or not an array), the entries start
    from []; where two entries share an id, the first is the one patched."""
    out = [copy.deepcopy(e) for e in entries] if isinstance(entries, list) else []
    for key, value in patch.items():
        at = next((i for i, e in enumerate(out) if isinstance(e, dict) and e.get("id") == key),
                  None)
        if at is None:
            if value is not None:
                out.append(merge_patch({"id": key}, value))
        elif value is None:
            del out[at]
        else:
            out[at] = merge_patch(out[at], value)
    return out


def merge_variant(plan, patch):
    """A variant's patch applied to the plan without its variants (sections 9 and 16)."""
    if not isinstance(patch, dict):
        return merge_patch(plan, patch)
    by_id = {k: v for k, v in patch.items() if k in BY_ID_KEYS and isinstance(v, dict)}
    result = merge_patch(plan, {k: v for k, v in patch.items() if k not in by_id})
    for key, value in by_id.items():
        result[key] = merge_by_id(plan.get(key) if isinstance(plan, dict) else None, value)
    return result


# ---------------------------------------------------------------------------------------------
# Values (sections 1 and 12.1)
# ---------------------------------------------------------------------------------------------

def _type_name(v):
    if isinstance(v, Num):
        return "number"
    if isinstance(v, bool):
        return "boolean"
    if v is None:
        return "null"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def number_value(num, path):
    """Exact value of a JSON number; an exponent beyond ±400 is an error (12.2)."""
    m = NUMBER_RE.fullmatch(num.text)
    if m is None:                                     # cannot happen for parsed JSON
        raise Fail(path, f"malformed number {num.text}")
    sign, ip, fp, esign, edigits = m.groups()
    exp = 0
    if edigits is not None:
        digits = edigits.lstrip("0") or "0"
        if len(digits) > 3 or int(digits) > 400:
            raise Fail(path, f"number {num.text} has an exponent beyond ±400")
        exp = -int(digits) if esign == "-" else int(digits)
    fp = fp or ""
    mantissa = int(ip + fp)
    exp -= len(fp)
    value = Fraction(mantissa * 10 ** exp) if exp >= 0 else Fraction(mantissa, 10 ** -exp)
    return -value if sign else value


def decimal_string_value(text):
    """`-?DIGITS(.DIGITS)?` only (12.1); returns None for anything else."""
    if not DECIMAL_RE.fullmatch(text):
        return None
    neg = text.startswith("-")
    body = text[1:] if neg else text
    ip, _, fp = body.partition(".")
    value = Fraction(int(ip + fp), 10 ** len(fp))
    return -value if neg else value


def read_decimal(v, path, what):
    """A percent (or decimal amount before scaling): JSON number or decimal string."""
    if isinstance(v, Num):
        return number_value(v, path)
    if isinstance(v, str):
        value = decimal_string_value(v)
        if value is not None:
            return value
        raise Fail(path, f"{what} must be a number or a decimal string like \"1.5\", not {json.dumps(v, ensure_ascii=False)}")
    raise Fail(path, f"{what} must be a number or a decimal string, not {_type_name(v)}")


def read_percent(v, path, what="percent"):
    return read_decimal(v, path, what)


def read_factor(v, path, what="factor"):
    """Number, decimal string or "A/B" with integers, B ≠ 0 (12.1)."""
    if isinstance(v, str):
        m = RATIO_RE.fullmatch(v)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if b == 0:
                raise Fail(path, f"{what} {v}: denominator is 0")
            return Fraction(a, b)
    if isinstance(v, Num) or (isinstance(v, str) and DECIMAL_RE.fullmatch(v)):
        return read_decimal(v, path, what)
    shown = json.dumps(v, ensure_ascii=False) if isinstance(v, str) else _type_name(v)
    raise Fail(path, f"{what} must be a number, a decimal string or \"A/B\", not {shown}")


def read_weight(v, path, what="weight"):
    w = read_factor(v, path, what)
    if w < 0:
        raise Fail(path, f"{what} must be ≥ 0")                 # 12.4
    return w


def read_share_percent(v, path, what="share"):
    """Shares and key percentages: percents (not "A/B"), ≥ 0 (12.4)."""
    pct = read_percent(v, path, what)
    if pct < 0:
        raise Fail(path, f"{what} must be ≥ 0")
    return pct


def check_limit(ore, path, what):
    """12.2: any amount beyond ±(2^63 − 1) öre is an error at the path that produced it."""
    if ore > LIMIT or ore < -LIMIT:
        raise Fail(path, f"{what} is beyond ±(2^63 − 1) öre")
    return ore


def read_amount(v, path, unit):
    """An amount in the plan's amount_unit, as integer öre (section 1)."""
    value = read_decimal(v, path, "amount") * unit
    if value.denominator != 1:
        raise Fail(path, "amount is not a whole number of öre")
    return check_limit(value.numerator, path, "amount")


def read_year(v, path):
    """A year value: a JSON integer 1..9999 (DECISION: same range as year keys)."""
    if not isinstance(v, Num) or not v.is_integer_literal:
        raise Fail(path, f"year must be a JSON integer, not {_type_name(v) if not isinstance(v, Num) else v.text}")
    y = int(v.text)
    if not 1 <= y <= 9999:
        raise Fail(path, f"year {y} is outside 1..9999")
    return y


def read_year_key(key, path):
    if not YEAR_KEY_RE.fullmatch(key):
        raise Fail(path, f"{json.dumps(key, ensure_ascii=False)} is not a year (1..9999, no leading zeros)")
    return int(key)


def read_month_bound(v, path, is_end):
    """`from`/`to`: a year or a "YYYY-MM" month; returns a month index year*12 + (month-1)."""
    if isinstance(v, Num):
        y = read_year(v, path)
        return y * 12 + (11 if is_end else 0)
    if isinstance(v, str):
        m = MONTH_RE.fullmatch(v)
        if m and 1 <= int(m.group(1)) and 1 <= int(m.group(2)) <= 12:
            return int(m.group(1)) * 12 + int(m.group(2)) - 1
        raise Fail(path, f"{json.dumps(v, ensure_ascii=False)} is not a month \"YYYY-MM\"")
    raise Fail(path, f"must be a year or a month string, not {_type_name(v)}")


def read_population(v, path):
    """A non-negative integer: JSON integer or digit string (12.1)."""
    if isinstance(v, Num) and v.is_integer_literal:
        n = int(v.text)
        if n < 0:
            raise Fail(path, "population must be ≥ 0")
        return n
    if isinstance(v, str) and DIGITS_RE.fullmatch(v):
        return int(v)
    raise Fail(path, "population must be a non-negative integer")


def read_profile(v, path):
    """14.1, 14.6.4: "even" or twelve weights (numbers or decimal strings, no "A/B"), ≥ 0."""
    if isinstance(v, str) and v == "even":
        return EVEN
    if not isinstance(v, list):
        raise Fail(path, 'a profile is "even" or an array of twelve weights')
    if len(v) != 12:
        raise Fail(path, f"a profile has twelve weights (January … December), not {len(v)}")
    problems, weights = [], []
    for m, x in enumerate(v):
        wp = pointer(path, m)
        try:
            w = read_decimal(x, wp, "profile weight")
            if w < 0:
                raise Fail(wp, "profile weight must be ≥ 0")
            weights.append(w)
        except Fail as f:
            problems += f.problems
    if problems:
        raise Fail(problems)
    return tuple(weights)


def format_ore(ore):
    """Section 10: kronor with exactly two decimals."""
    sign = "-" if ore < 0 else ""
    kr, ore_part = divmod(abs(ore), 100)
    return f"{sign}{kr}.{ore_part:02d}"


def format_percent6(value):
    """12.15: half away from zero to six decimals, no trailing zeros."""
    n = round_fraction(value * 10 ** 6, "half_up")
    sign = "-" if n < 0 else ""
    ip, fp = divmod(abs(n), 10 ** 6)
    text = f"{ip}.{fp:06d}".rstrip("0").rstrip(".")
    return sign + text


# ---------------------------------------------------------------------------------------------
# Dated values (section 1, 12.3)
# ---------------------------------------------------------------------------------------------

class Dated:
    """A value valid for all years, or a value per year key (greatest key ≤ Y applies)."""

    def __init__(self, path, entries, dated):
        self.path = path
        self.dated = dated
        self.entries = sorted(entries, key=lambda e: e[0] or 0)   # (year|None, value, path)

    def at(self, year):
        """(value, path of the applying entry) or None when no key ≤ year."""
        if not self.dated:
            return self.entries[0][1], self.entries[0][2]
        found = None
        for key, value, path in self.entries:
            if key <= year:
                found = (value, path)
        return found

    def values(self):
        return [e[1] for e in self.entries]


def is_dated_object(v):
    """12.3: an object-valued thing is dated iff every key is a year and every value an object.

    DECISION: `{}` is vacuously dated (it then has no entry for any year)."""
    return isinstance(v, dict) and all(
        YEAR_KEY_RE.fullmatch(k) and isinstance(x, dict) for k, x in v.items())


# ---------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------

class Member:
    def __init__(self, index, path):
        self.index, self.path = index, path
        self.id = self.name = self.kind = None
        self.population = None              # Dated of int, or None
        self.first_month = None             # month index or None (unbounded)
        self.last_month = None

    def months_present(self, year):
        """12 booleans: is the member a member in month m of `year` (section 3)."""
        out = []
        for m in range(12):
            idx = year * 12 + m
            out.append((self.first_month is None or idx >= self.first_month)
                       and (self.last_month is None or idx <= self.last_month))
        return out


class ShareEntry:
    """One year-entry of `shares`: explicit percentages or the law rule (section 4)."""

    def __init__(self, path):
        self.path = path
        self.law = False
        self.percent = {}        # explicit: member index -> Fraction
        self.keys = {}           # law: kind -> ("equal"|"population"|dict index->Fraction, path)


class FrameEntry:
    def __init__(self, path, kind, value):
        self.path, self.kind, self.value = path, kind, value


class Change:
    def __init__(self, path):
        self.path = path
        self.uprate = "owner"            # "owner" | "none" | Fraction percent
        self.volume = Fraction(1)
        self.delta = 0


class Intervention:
    def __init__(self, index, path):
        self.index, self.path = index, path
        self.id = self.name = None
        self.kind = "insats"
        self.owner = None                # dict member index -> weight
        self.amounts = {}                # year -> öre
        self.items = []                  # list of dict year -> öre
        self.item_profiles = []          # per item: Dated of a 12-tuple, or None (14.1)
        self.profile = None              # Dated of a 12-tuple, or None (14.1)
        self.change = None               # Dated of Change
        self.active_from = self.active_to = None
        self.frame_part = None           # Fraction or None (plan default)
        self.key = None                  # dict member index -> weight
        self.checks = {}                 # year -> öre


class IncomeLine:
    """One line of other income (section 13)."""

    def __init__(self, index, path):
        self.index, self.path = index, path
        self.id = self.name = None
        self.amounts = {}                # year -> öre


class Booked:
    """What was booked for one id (14.2): month keys and year keys."""

    def __init__(self, path):
        self.path = path
        self.months = {}                 # (year, month 1..12) -> öre
        self.years = {}                  # year -> öre

    def has_year(self, year):
        return year in self.years or any(y == year for y, _ in self.months)

    def total(self, year):
        """The booked total of a year (14.6.6)."""
        return self.years.get(year, 0) + sum(a for (y, _), a in self.months.items() if y == year)


class Actuals:
    def __init__(self):
        self.year = self.month = None    # F and T
        self.through = None              # the written "YYYY-MM"
        self.costs = {}                  # intervention index -> Booked
        self.contributions = None        # member index -> Booked; None = key absent
        self.income = {}                 # income index -> Booked
        self.forecast = {}               # intervention index -> (rule, öre|None, path)

    def entry_years(self):
        """Years that have an entry in costs, contributions or income (14.6.10)."""
        out = set()
        for group in (self.costs, self.contributions or {}, self.income):
            for b in group.values():
                out |= set(b.years) | {y for y, _ in b.months}
        return out


class Liquidity:
    def __init__(self):
        self.opening = 0
        self.minimum = 0
        self.payments = {}               # member index -> Dated of a tuple of months


class Plan:
    def __init__(self):
        self.name = ""
        self.unit = 100
        self.first = self.last = None
        self.round_amounts = 100
        self.round_allocation = 100
        self.mode = "half_up"
        self.members = []
        self.member_index = {}
        self.shares = None               # Dated of ShareEntry
        self.frame = None                # Dated of FrameEntry, None = cover_costs every year
        self.uprating = {}               # member index -> Dated of Fraction
        self.frame_part = Fraction(100)
        self.interventions = []
        self.adjustments = []            # (year, member index, öre, path)
        self.equity = None               # dict opening, use (Dated|None), guideline (Fraction|None)
        self.checks = {}                 # year -> [(key, kind|None, öre, path)]
        self.income = None               # list of IncomeLine, None = no `income` key (13)
        self.profile = None              # top-level Dated profile (14.1)
        self.has_profile = False         # any `profile` key anywhere (14.6.4)
        self.actuals = None              # Actuals (14.2)
        self.liquidity = None            # Liquidity (14.4)
        self.thousands = []              # (pointer, text) of "-?D.DDD" amounts (14.6.3)
        self.accounting = False          # `accounting` present (section 15, not evaluated here)

    @property
    def years(self):
        return range(self.first, self.last + 1)


# ---------------------------------------------------------------------------------------------
# Reading (sections 2-9, 12.1-12.4)
# ---------------------------------------------------------------------------------------------

class Reader:
    """Validates a parsed document and builds a Plan, collecting every problem."""

    def __init__(self):
        self.problems = []
        self.plan = Plan()

    # -- helpers --------------------------------------------------------------------------
    def err(self, path, message):
        if (path, message) not in self.problems:
            self.problems.append((path, message))

    def attempt(self, fn, *args):
        """Run a reading step; record its problems and return None if it fails."""
        try:
            return fn(*args)
        except Fail as f:
            for p, m in f.problems:
                self.err(p, m)
            return None

    def obj(self, v, path, allowed, required=()):
        """An object with only `allowed` keys (unknown keys are errors, section 1)."""
        if not isinstance(v, dict):
            self.err(path, f"must be an object, not {_type_name(v)}")
            return None
        for key in v:
            if key not in allowed:
                self.err(pointer(path, key), f"unknown key {json.dumps(key, ensure_ascii=False)}")
        for key in required:
            if key not in v:
                # DECISION: a missing required key is reported at the key's own pointer.
                self.err(pointer(path, key), "is required")
        return v

    def string(self, v, path, what="value"):
        if not isinstance(v, str):
            self.err(path, f"{what} must be a string, not {_type_name(v)}")
            return None
        return v

    def choice(self, v, path, options):
        if not isinstance(v, str) or v not in options:
            self.err(path, "must be one of " + ", ".join(f'"{o}"' for o in options))
            return None
        return v

    def member_ref(self, v, path):
        if not isinstance(v, str):
            self.err(path, f"member id must be a string, not {_type_name(v)}")
            return None
        if v not in self.plan.member_index:
            self.err(path, f"unknown member \"{v}\"")
            return None
        return self.plan.member_index[v]

    def dated_scalar(self, v, path, read):
        """A scalar dated value: dated iff it is an object (12.3)."""
        if isinstance(v, dict):
            entries, ok = [], True
            for key, x in v.items():
                kp = pointer(path, key)
                year = self.attempt(read_year_key, key, kp)
                value = self.attempt(read, x, kp)
                if year is None or value is None:
                    ok = False
                else:
                    entries.append((year, value, kp))
            return Dated(path, entries, True) if ok else None
        value = self.attempt(read, v, path)
        return None if value is None else Dated(path, [(None, value, path)], False)

    def dated_object(self, v, path, read_entry):
        """An object-valued dated thing (`shares`, `frame`, `change`), 12.3."""
        if not isinstance(v, dict):
            self.err(path, f"must be an object, not {_type_name(v)}")
            return None
        if is_dated_object(v):
            entries, ok = [], True
            for key, x in v.items():
                kp = pointer(path, key)
                value = read_entry(x, kp)
                if value is None:
                    ok = False
                else:
                    entries.append((int(key), value, kp))
            return Dated(path, entries, True) if ok else None
        value = read_entry(v, path)
        return None if value is None else Dated(path, [(None, value, path)], False)

    def years_map(self, v, path, read, in_range=False):
        """Objects keyed by exact years (amounts, checks; 12.3 no carrying forward)."""
        if not isinstance(v, dict):
            self.err(path, f"must be an object keyed by year, not {_type_name(v)}")
            return None
        out, ok = {}, True
        for key, x in v.items():
            kp = pointer(path, key)
            year = self.attempt(read_year_key, key, kp)
            value = self.attempt(read, x, kp)
            if year is None or value is None:
                ok = False
                continue
            if in_range and self.plan.first is not None and not (
                    self.plan.first <= year <= self.plan.last):
                self.err(kp, f"year {year} is outside the plan years "
                             f"{self.plan.first}..{self.plan.last}")
                ok = False
                continue
            out[year] = value
        return out if ok else None

    def amount_reader(self):
        unit = self.plan.unit
        thousands = self.plan.thousands

        def read(v, p):
            value = read_amount(v, p, unit)
            if unit != 100 and isinstance(v, str) and THOUSANDS_RE.fullmatch(v):
                thousands.append((p, v))             # 14.6.3, warned in the evaluation
            return value
        return read

    # -- top level (section 2) --------------------------------------------------------------
    def read(self, doc):
        plan = self.plan
        top = ("format", "name", "amount_unit", "years", "rounding", "members", "shares", "frame",
               "uprating", "financing", "interventions", "adjustments", "equity", "checks",
               "variants", "income", "profile", "actuals", "liquidity", "accounting")
        if self.obj(doc, "", top, required=("format", "years", "members")) is None:
            return plan
        self.doc = doc
        if "format" in doc and doc["format"] != "finsam/1":
            self.err("/format", 'must be exactly "finsam/1"')
        if "name" in doc:
            plan.name = self.string(doc["name"], "/name", "name") or ""
        if "amount_unit" in doc:
            unit = self.choice(doc["amount_unit"], "/amount_unit", tuple(AMOUNT_UNITS))
            if unit:
                plan.unit = AMOUNT_UNITS[unit]
        if "years" in doc:
            self.read_years(doc["years"])
        if "rounding" in doc:
            self.read_rounding(doc["rounding"])
        if "members" in doc:
            self.read_members(doc["members"])
        if "shares" in doc:
            plan.shares = self.dated_object(doc["shares"], "/shares", self.read_share_entry)
        if "frame" in doc:
            plan.frame = self.dated_object(doc["frame"], "/frame", self.read_frame_entry)
        if "uprating" in doc:
            self.read_uprating(doc["uprating"])
        if "financing" in doc:
            # Team decision: top-level financing accepts only frame_part.
            fin = self.obj(doc["financing"], "/financing", ("frame_part",))
            if fin and "frame_part" in fin:
                fp = self.attempt(self.read_frame_part, fin["frame_part"], "/financing/frame_part")
                if fp is not None:
                    plan.frame_part = fp
        if "profile" in doc:
            plan.has_profile = True
            plan.profile = self.dated_scalar(doc["profile"], "/profile", read_profile)
        if "interventions" in doc:
            self.read_interventions(doc["interventions"])
        if "income" in doc:
            self.read_income(doc["income"])
        if "adjustments" in doc:
            self.read_adjustments(doc["adjustments"])
        if "equity" in doc:
            self.read_equity(doc["equity"])
        if "checks" in doc:
            self.read_checks(doc["checks"])
        if "actuals" in doc:
            self.read_actuals(doc["actuals"])
        if "liquidity" in doc:
            self.read_liquidity(doc["liquidity"])
        if "accounting" in doc:
            # DECISION: section 15's mapping is read by `finsam actuals`, not by the plan
            # evaluator; the reference accepts the key and does not look inside.
            plan.accounting = True
        if "variants" in doc:
            self.read_variants(doc["variants"])
        return plan

    def read_years(self, v):
        if not isinstance(v, list) or len(v) != 2:
            self.err("/years", "must be [first, last]")
            return
        first = self.attempt(read_year, v[0], "/years/0")
        last = self.attempt(read_year, v[1], "/years/1")
        if first is None or last is None:
            return
        if first > last:
            self.err("/years", f"first year {first} is after last year {last}")
            return
        self.plan.first, self.plan.last = first, last

    def read_rounding(self, v):
        r = self.obj(v, "/rounding", ("amounts", "allocation", "mode"))
        if r is None:
            return
        if "amounts" in r:
            u = self.choice(r["amounts"], "/rounding/amounts", tuple(ROUND_AMOUNT_UNITS))
            if u:
                self.plan.round_amounts = ROUND_AMOUNT_UNITS[u]
        if "allocation" in r:
            u = self.choice(r["allocation"], "/rounding/allocation", tuple(ALLOCATION_UNITS))
            if u:
                self.plan.round_allocation = ALLOCATION_UNITS[u]
        if "mode" in r:
            mode = self.choice(r["mode"], "/rounding/mode", MODES)
            if mode:
                self.plan.mode = mode

    # -- members (section 3) ----------------------------------------------------------------
    def read_members(self, v):
        if not isinstance(v, list):
            self.err("/members", f"must be an array, not {_type_name(v)}")
            return
        if not v:
            self.err("/members", "must not be empty")
            return
        for i, raw in enumerate(v):
            path = pointer("/members", i)
            m = Member(i, path)
            self.plan.members.append(m)
            d = self.obj(raw, path, ("id", "name", "kind", "population", "from", "to"),
                         required=("id", "kind"))
            if d is None:
                continue
            if "id" in d:
                mid = self.string(d["id"], pointer(path, "id"), "id")
                if mid is not None:
                    if not MEMBER_ID_RE.fullmatch(mid):
                        self.err(pointer(path, "id"), "id must match [a-z0-9_-]+")
                    elif mid in self.plan.member_index:
                        self.err(pointer(path, "id"), f"duplicate member id \"{mid}\"")
                    else:
                        m.id = mid
                        self.plan.member_index[mid] = i
            m.name = m.id
            if "name" in d:
                m.name = self.string(d["name"], pointer(path, "name"), "name")
            if "kind" in d:
                m.kind = self.choice(d["kind"], pointer(path, "kind"), MEMBER_KINDS)
            if "population" in d:
                m.population = self.dated_scalar(d["population"], pointer(path, "population"),
                                                 read_population)
            if "from" in d:
                m.first_month = self.attempt(read_month_bound, d["from"], pointer(path, "from"), False)
            if "to" in d:
                m.last_month = self.attempt(read_month_bound, d["to"], pointer(path, "to"), True)
            if m.first_month is not None and m.last_month is not None and m.first_month > m.last_month:
                # DECISION: "from after to" is reported at the `from` pointer.
                self.err(pointer(path, "from"), "from is after to")

    # -- shares (section 4) -------------------------------------------------------------------
    def read_share_entry(self, v, path):
        if not isinstance(v, dict):
            self.err(path, f"must be an object, not {_type_name(v)}")
            return None
        entry = ShareEntry(path)
        ok = True
        if "rule" in v:                                          # 12.3: the law form
            entry.law = True
            if self.obj(v, path, ("rule", "state_key", "region_key", "municipal_key")) is None:
                return None
            if v["rule"] != "law":
                self.err(pointer(path, "rule"), 'must be "law"')
                ok = False
            for kind, keyname in LAW_KEYS.items():
                if keyname in v:
                    key = self.read_law_key(v[keyname], pointer(path, keyname), kind)
                    if key is None:
                        ok = False
                    else:
                        entry.keys[kind] = (key, pointer(path, keyname))
            return entry if ok else None
        total = Fraction(0)
        for mid, x in v.items():
            kp = pointer(path, mid)
            idx = self.member_ref(mid, kp)
            pct = self.attempt(read_share_percent, x, kp, "share")
            if idx is None or pct is None:
                ok = False
                continue
            entry.percent[idx] = pct
            total += pct
        if ok and total != 100:
            # DECISION: every written entry must sum to 100, whether or not it applies to a plan year.
            self.err(path, f"shares sum to {format_fraction(total)}, not 100")
            ok = False
        return entry if ok else None

    def read_law_key(self, v, path, kind):
        if v == "equal" or v == "population":
            return v
        if not isinstance(v, dict):
            self.err(path, 'must be "equal", "population" or an object of percentages')
            return None
        key, ok, total = {}, True, Fraction(0)
        for mid, x in v.items():
            kp = pointer(path, mid)
            idx = self.member_ref(mid, kp)
            pct = self.attempt(read_share_percent, x, kp, "key percentage")
            if idx is None or pct is None:
                ok = False
                continue
            if self.plan.members[idx].kind not in (None, kind):
                # DECISION: a law key may only name members of its own kind.
                self.err(kp, f"member \"{mid}\" is not of kind {kind}")
                ok = False
                continue
            key[idx] = pct
            total += pct
        if ok and total != 100:
            self.err(path, f"key percentages sum to {format_fraction(total)}, not 100")
            ok = False
        return key if ok else None

    # -- frame (section 5) --------------------------------------------------------------------
    def read_frame_entry(self, v, path):
        if self.obj(v, path, ("total", "state", "members", "cover_costs")) is None:
            return None
        kinds = [k for k in ("total", "state", "members", "cover_costs") if k in v]
        if len(kinds) != 1:
            # Team decision: exactly one of the four.
            self.err(path, "must have exactly one of total, state, members, cover_costs")
            return None
        kind = kinds[0]
        kp = pointer(path, kind)
        x = v[kind]
        if kind in ("total", "state"):
            value = self.attempt(self.amount_reader(), x, kp)
            return None if value is None else FrameEntry(path, kind, value)
        if kind == "cover_costs":
            if x is not True:
                self.err(kp, "cover_costs must be true")             # 12.4
                return None
            return FrameEntry(path, kind, True)
        if not isinstance(x, dict):
            self.err(kp, f"must be an object of member amounts, not {_type_name(x)}")
            return None
        amounts, ok = {}, True
        for mid, a in x.items():
            mp = pointer(kp, mid)
            idx = self.member_ref(mid, mp)
            value = self.attempt(self.amount_reader(), a, mp)
            if idx is None or value is None:
                ok = False
            else:
                amounts[idx] = value
        return FrameEntry(path, kind, amounts) if ok else None

    # -- uprating (section 6) -----------------------------------------------------------------
    def read_uprating(self, v):
        if not isinstance(v, dict):
            self.err("/uprating", f"must be an object, not {_type_name(v)}")
            return
        for mid, x in v.items():
            kp = pointer("/uprating", mid)
            idx = self.member_ref(mid, kp)
            rate = self.dated_scalar(x, kp, read_percent)
            if idx is not None and rate is not None:
                self.plan.uprating[idx] = rate

    def read_frame_part(self, v, path):
        fp = read_percent(v, path, "frame_part")
        if not 0 <= fp <= 100:
            raise Fail(path, "frame_part must be within 0..100")       # 12.4
        return fp

    def read_weights(self, v, path, what):
        """Member weights {member: factor ≥ 0} (owner weights, financing key)."""
        if not isinstance(v, dict):
            self.err(path, f"{what} must be an object of member weights, not {_type_name(v)}")
            return None
        out, ok = {}, True
        for mid, x in v.items():
            kp = pointer(path, mid)
            idx = self.member_ref(mid, kp)
            w = self.attempt(read_weight, x, kp, "weight")
            if idx is None or w is None:
                ok = False
            else:
                out[idx] = w
        return out if ok else None

    # -- interventions (section 6) ------------------------------------------------------------
    def read_interventions(self, v):
        if not isinstance(v, list):
            self.err("/interventions", f"must be an array, not {_type_name(v)}")
            return
        seen = set()
        for i, raw in enumerate(v):
            path = pointer("/interventions", i)
            iv = Intervention(i, path)
            self.plan.interventions.append(iv)
            d = self.obj(raw, path, ("id", "name", "kind", "owner", "amounts", "items", "change",
                                     "active", "financing", "checks", "profile"), required=("id",))
            if d is None:
                continue
            if "id" in d:
                iv.id = self.string(d["id"], pointer(path, "id"), "id")
                if iv.id is not None:
                    if iv.id in seen:
                        # DECISION: intervention ids must be unique too.
                        self.err(pointer(path, "id"), f"duplicate intervention id \"{iv.id}\"")
                    seen.add(iv.id)
            iv.name = iv.id
            if "name" in d:
                iv.name = self.string(d["name"], pointer(path, "name"), "name")
            if "kind" in d:
                iv.kind = self.choice(d["kind"], pointer(path, "kind"), INTERVENTION_KINDS)
            if "owner" in d:
                self.read_owner(iv, d["owner"], pointer(path, "owner"))
            if "amounts" in d:
                iv.amounts = self.years_map(d["amounts"], pointer(path, "amounts"),
                                            self.amount_reader()) or {}
            if "items" in d:
                self.read_items(iv, d["items"], pointer(path, "items"))
            if "profile" in d:
                self.plan.has_profile = True
                iv.profile = self.dated_scalar(d["profile"], pointer(path, "profile"), read_profile)
            if "change" in d:
                iv.change = self.dated_object(d["change"], pointer(path, "change"),
                                              self.read_change)
            if "active" in d:
                self.read_active(iv, d["active"], pointer(path, "active"))
            if "financing" in d:
                fp_path = pointer(path, "financing")
                fin = self.obj(d["financing"], fp_path, ("frame_part", "key"))
                if fin is not None:
                    if "frame_part" in fin:
                        iv.frame_part = self.attempt(self.read_frame_part, fin["frame_part"],
                                                     pointer(fp_path, "frame_part"))
                    if "key" in fin:
                        iv.key = self.read_weights(fin["key"], pointer(fp_path, "key"), "key")
            if "checks" in d:
                # Team decision: intervention checks years outside `years` are errors.
                iv.checks = self.years_map(d["checks"], pointer(path, "checks"),
                                           self.amount_reader(), in_range=True) or {}

    def read_owner(self, iv, v, path):
        if isinstance(v, str):
            idx = self.member_ref(v, path)
            if idx is not None:
                iv.owner = {idx: Fraction(1)}
            return
        if not isinstance(v, dict):
            self.err(path, f"owner must be a member id or an object of weights, not {_type_name(v)}")
            return
        weights = self.read_weights(v, path, "owner")
        if weights is None:
            return
        if sum(weights.values()) <= 0:
            self.err(path, "owner weights must have a positive sum")           # 12.12
            return
        iv.owner = weights

    def read_items(self, iv, v, path):
        if not isinstance(v, list):
            self.err(path, f"items must be an array, not {_type_name(v)}")
            return
        for j, raw in enumerate(v):
            ip = pointer(path, j)
            d = self.obj(raw, ip, ("name", "amounts", "profile"))
            if d is None:
                continue
            if "name" in d:
                self.string(d["name"], pointer(ip, "name"), "name")
            amounts = {}
            if "amounts" in d:
                amounts = self.years_map(d["amounts"], pointer(ip, "amounts"),
                                         self.amount_reader()) or {}
            profile = None
            if "profile" in d:
                self.plan.has_profile = True
                profile = self.dated_scalar(d["profile"], pointer(ip, "profile"), read_profile)
            iv.items.append(amounts)
            iv.item_profiles.append(profile)

    def read_change(self, v, path):
        if self.obj(v, path, ("uprate", "volume", "delta")) is None:
            return None
        ch, ok = Change(path), True
        if "uprate" in v:
            u = v["uprate"]
            if u in ("owner", "none"):
                ch.uprate = u
            else:
                ch.uprate = self.attempt(read_percent, u, pointer(path, "uprate"),
                                         'uprate ("owner", "none" or a percent)')
                ok &= ch.uprate is not None
        if "volume" in v:
            ch.volume = self.attempt(read_factor, v["volume"], pointer(path, "volume"), "volume")
            ok &= ch.volume is not None
        if "delta" in v:
            ch.delta = self.attempt(self.amount_reader(), v["delta"], pointer(path, "delta"))
            ok &= ch.delta is not None
        return ch if ok else None

    def read_active(self, iv, v, path):
        if self.obj(v, path, ("from", "to")) is None:
            return
        if "from" in v:
            iv.active_from = self.attempt(read_year, v["from"], pointer(path, "from"))
        if "to" in v:
            iv.active_to = self.attempt(read_year, v["to"], pointer(path, "to"))
        if iv.active_from is not None and iv.active_to is not None and iv.active_from > iv.active_to:
            self.err(pointer(path, "from"), "from is after to")

    # -- adjustments (section 5) ----------------------------------------------------------------
    def read_adjustments(self, v):
        if not isinstance(v, list):
            self.err("/adjustments", f"must be an array, not {_type_name(v)}")
            return
        for i, raw in enumerate(v):
            path = pointer("/adjustments", i)
            d = self.obj(raw, path, ("year", "member", "amount", "note"),
                         required=("year", "member", "amount"))
            if d is None:
                continue
            year = member = amount = None
            if "year" in d:
                year = self.attempt(read_year, d["year"], pointer(path, "year"))
                if year is not None and self.plan.first is not None and not (
                        self.plan.first <= year <= self.plan.last):
                    self.err(pointer(path, "year"), f"year {year} is outside the plan years "
                                                    f"{self.plan.first}..{self.plan.last}")
            if "member" in d:
                member = self.member_ref(d["member"], pointer(path, "member"))
            if "amount" in d:
                amount = self.attempt(self.amount_reader(), d["amount"], pointer(path, "amount"))
            if "note" in d:
                self.string(d["note"], pointer(path, "note"), "note")
            if None not in (year, member, amount):
                self.plan.adjustments.append((year, member, amount, path))

    # -- equity and checks (section 8) ----------------------------------------------------------
    def read_equity(self, v):
        if self.obj(v, "/equity", ("opening", "use", "guideline_percent")) is None:
            return
        eq = {"opening": 0, "use": None, "guideline": None}
        if "opening" in v:
            eq["opening"] = self.attempt(self.amount_reader(), v["opening"], "/equity/opening") or 0
        if "use" in v:
            eq["use"] = self.dated_scalar(v["use"], "/equity/use", self.amount_reader())
        if "guideline_percent" in v:
            eq["guideline"] = self.attempt(read_percent, v["guideline_percent"],
                                           "/equity/guideline_percent", "guideline_percent")
        self.plan.equity = eq

    def read_checks(self, v):
        def read_entry(x, path):
            if self.obj(x, path, CHECK_KEYS) is None:
                raise Fail([])
            out = []
            for key in CHECK_KEYS:
                if key not in x:
                    continue
                kp = pointer(path, key)
                if key == "costs" and isinstance(x[key], dict):
                    # 17, 14.6.2: costs by intervention kind, warned at /checks/Y/costs/KIND
                    by_kind = self.obj(x[key], kp, INTERVENTION_KINDS)
                    for kind in INTERVENTION_KINDS:
                        if kind in by_kind:
                            value = self.attempt(self.amount_reader(), by_kind[kind],
                                                 pointer(kp, kind))
                            if value is not None:
                                out.append((key, kind, value, pointer(kp, kind)))
                    continue
                value = self.attempt(self.amount_reader(), x[key], kp)
                if value is not None:
                    out.append((key, None, value, kp))
            return out
        checks = self.years_map(v, "/checks", read_entry, in_range=True)
        if checks is None:
            return
        self.plan.checks = checks
        if "equity" not in self.doc:
            for year, entry in checks.items():
                for key, _kind, _value, path in entry:
                    if key == "equity_end":
                        # DECISION: an equity_end check without `equity` has nothing to compare with.
                        self.err(path, "equity_end check needs `equity`")

    # -- other income (section 13) ----------------------------------------------------------
    def read_income(self, v):
        self.plan.income = []
        if not isinstance(v, list):
            self.err("/income", f"must be an array, not {_type_name(v)}")
            return
        seen = set()
        for i, raw in enumerate(v):
            path = pointer("/income", i)
            line = IncomeLine(i, path)
            self.plan.income.append(line)
            d = self.obj(raw, path, ("id", "name", "amounts"), required=("id",))
            if d is None:
                continue
            if "id" in d:
                lid = self.string(d["id"], pointer(path, "id"), "id")
                if lid is not None:
                    if not MEMBER_ID_RE.fullmatch(lid):
                        self.err(pointer(path, "id"), "id must match [a-z0-9_-]+")
                    elif lid in seen:
                        self.err(pointer(path, "id"), f"duplicate income id \"{lid}\"")
                    else:
                        seen.add(lid)
                        line.id = lid
            line.name = line.id
            if "name" in d:
                line.name = self.string(d["name"], pointer(path, "name"), "name")
            if "amounts" in d:
                # 14.6.1: amounts outside `years` are allowed (and unused).
                line.amounts = self.years_map(d["amounts"], pointer(path, "amounts"),
                                              self.amount_reader()) or {}

    # -- actuals (14.2, 14.6.5) -----------------------------------------------------------------
    def read_actuals(self, v):
        plan = self.plan
        act = Actuals()
        plan.actuals = act
        if self.obj(v, "/actuals", ("through", "costs", "contributions", "income", "forecast"),
                    required=("through",)) is None:
            return
        if "through" in v:
            t = v["through"]
            m = MONTH_RE.fullmatch(t) if isinstance(t, str) else None
            if m is None or not 1 <= int(m.group(1)) or not 1 <= int(m.group(2)) <= 12:
                self.err("/actuals/through", 'through must be a month "YYYY-MM"')
            else:
                # DECISION: a well-formed `through` outside the plan years is an error, and the
                # keys are still checked against it (14.2: a month after `through` is an error
                # whatever else is wrong).
                act.through = t
                act.year, act.month = int(m.group(1)), int(m.group(2))
                if plan.first is not None and not plan.first <= act.year <= plan.last:
                    self.err("/actuals/through", f"the follow-up year {act.year} is not a plan "
                                                 f"year ({plan.first}..{plan.last})")
        iv_ids = {}
        for iv in plan.interventions:
            if iv.id is not None:
                iv_ids.setdefault(iv.id, iv.index)
        income_ids = {line.id: line.index for line in plan.income or [] if line.id is not None}
        if "costs" in v:
            act.costs = self.read_booked_group(v["costs"], "/actuals/costs", iv_ids,
                                               "intervention")
        if "contributions" in v:
            act.contributions = self.read_booked_group(v["contributions"],
                                                       "/actuals/contributions",
                                                       plan.member_index, "member")
        if "income" in v:
            act.income = self.read_booked_group(v["income"], "/actuals/income", income_ids,
                                                "income line")
        if "forecast" in v:
            f = v["forecast"]
            if not isinstance(f, dict):
                self.err("/actuals/forecast", f"must be an object, not {_type_name(f)}")
                return
            for key, x in f.items():
                kp = pointer("/actuals/forecast", key)
                if key not in iv_ids:
                    self.err(kp, f"unknown intervention \"{key}\"")
                    continue
                if isinstance(x, str) and x in FORECAST_RULES:
                    act.forecast[iv_ids[key]] = (x, None, kp)
                    continue
                try:
                    value = self.amount_reader()(x, kp)
                except Fail:
                    self.err(kp, 'forecast must be "budget", "run_rate" or an amount')
                    continue
                act.forecast[iv_ids[key]] = ("explicit", value, kp)

    def read_booked_group(self, v, path, ids, what):
        """`costs`, `contributions` or `income` of actuals: {id: {month or year: amount}}."""
        out = {}
        if not isinstance(v, dict):
            self.err(path, f"must be an object keyed by {what} id, not {_type_name(v)}")
            return out
        for key, x in v.items():
            kp = pointer(path, key)
            if key not in ids:
                self.err(kp, f"unknown {what} \"{key}\"")
                continue
            booked = self.read_booked(x, kp)
            if booked is not None:
                out[ids[key]] = booked
        return out

    def read_booked(self, v, path):
        act = self.plan.actuals
        if not isinstance(v, dict):
            self.err(path, f"must be an object keyed by month or year, not {_type_name(v)}")
            return None
        booked = Booked(path)
        year_paths = {}
        for key, x in v.items():
            kp = pointer(path, key)
            m = MONTH_RE.fullmatch(key)
            if YEAR_KEY_RE.fullmatch(key):
                year, month = int(key), None
            elif m and 1 <= int(m.group(1)) and 1 <= int(m.group(2)) <= 12:
                year, month = int(m.group(1)), int(m.group(2))
            else:
                self.err(kp, f"{json.dumps(key, ensure_ascii=False)} is not a month \"YYYY-MM\" "
                             f"or a year")
                continue
            if act.year is not None:
                # 14.6.5: one error per bad key, the first that applies.
                if month is not None and (year, month) > (act.year, act.month):
                    self.err(kp, f"{key} is after through ({act.through})")
                    continue
                if month is None and year > act.year:
                    self.err(kp, f"year {year} is after the follow-up year {act.year}")
                    continue
                if month is None and year == act.year and act.month < 12:
                    self.err(kp, f"{year} is not closed (through {act.through}); "
                                 f"write its months")
                    continue
            value = self.attempt(self.amount_reader(), x, kp)
            if value is None:
                continue
            if month is None:
                booked.years[year] = value
                year_paths[year] = kp
            else:
                booked.months[year, month] = value
        for year, kp in year_paths.items():
            if any(y == year for y, _ in booked.months):
                self.err(kp, f"{year} has both a year key and month keys")
        return booked

    # -- liquidity (14.4, 14.6.10) --------------------------------------------------------------
    def read_liquidity(self, v):
        liq = Liquidity()
        self.plan.liquidity = liq
        if self.obj(v, "/liquidity", ("opening", "minimum", "payments"),
                    required=("opening",)) is None:
            return
        if "opening" in v:
            liq.opening = self.attempt(self.amount_reader(), v["opening"], "/liquidity/opening") or 0
        if "minimum" in v:
            liq.minimum = self.attempt(self.amount_reader(), v["minimum"], "/liquidity/minimum") or 0
        if "payments" in v:
            p = v["payments"]
            if not isinstance(p, dict):
                self.err("/liquidity/payments", f"must be an object keyed by member id, not "
                                                f"{_type_name(p)}")
                return
            for mid, x in p.items():
                kp = pointer("/liquidity/payments", mid)
                idx = self.member_ref(mid, kp)
                schedule = self.read_schedule(x, kp)
                if idx is not None and schedule is not None:
                    liq.payments[idx] = schedule

    def read_schedule(self, v, path):
        """A payment schedule, dated iff a non-empty object whose keys are all years."""
        if isinstance(v, dict) and v and all(YEAR_KEY_RE.fullmatch(k) for k in v):
            entries, ok = [], True
            for key, x in v.items():
                kp = pointer(path, key)
                months = self.read_schedule_entry(x, kp)
                if months is None:
                    ok = False
                else:
                    entries.append((int(key), months, kp))
            return Dated(path, entries, True) if ok else None
        months = self.read_schedule_entry(v, path)
        return None if months is None else Dated(path, [(None, months, path)], False)

    def read_schedule_entry(self, v, path):
        if isinstance(v, str) and v in PAYMENT_FORMS:
            return PAYMENT_FORMS[v]
        if not isinstance(v, dict):
            self.err(path, 'must be "monthly", "quarterly", "half_yearly", "yearly" or '
                           '{"months": [...]}')
            return None
        if self.obj(v, path, ("months",), required=("months",)) is None or "months" not in v:
            return None
        mp = pointer(path, "months")
        months = v["months"]
        if not isinstance(months, list):
            self.err(mp, f"must be an array of months 1–12, not {_type_name(months)}")
            return None
        if not months:
            self.err(mp, "must name at least one month")
            return None
        out, ok = [], True
        for j, x in enumerate(months):
            ep = pointer(mp, j)
            if not isinstance(x, Num) or not x.is_integer_literal or not 1 <= int(x.text) <= 12:
                self.err(ep, "a payment month is a JSON integer 1–12")
                ok = False
            elif int(x.text) in out:
                self.err(ep, f"month {int(x.text)} is listed twice")
                ok = False
            else:
                out.append(int(x.text))
        return tuple(sorted(out)) if ok else None

    def read_variants(self, v):
        if not isinstance(v, dict):
            self.err("/variants", f"must be an object, not {_type_name(v)}")
            return
        for name, patch in v.items():
            # DECISION: `"variants": null` in a patch adds nothing and is allowed.
            if isinstance(patch, dict) and patch.get("variants") is not None:
                self.err(pointer("/variants", name, "variants"),
                         f'variant "{name}": a patch may not add variants')          # 12.18


def format_fraction(f):
    """A Fraction for messages: exact decimal when finite, else A/B."""
    d = f.denominator
    k = 0
    while d % 2 == 0 or d % 5 == 0:
        d //= 2 if d % 2 == 0 else 5
        k += 1
    if d != 1:
        return f"{f.numerator}/{f.denominator}"
    scaled = f * 10 ** k
    n = scaled.numerator
    sign = "-" if n < 0 else ""
    ip, fp = divmod(abs(n), 10 ** k)
    return sign + (f"{ip}.{fp:0{k}d}".rstrip("0").rstrip(".") if k else str(ip))


def read_plan(doc):
    """Validate a parsed plan document; return a Plan or raise RefPlanError."""
    reader = Reader()
    plan = reader.read(doc)
    if reader.problems:
        raise RefPlanError(reader.problems)
    return plan


# ---------------------------------------------------------------------------------------------
# Arithmetic: rounding and largest remainder (sections 6, 7, 12.8)
# ---------------------------------------------------------------------------------------------

def round_fraction(x, mode):
    """Round an exact Fraction to an integer with the plan's rounding mode (section 2)."""
    x = Fraction(x)
    floor = x.numerator // x.denominator
    rest = x - floor
    if rest == 0:
        return floor
    if mode == "toward_zero":
        return floor if x > 0 else floor + 1
    half = Fraction(1, 2)
    if rest > half:
        return floor + 1
    if rest < half:
        return floor
    if mode == "half_up":                      # halves away from zero
        return floor + 1 if x > 0 else floor
    return floor if floor % 2 == 0 else floor + 1   # half_even


def round_to_unit(ore, unit, mode):
    """Round an exact öre value to a whole number of `unit` öre; returns öre."""
    return round_fraction(Fraction(ore) / unit, mode) * unit


class ZeroWeights(Exception):
    pass


def largest_remainder(amount, weights, unit):
    """Split `amount` öre by non-negative `weights` in whole `unit`s (section 7, 12.8).

    Each member gets floor(P·w/W) units, the leftover units go one each to the largest
    remainders (ties: first listed), and a sub-unit rest goes to the member that would have got
    the next unit.  Negative amounts are split as −split(−P)."""
    if amount < 0:
        return [-x for x in largest_remainder(-amount, weights, unit)]
    n = len(weights)
    if amount == 0:
        return [0] * n
    total = sum(weights)
    if total == 0:
        raise ZeroWeights()
    units, rest = divmod(amount, unit)
    base, remainder = [], []
    for w in weights:
        q = Fraction(units) * w / total
        b = q.numerator // q.denominator
        base.append(b)
        remainder.append(q - b)
    left = units - sum(base)
    order = sorted((k for k in range(n) if weights[k] > 0), key=lambda k: (-remainder[k], k))
    for k in order[:left]:
        base[k] += 1
    parts = [b * unit for b in base]
    if rest:
        parts[order[left]] += rest
    return parts


# ---------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------

class Evaluation:
    def __init__(self, plan):
        self.plan = plan
        self.problems = []
        self.warnings = []
        self._shares = {}

    def fail(self, path, message):
        if (path, message) not in self.problems:
            self.problems.append((path, message))

    def record(self, f):
        for p, m in f.problems:
            self.fail(p, m)

    def warn(self, code, path, message):
        self.warnings.append({"code": code, "path": path, "message": message})

    # -- shares of the frame (section 4, 12.5, 12.6) ----------------------------------------
    def year_shares(self, year):
        """Each member's share of the year in percent (exact): average of 12 monthly shares.
        Raises Fail when they cannot be computed for a year whose frame needs them."""
        if year not in self._shares:
            try:
                self._shares[year] = self._compute_year_shares(year)
            except Fail as f:
                self._shares[year] = f
        result = self._shares[year]
        if isinstance(result, Fail):
            raise result
        return result

    def _compute_year_shares(self, year):
        plan = self.plan
        if plan.shares is None:
            raise Fail("/shares", f"shares are needed for {year}")
        found = plan.shares.at(year)
        if found is None:
            raise Fail("/shares", f"no shares entry for {year} (no key ≤ {year})")
        entry = found[0]
        presence = [m.months_present(year) for m in plan.members]
        if entry.law:
            return self._law_shares(entry, year, presence)
        return self._explicit_shares(entry, year, presence)

    def _explicit_shares(self, entry, year, presence):
        """12.5: stated share in months of membership, 0 elsewhere, no renormalisation."""
        problems, shares = [], []
        for m, months in zip(self.plan.members, presence):
            count = sum(months)
            if count and m.index not in entry.percent:
                problems.append((entry.path, f"member \"{m.id}\" is a member in {year} "
                                             f"but has no share"))
            shares.append(entry.percent.get(m.index, Fraction(0)) * count / 12)
        if problems:
            raise Fail(problems)
        return shares

    def _law_shares(self, entry, year, presence):
        """12.6: each month each kind's part is divided among its present members by the key
        normalised over those present; the year share is the mean of the monthly shares."""
        plan = self.plan
        problems = []
        monthly_sum = [Fraction(0)] * len(plan.members)
        for kind, part in LAW_PARTS.items():
            ids = [m.index for m in plan.members if m.kind == kind]
            present = [[k for k in ids if presence[k][month]] for month in range(12)]
            need_key = any(len(p) > 1 for p in present)
            weights = {}
            if need_key:
                key_path = pointer(entry.path, LAW_KEYS[kind])
                in_year = [k for k in ids if any(presence[k])]
                if kind not in entry.keys:
                    problems.append((key_path, f"a {kind} key is needed: more than one {kind} "
                                               f"member in {year}"))
                    continue
                key, key_path = entry.keys[kind]
                bad = False
                for k in in_year:
                    m = plan.members[k]
                    if key == "equal":
                        weights[k] = Fraction(1)
                    elif key == "population":
                        # DECISION: missing population is reported at the member's population.
                        pop_path = pointer(m.path, "population")
                        found = m.population.at(year) if m.population is not None else None
                        if found is None:
                            problems.append((pop_path, f"no population for {year} "
                                                       f"(needed by the {LAW_KEYS[kind]})"))
                            bad = True
                        else:
                            weights[k] = Fraction(found[0])
                    else:
                        if k not in key:
                            problems.append((key_path, f"member \"{m.id}\" is a member in {year} "
                                                       f"but is missing from the key"))
                            bad = True
                        else:
                            weights[k] = key[k]
                if bad:
                    continue
            for month in range(12):
                here = present[month]
                if len(here) == 1:
                    # DECISION: a lone present member takes the whole part, whatever its weight.
                    monthly_sum[here[0]] += part
                elif len(here) > 1:
                    total = sum(weights[k] for k in here)
                    if total == 0:
                        problems.append((key_path, f"key weights of the {kind} members present "
                                                   f"in {year} sum to 0"))
                        break
                    for k in here:
                        monthly_sum[k] += part * weights[k] / total
        if problems:
            raise Fail(problems)
        return [s / 12 for s in monthly_sum]

    # -- intervention amounts (section 6, 12.10, 12.11) ------------------------------------
    def active(self, iv, year):
        return ((iv.active_from is None or year >= iv.active_from)
                and (iv.active_to is None or year <= iv.active_to))

    def known_amount(self, iv, year):
        """12.11: the items' sum where some item lists the year, else `amounts`, else None."""
        if any(year in item for item in iv.items):
            total = sum(item.get(year, 0) for item in iv.items)
            return check_limit(total, pointer(iv.path, "items"), f"items' sum for {year}")
        return iv.amounts.get(year)

    def owner_rate(self, iv, year):
        """Weighted mean of the owners' uprating rates (section 6, 12.12)."""
        plan = self.plan
        owner_path = pointer(iv.path, "owner")
        if iv.owner is None:
            # DECISION: uprating by "owner" without an owner is an error at .../owner.
            raise Fail(owner_path, f"uprating {year} by owner needs an owner")
        total_w = sum(iv.owner.values())
        acc = Fraction(0)
        for k, w in iv.owner.items():
            if w == 0:
                continue
            m = plan.members[k]
            if k not in plan.uprating:
                raise Fail(owner_path, f"owner \"{m.id}\" has no uprating rate (needed for {year})")
            found = plan.uprating[k].at(year)
            if found is None:
                raise Fail(pointer("/uprating", m.id), f"no uprating rate for {year} "
                                                       f"(no key ≤ {year})")
            acc += w * found[0]
        return acc / total_w

    def next_amount(self, iv, previous, year):
        """amount(Y) = round(amount(Y-1) × volume × (1 + uprate/100) + delta)."""
        change_path = pointer(iv.path, "change")
        if iv.change is None:
            change = Change(change_path)
        else:
            found = iv.change.at(year)
            if found is None:
                raise Fail(change_path, f"no change rule for {year} (no key ≤ {year})")
            change = found[0]
        if change.uprate == "owner":
            rate = self.owner_rate(iv, year)
        elif change.uprate == "none":
            rate = Fraction(0)
        else:
            rate = change.uprate
        exact = previous * change.volume * (1 + rate / 100) + change.delta
        value = round_to_unit(exact, self.plan.round_amounts, self.plan.mode)
        # DECISION: an overflowing computed amount is reported at .../change.
        return check_limit(value, change_path, f"computed amount for {year}")

    def intervention_amounts(self, iv):
        """The intervention's amount for every plan year (öre), following 12.10."""
        plan = self.plan
        known_years = set(iv.amounts) | {y for item in iv.items for y in item}
        earliest = min(known_years) if known_years else None
        amounts = {}
        for year in plan.years:
            if not self.active(iv, year):
                amounts[year] = 0
                continue
            known = self.known_amount(iv, year)
            if known is not None:
                amounts[year] = known
                continue
            if year > plan.first:
                if not self.active(iv, year - 1):
                    raise Fail(pointer(iv.path, "amounts"),
                               f"no amount for {year}: no known amount and {year - 1} is not active")
                amounts[year] = self.next_amount(iv, amounts[year - 1], year)
                continue
            # The first plan year: walk back over active years without a known amount.
            z = year - 1
            while earliest is not None and z >= earliest and self.active(iv, z) \
                    and self.known_amount(iv, z) is None:
                z -= 1
            if earliest is None or z < earliest or not self.active(iv, z):
                raise Fail(pointer(iv.path, "amounts"),
                           f"no amount for {year}: no known amount and no unbroken chain of "
                           f"active years back to one")
            value = self.known_amount(iv, z)
            for w in range(z + 1, year + 1):
                value = self.next_amount(iv, value, w)
            amounts[year] = value
        return amounts

    def item_warnings(self, iv):
        """12.11: an `amounts` value differing from the items' sum.
        DECISION: checked for every year written, inside the plan years or not."""
        for year in sorted(iv.amounts):
            if any(year in item for item in iv.items):
                items_sum = sum(item.get(year, 0) for item in iv.items)
                if items_sum != iv.amounts[year]:
                    self.warn("items_sum_mismatch", pointer(iv.path, "amounts", year),
                              mismatch_message(f"amount for {year}", iv.amounts[year], items_sum,
                                               "items' sum"))

    # -- frame and contributions (section 5, 12.7, 12.8, 12.13) ----------------------------
    def frame_entry(self, year):
        plan = self.plan
        if plan.frame is None:
            return FrameEntry("/frame", "cover_costs", True)
        found = plan.frame.at(year)
        if found is None:
            raise Fail("/frame", f"no frame entry for {year} (no key ≤ {year})")
        return found[0]

    def split_by_shares(self, amount, shares, path, year):
        try:
            return largest_remainder(amount, shares, self.plan.round_allocation)
        except ZeroWeights:
            raise Fail(path, f"no member has a share in {year}, the frame cannot be split")

    def contributions(self, year, costs, income=0):
        """Preliminary contributions of every member for `year` (öre)."""
        plan = self.plan
        entry = self.frame_entry(year)
        if entry.kind == "members":
            contribs = [entry.value.get(m.index, 0) for m in plan.members]   # 12.13
            check_limit(sum(contribs), entry.path, f"frame sum for {year}")
            self.compare_with_shares(year, entry, contribs)
            return contribs
        problems = []
        shares = None
        try:
            shares = self.year_shares(year)
        except Fail as f:
            problems += f.problems
        if entry.kind == "total":
            total = entry.value
        elif entry.kind == "state":
            if shares is None:
                raise Fail(problems)
            state_share = sum(s for m, s in zip(plan.members, shares) if m.kind == "state")
            if state_share == 0:
                raise Fail(entry.path, f"the state members have no share in {year}")
            exact = Fraction(entry.value) * sum(shares) / state_share                  # 12.7
            total = round_to_unit(exact, plan.round_allocation, plan.mode)
            check_limit(total, entry.path, f"frame total for {year}")
        else:                                                                        # cover_costs
            use = 0
            if plan.equity is not None and plan.equity["use"] is not None:
                found = plan.equity["use"].at(year)
                if found is None:
                    problems.append(("/equity/use", f"no equity use for {year} (no key ≤ {year})"))
                else:
                    use = found[0]
            if problems:
                raise Fail(problems)
            if costs is None or income is None:
                raise Skip()
            # 13: a cover_costs total is costs − income − equity.use.
            total = check_limit(costs - income - use, entry.path, f"frame total for {year}")
        if problems:
            raise Fail(problems)
        return self.split_by_shares(total, shares, entry.path, year)

    def compare_with_shares(self, year, entry, contribs):
        """12.13: where shares apply to the year, split the frame's sum by them and compare."""
        plan = self.plan
        if plan.shares is None or plan.shares.at(year) is None:
            return
        try:
            shares = self.year_shares(year)
            expected = largest_remainder(sum(contribs), shares, plan.round_allocation)
        except (Fail, ZeroWeights):
            return                                   # team decision: skip silently
        if expected != contribs:
            diffs = ", ".join(f"{m.id} {format_ore(c)} (shares give {format_ore(e)})"
                              for m, c, e in zip(plan.members, contribs, expected) if c != e)
            self.warn("shares_differ_from_frame", entry.path,
                      f"the frame for {year} differs from the shares: {diffs}")

    # -- allocations (section 6, 12.9, 12.14) -----------------------------------------------
    def allocate(self, iv, year, amount, finals, frame_path, forecast=False):
        """Frame and case parts of `amount` (section 6, 12.9).  For a forecast (14.3) a
        frame_part of 100 takes the whole amount into the frame part."""
        plan = self.plan
        frame_part = iv.frame_part if iv.frame_part is not None else plan.frame_part
        if forecast and frame_part == 100:
            frame_amount = amount
        else:
            frame_amount = round_to_unit(Fraction(amount) * frame_part / 100,
                                         plan.round_allocation, plan.mode)
        case_amount = amount - frame_amount
        parts = [0] * len(plan.members)
        problems = []
        if frame_amount != 0:
            negative = [m.id for m, f in zip(plan.members, finals) if f < 0]
            if negative:
                problems.append((frame_path, f"final contribution of \"{negative[0]}\" in {year} "
                                             f"is negative; the frame part cannot be split"))
            elif sum(finals) == 0:
                problems.append((frame_path, f"the final frame of {year} is 0; the frame part "
                                             f"cannot be split"))
            else:
                parts = largest_remainder(frame_amount, finals, plan.round_allocation)
        if case_amount != 0:
            key_path = pointer(iv.path, "financing", "key")
            if iv.key is None:
                problems.append((key_path, f"the case part {format_ore(case_amount)} of {year} "
                                           f"needs a key"))
            else:
                weights = [iv.key.get(m.index, Fraction(0)) for m in plan.members]
                try:
                    case_parts = largest_remainder(case_amount, weights, plan.round_allocation)
                    parts = [a + b for a, b in zip(parts, case_parts)]
                except ZeroWeights:
                    problems.append((key_path, f"all key weights are 0; the case part of {year} "
                                               f"cannot be split"))
        if problems:
            raise Fail(problems)
        return parts

    # -- months of a budget (14.1, 14.6.4) --------------------------------------------------
    def profile_at(self, levels, year):
        """The weights of the first profile written among `levels` (item, intervention,
        top level) for `year`, with the pointer of the applying entry; "even" when none is
        written.  A dated profile without a key ≤ year is an error at that profile: there is
        no fallback to the next level (14.6.4)."""
        for dated in levels:
            if dated is not None:
                found = dated.at(year)
                if found is None:
                    raise Fail(dated.path, f"no profile for {year} (no key ≤ {year})")
                return found
        return EVEN, None

    def split_by_profile(self, amount, levels, year, what):
        """A budget over the twelve months (14.1): all-zero weights are an error."""
        if amount == 0:
            return [0] * 12
        weights, path = self.profile_at(levels, year)
        if sum(weights) == 0:
            raise Fail(path, f"all twelve weights are 0, so {what} of {year} "
                             f"({format_ore(amount)}) cannot be split over the months")
        return largest_remainder(amount, list(weights), self.plan.round_allocation)

    def spread_by_profile(self, amount, levels, year, first_month=0):
        """An actual year key (14.2) or the forecast's difference over months first_month+1..12
        (14.4): the profile's weights of those months; all zero puts it in December."""
        if amount == 0:
            return [0] * 12
        weights, _path = self.profile_at(levels, year)
        w = [0] * first_month + list(weights[first_month:])
        if sum(w) == 0:
            w = [0] * 11 + [1]
        return largest_remainder(amount, w, self.plan.round_allocation)

    def even_months(self, amount):
        return largest_remainder(amount, [1] * 12, self.plan.round_allocation)

    def monthly_budget(self, iv, year, amount):
        """Intervention i's twelve monthly budgets in `year` (14.1)."""
        plan = self.plan
        if not self.active(iv, year):
            return [0] * 12                                   # 14.6.4: twelve zeros
        if any(year in item for item in iv.items):
            total, problems = [0] * 12, []
            for item, profile in zip(iv.items, iv.item_profiles):
                try:
                    parts = self.split_by_profile(item.get(year, 0),
                                                  [profile, iv.profile, plan.profile], year,
                                                  f"an item of \"{iv.id}\"")
                    total = [a + b for a, b in zip(total, parts)]
                except Fail as f:
                    problems += f.problems
            if problems:
                raise Fail(problems)
            return total
        return self.split_by_profile(amount, [iv.profile, plan.profile], year,
                                     f"the budget of \"{iv.id}\"")

    def booked_months(self, booked, year, spread):
        """Twelve months of what `booked` holds for `year`; a year key spread by `spread`."""
        out = [0] * 12
        if booked is None:
            return out
        for (y, m), a in booked.months.items():
            if y == year:
                out[m - 1] += a
        if year in booked.years:
            out = [a + b for a, b in zip(out, spread(booked.years[year]))]
        return out

    def actual_cost_months(self, iv, year):
        """14.2, 14.6.6: a year key is spread by the intervention's own profile, not its items'."""
        return self.booked_months(
            self.plan.actuals.costs.get(iv.index), year,
            lambda a: self.spread_by_profile(a, [iv.profile, self.plan.profile], year))

    def payments(self, k, year, amount):
        """Member k's `amount` over its payment months of `year` (14.4, 14.6.10)."""
        if amount == 0:
            return [0] * 12
        schedule = self.plan.liquidity.payments.get(k)
        months = PAYMENT_FORMS["quarterly"]
        if schedule is not None:
            found = schedule.at(year)
            if found is None:
                raise Fail(schedule.path, f"no payment schedule for {year} (no key ≤ {year})")
            months = found[0]
        weights = [1 if m + 1 in months else 0 for m in range(12)]
        return largest_remainder(amount, weights, self.plan.round_allocation)

    # -- the follow-up of year F through month T (14.3) ---------------------------------------
    def follow_up(self, amounts, months, finals, frame_paths, totals):
        """Returns (the result's follow_up object or None, {intervention: figures})."""
        plan, act = self.plan, self.plan.actuals
        F, T = act.year, act.month
        members = plan.members
        figures = {}
        complete = F in finals and F in totals
        out_ivs = []
        cost_share = [0] * len(members)
        for iv in plan.interventions:
            if (iv.index, F) not in months:
                complete = False
                continue
            cost_path = pointer("/actuals/costs", iv.id)
            B = amounts[iv.index][F]
            b = months[iv.index, F]
            try:
                a = self.actual_cost_months(iv, F)
            except Fail as f:
                self.record(f)
                complete = False
                continue
            booked = act.costs.get(iv.index)
            atd = booked.total(F) if booked is not None else 0
            btd = sum(b[:T])
            rule, explicit, rule_path = act.forecast.get(iv.index, ("budget", None, None))
            try:
                check_limit(atd, cost_path, f"actual to date of {F}")
                if T == 12:
                    forecast = atd                                   # 14.6.7: the year is done
                elif rule == "budget":
                    forecast = check_limit(atd + B - btd, cost_path, f"forecast of {F}")
                elif rule == "run_rate":
                    if btd == 0:
                        raise Fail(rule_path, f"run_rate needs a budget to date: nothing is "
                                              f"budgeted for \"{iv.id}\" through {act.through}")
                    forecast = round_to_unit(Fraction(atd * B, btd), plan.round_amounts,
                                             plan.mode)
                    check_limit(forecast, rule_path, f"forecast of {F}")
                else:
                    forecast = explicit
                check_limit(btd - atd, cost_path, f"deviation to date of {F}")
                check_limit(B - forecast, cost_path, f"forecast deviation of {F}")
            except Fail as f:
                self.record(f)
                complete = False
                continue
            figures[iv.index] = (B, btd, atd, forecast)
            if forecast > B:
                self.warn("forecast_above_budget", cost_path,
                          f"the forecast for \"{iv.id}\" in {F} is {format_ore(forecast)}, "
                          f"above its budget {format_ore(B)} by {format_ore(forecast - B)}")
            if atd > B:
                self.warn("budget_exhausted", cost_path,
                          f"\"{iv.id}\" has booked {format_ore(atd)} through {act.through}, "
                          f"more than its budget {format_ore(B)} for {F}")
            allocation = None
            if F in finals:
                try:
                    allocation = self.allocate(iv, F, forecast, finals[F], frame_paths[F],
                                               forecast=True)
                except Fail as f:
                    self.record(f)
                    complete = False
            if allocation is not None:
                cost_share = [c + x for c, x in zip(cost_share, allocation)]
            out_ivs.append({
                "id": iv.id,
                "forecast_rule": rule,
                "budget": B, "budget_to_date": btd, "actual_to_date": atd,
                "deviation_to_date": btd - atd, "forecast": forecast,
                "forecast_deviation": B - forecast,
                "months": {f"{F:04d}-{m + 1:02d}": {"budget": b[m], "actual": a[m]}
                           for m in range(12)},
                "forecast_allocation": allocation,
            })
        if not complete:
            return None, figures

        out_members = []
        for m in members:
            row = {"id": m.id, "contribution": finals[F][m.index]}
            if act.contributions is not None:
                booked = act.contributions.get(m.index)
                row["received_to_date"] = booked.total(F) if booked is not None else 0
            row["forecast_cost_share"] = cost_share[m.index]
            out_members.append(row)
        out_income, income_forecast = [], 0
        for line in plan.income or []:
            budget = line.amounts.get(F, 0)
            btd = sum(self.even_months(budget)[:T])
            booked = act.income.get(line.index)
            atd = booked.total(F) if booked is not None else 0
            forecast = atd + budget - btd
            income_forecast += forecast
            out_income.append({"id": line.id, "budget": budget, "actual_to_date": atd,
                               "forecast": forecast})
        keys = ("budget", "budget_to_date", "actual_to_date", "deviation_to_date", "forecast",
                "forecast_deviation")
        fu_totals = {k: sum(row[k] for row in out_ivs) for k in keys}
        contributions = sum(finals[F])
        fu_totals["contributions"] = contributions
        fu_totals["income_forecast"] = income_forecast
        fu_totals["forecast_result"] = contributions + income_forecast - fu_totals["forecast"]
        try:
            for k, v in fu_totals.items():
                check_limit(v, "/actuals", f"follow-up {k.replace('_', ' ')} of {F}")
            if plan.equity is not None:
                start = totals[F - 1]["equity_end"] if F > plan.first else plan.equity["opening"]
                equity = check_limit(start + fu_totals["forecast_result"], "/equity",
                                     f"forecast equity at the end of {F}")
                self.forecast_equity_warnings(equity, contributions, F)
                chain = {F: equity}
                for y in range(F + 1, plan.last + 1):
                    equity = check_limit(equity + totals[y]["result"], "/equity",
                                         f"forecast equity at the end of {y}")
                    chain[y] = equity
                fu_totals["forecast_equity_end"] = chain
        except Fail as f:
            self.record(f)
            return None, figures

        history = {}
        costs_booked = act.costs
        for y in sorted(y for y in act.entry_years() if y < plan.first):
            row = {iv.id: (costs_booked[iv.index].total(y) if iv.index in costs_booked else 0)
                   for iv in plan.interventions}
            history[y] = {"costs": row, "total_costs": sum(row.values())}
        return {"year": F, "through": act.through, "interventions": out_ivs,
                "members": out_members, "income": out_income, "totals": fu_totals,
                "history": history}, figures

    def forecast_equity_warnings(self, equity, contributions, year):
        """14.3: the equity warnings of 12.16 on the forecast equity of F."""
        if equity < 0:
            self.warn("forecast_equity_negative", "/equity",
                      f"the forecast equity at the end of {year} is {format_ore(equity)}")
        guideline = self.plan.equity["guideline"]
        if guideline is not None and equity > Fraction(contributions) * guideline / 100:
            self.warn("forecast_equity_above_guideline", "/equity/guideline_percent",
                      f"the forecast equity at the end of {year} is {format_ore(equity)}, above "
                      f"{format_fraction(guideline)} % of the year's final contributions "
                      f"({format_ore(contributions)})")

    # -- liquidity (14.4) ---------------------------------------------------------------------
    def liquidity(self, years, months, finals, figures):
        plan, liq, act = self.plan, self.plan.liquidity, self.plan.actuals
        members, lines = plan.members, plan.income or []
        F, T = (act.year, act.month) if act is not None else (None, 0)
        entry_years = act.entry_years() if act is not None else set()
        per_year = {}
        for y in years:
            try:
                if y not in finals:
                    raise Skip()
                closed = 0
                if act is not None and (y == F or (y < F and y in entry_years)):
                    closed = T if y == F else 12      # a closed year without entries: the plan
                planned_pay = [0] * 12
                if closed < 12 or act.contributions is None:
                    # 14.6.10: a schedule is needed only where a non-zero amount is split.
                    for m in members:
                        planned_pay = [a + b for a, b in zip(
                            planned_pay, self.payments(m.index, y, finals[y][m.index]))]
                planned_in = list(planned_pay)
                for line in lines:
                    planned_in = [a + b for a, b in
                                  zip(planned_in, self.even_months(line.amounts.get(y, 0)))]
                planned_out = [0] * 12
                for iv in plan.interventions:
                    if (iv.index, y) not in months:
                        raise Skip()
                    planned_out = [a + b for a, b in zip(planned_out, months[iv.index, y])]
                actual_in = actual_out = None
                if closed:
                    actual_out = [0] * 12
                    for iv in plan.interventions:
                        actual_out = [a + b for a, b in
                                      zip(actual_out, self.actual_cost_months(iv, y))]
                    actual_in = [0] * 12
                    for line in lines:
                        actual_in = [a + b for a, b in zip(actual_in, self.booked_months(
                            act.income.get(line.index), y, self.even_months))]
                    if act.contributions is None:
                        paid = planned_pay
                    else:
                        paid = [0] * 12
                        for m in members:
                            paid = [a + b for a, b in zip(paid, self.booked_months(
                                act.contributions.get(m.index), y,
                                lambda a, k=m.index: self.payments(k, y, a)))]
                    actual_in = [a + b for a, b in zip(actual_in, paid)]
                if y == F and T < 12:
                    # 14.4: the forecast's difference D over the months after T.
                    for iv in plan.interventions:
                        if iv.index not in figures:
                            raise Skip()
                        B, btd, atd, forecast = figures[iv.index]
                        d = forecast - atd - (B - btd)
                        planned_out = [a + b for a, b in zip(planned_out, self.spread_by_profile(
                            d, [iv.profile, plan.profile], y, first_month=T))]
                per_year[y] = (closed, planned_in, planned_out, actual_in, actual_out)
            except Fail as f:
                self.record(f)
            except Skip:
                pass
        if len(per_year) != len(years) or self.problems:
            return None
        out_months, out_quarters = {}, {}
        cash = liq.opening
        try:
            for y in years:
                closed, planned_in, planned_out, actual_in, actual_out = per_year[y]
                low = None
                for m in range(12):
                    inn = actual_in[m] if m < closed else planned_in[m]
                    out = actual_out[m] if m < closed else planned_out[m]
                    check_limit(inn, "/liquidity", f"cash in of {y}-{m + 1:02d}")
                    check_limit(out, "/liquidity", f"cash out of {y}-{m + 1:02d}")
                    cash = check_limit(cash + inn - out, "/liquidity",
                                       f"cash at the end of {y}-{m + 1:02d}")
                    key = f"{y:04d}-{m + 1:02d}"
                    out_months[key] = {"in": inn, "out": out, "cash_end": cash}
                    if cash < liq.minimum and (low is None or cash < low[1]):
                        low = (low[0] if low else key, cash)
                    q = f"{y:04d}-Q{m // 3 + 1}"
                    row = out_quarters.setdefault(q, {"in": 0, "out": 0, "cash_end": 0})
                    row["in"] = check_limit(row["in"] + inn, "/liquidity", f"cash in of {q}")
                    row["out"] = check_limit(row["out"] + out, "/liquidity", f"cash out of {q}")
                    row["cash_end"] = cash
                if low is not None:
                    lowest = min(out_months[f"{y:04d}-{m + 1:02d}"]["cash_end"]
                                 for m in range(12))
                    self.warn("cash_below_minimum", "/liquidity",
                              f"cash falls below the minimum {format_ore(liq.minimum)} in {low[0]}; "
                              f"the lowest balance of {y} is {format_ore(lowest)}")
        except Fail as f:
            self.record(f)
            return None
        return {"months": out_months, "quarters": out_quarters}

    # -- the whole evaluation -------------------------------------------------------------------
    def run(self):
        plan = self.plan
        years = list(plan.years)
        members = plan.members
        n = len(members)

        # 1. Intervention amounts, costs and other income (section 13).
        amounts = {}
        for iv in plan.interventions:
            self.item_warnings(iv)
            try:
                amounts[iv.index] = self.intervention_amounts(iv)
            except Fail as f:
                self.record(f)
        costs, income = {}, {}
        for y in years:
            if len(amounts) == len(plan.interventions):
                total = sum(amounts[iv.index][y] for iv in plan.interventions)
                try:
                    costs[y] = check_limit(total, "/interventions", f"costs of {y}")
                except Fail as f:
                    self.record(f)
            try:
                income[y] = check_limit(sum(line.amounts.get(y, 0) for line in plan.income or []),
                                        "/income", f"income of {y}")
            except Fail as f:
                self.record(f)

        # 2. Frame: preliminary and final contributions.
        contribs, finals, frame_paths = {}, {}, {}
        adjust = {y: [0] * n for y in years}
        for year, k, amount, _path in plan.adjustments:
            adjust[year][k] += amount
        for y in years:
            try:
                frame_paths[y] = self.frame_entry(y).path
                contribs[y] = self.contributions(y, costs.get(y), income.get(y))
            except Fail as f:
                self.record(f)
                continue
            except Skip:
                continue
            try:
                finals[y] = [check_limit(c + a, "/adjustments", f"final contribution in {y}")
                             for c, a in zip(contribs[y], adjust[y])]
                check_limit(sum(finals[y]), frame_paths[y], f"final frame of {y}")
            except Fail as f:
                self.record(f)
                finals.pop(y, None)

        # 3. Allocations.
        allocations = {}
        for iv in plan.interventions:
            if iv.index not in amounts:
                continue
            for y in years:
                if y not in finals:
                    continue
                try:
                    allocations[iv.index, y] = self.allocate(iv, y, amounts[iv.index][y],
                                                             finals[y], frame_paths[y])
                except Fail as f:
                    self.record(f)

        # 4. Totals and the equity chain (section 8, 12.15-12.17, 12.24, 13).
        totals = self.totals(years, costs, income, finals, frame_paths)

        # 5. Months (14.1), the follow-up (14.3) and liquidity (14.4).
        months = {}
        if plan.has_profile or plan.actuals is not None or plan.liquidity is not None:
            for iv in plan.interventions:
                if iv.index not in amounts:
                    continue
                for y in years:
                    try:
                        months[iv.index, y] = self.monthly_budget(iv, y, amounts[iv.index][y])
                    except Fail as f:
                        self.record(f)
        follow, figures = None, {}
        if plan.actuals is not None:
            follow, figures = self.follow_up(amounts, months, finals, frame_paths, totals)
        liquidity = None
        if plan.liquidity is not None:
            liquidity = self.liquidity(years, months, finals, figures)

        if self.problems:
            raise RefPlanError(self.problems)
        return self.report(years, amounts, costs, income, contribs, adjust, finals, allocations,
                           totals, follow, liquidity)

    def totals(self, years, costs, income, finals, frame_paths):
        """Per year: costs, contributions, income (with `income`), result, equity_end (with
        `equity`: 12.24, equity is not computed otherwise)."""
        plan = self.plan
        totals = {}
        equity = plan.equity["opening"] if plan.equity is not None else None
        for y in years:
            if y not in finals or y not in costs or y not in income:
                return totals
            try:
                contributions = check_limit(sum(finals[y]), frame_paths[y],
                                            f"contributions of {y}")
                result = check_limit(contributions + income[y] - costs[y], frame_paths[y],
                                     f"result of {y}")
                t = {"costs": costs[y], "contributions": contributions}
                if plan.income is not None:
                    t["income"] = income[y]
                t["result"] = result
                if equity is not None:
                    equity = check_limit(equity + result, "/equity", f"equity at the end of {y}")
                    t["equity_end"] = equity
            except Fail as f:
                self.record(f)
                return totals
            totals[y] = t
        return totals

    def report(self, years, amounts, costs, income, contribs, adjust, finals, allocations,
               totals, follow, liquidity):
        plan = self.plan
        members = plan.members

        # Warnings: equity (12.16), checks (12.17, 14.6.2, 17), thousands (14.6.3).
        for y in years:
            t = totals[y]
            if plan.equity is not None:
                equity, contributions = t["equity_end"], t["contributions"]
                if equity < 0:
                    self.warn("equity_negative", "/equity",
                              f"equity at the end of {y} is {format_ore(equity)}")
                guideline = plan.equity["guideline"]
                if guideline is not None and equity > Fraction(contributions) * guideline / 100:
                    self.warn("equity_above_guideline", "/equity/guideline_percent",
                              f"equity at the end of {y} is {format_ore(equity)}, above "
                              f"{format_fraction(guideline)} % of the year's final contributions "
                              f"({format_ore(contributions)})")
            for key, kind, stated, path in plan.checks.get(y, []):
                if kind is not None:
                    computed = sum(amounts[iv.index][y] for iv in plan.interventions
                                   if iv.kind == kind)
                    what = f"costs of kind {kind} {y}"
                elif key == "income":
                    computed, what = income[y], f"income {y}"    # 14.6.2: 0 without income
                else:
                    computed, what = t[key], f"{key} {y}"
                if stated != computed:
                    self.warn("stated_total_mismatch", path,
                              mismatch_message(what, stated, computed))
        for iv in plan.interventions:
            for y, stated in sorted(iv.checks.items()):
                computed = amounts[iv.index][y]
                if stated != computed:
                    has_items = any(y in item for item in iv.items)
                    self.warn("items_sum_mismatch" if has_items else "stated_total_mismatch",
                              pointer(iv.path, "checks", y),
                              mismatch_message(f"amount {y}", stated, computed))
        for path, text in plan.thousands:
            self.warn("possible_thousands_separator", path,
                      f"\"{text}\" is read as a decimal ({text} in the plan's amount_unit); "
                      f"if a thousands separator was meant, write \"{text.replace('.', '')}\"")

        # The result (section 10, 13, 14.3, 14.4).
        out_members = []
        for m in members:
            k = m.index
            share, contribution, adjustment, final, cost_share = {}, {}, {}, {}, {}
            for y in years:
                s = str(y)
                frame_sum = sum(finals[y])
                share[s] = "0" if frame_sum == 0 else format_percent6(
                    Fraction(100 * finals[y][k], frame_sum))
                contribution[s] = format_ore(contribs[y][k])
                adjustment[s] = format_ore(adjust[y][k])
                final[s] = format_ore(finals[y][k])
                cost_share[s] = format_ore(sum(allocations[iv.index, y][k]
                                               for iv in plan.interventions))
            out_members.append({"id": m.id, "name": m.name, "share": share,
                                "contribution": contribution, "adjustment": adjustment,
                                "final_contribution": final, "cost_share": cost_share})
        out_interventions = []
        for iv in plan.interventions:
            out_interventions.append({
                "id": iv.id, "name": iv.name, "kind": iv.kind,
                "amount": {str(y): format_ore(amounts[iv.index][y]) for y in years},
                "allocation": {str(y): {m.id: format_ore(a) for m, a in
                                        zip(members, allocations[iv.index, y])} for y in years},
            })
        result = {
            "format": "finsam-result/1",
            "name": plan.name,
            "years": years,
            "members": out_members,
            "interventions": out_interventions,
        }
        if plan.income is not None:
            result["income"] = [{"id": line.id, "name": line.name,
                                 "amount": {str(y): format_ore(line.amounts.get(y, 0))
                                            for y in years}} for line in plan.income]
        result["totals"] = {str(y): {k: format_ore(v) for k, v in totals[y].items()}
                            for y in years}
        if follow is not None:
            result["follow_up"] = format_follow_up(follow, members)
        if liquidity is not None:
            result["liquidity"] = {part: {key: {k: format_ore(v) for k, v in row.items()}
                                          for key, row in rows.items()}
                                   for part, rows in liquidity.items()}
        result["warnings"] = self.warnings
        return result


def format_follow_up(fu, members):
    """The follow_up object of 14.3 with amounts as decimal strings."""
    amount_keys = ("budget", "budget_to_date", "actual_to_date", "deviation_to_date", "forecast",
                   "forecast_deviation")
    ivs = []
    for row in fu["interventions"]:
        out = {"id": row["id"], "forecast_rule": row["forecast_rule"]}
        out.update({k: format_ore(row[k]) for k in amount_keys})
        out["months"] = {key: {k: format_ore(v) for k, v in m.items()}
                         for key, m in row["months"].items()}
        out["forecast_allocation"] = {m.id: format_ore(a)
                                      for m, a in zip(members, row["forecast_allocation"])}
        ivs.append(out)
    totals = {k: (format_ore(v) if k != "forecast_equity_end" else
                  {str(y): format_ore(e) for y, e in v.items()})
              for k, v in fu["totals"].items()}
    return {
        "year": fu["year"], "through": fu["through"],
        "interventions": ivs,
        "members": [{k: (v if k == "id" else format_ore(v)) for k, v in row.items()}
                    for row in fu["members"]],
        "income": [{k: (v if k == "id" else format_ore(v)) for k, v in row.items()}
                   for row in fu["income"]],
        "totals": totals,
        "history": {str(y): {"costs": {i: format_ore(a) for i, a in h["costs"].items()},
                             "total_costs": format_ore(h["total_costs"])}
                    for y, h in fu["history"].items()},
    }


def mismatch_message(what, stated, computed, computed_label="computed"):
    """12.17: stated and computed figures and the difference (stated − computed)."""
    return (f"{what}: stated {format_ore(stated)}, {computed_label} {format_ore(computed)}, "
            f"difference {format_ore(stated - computed)}")


# ---------------------------------------------------------------------------------------------
# Plans with variants (section 9, 12.18)
# ---------------------------------------------------------------------------------------------

def evaluate_plan_doc(doc):
    """Evaluate one plan document (no variant handling); raises RefPlanError."""
    try:
        plan = read_plan(doc)
        return Evaluation(plan).run()
    except RecursionError:
        raise RefPlanError([("", "nesting too deep")])


def evaluate_all(doc):
    """Evaluate the base plan and every variant: returns (base, {name: result}).
    Raises RefPlanError with every problem (variants' messages prefixed)."""
    problems = []
    base_result = None
    try:
        base_result = evaluate_plan_doc(doc)
    except RefPlanError as e:
        problems += e.problems
    results = {}
    if isinstance(doc, dict) and isinstance(doc.get("variants"), dict):
        base = {k: v for k, v in doc.items() if k != "variants"}
        for name, patch in doc["variants"].items():
            if isinstance(patch, dict) and patch.get("variants") is not None:
                continue                                 # already reported by the reader
            try:
                patched = merge_variant(base, patch)
                results[name] = evaluate_plan_doc(patched)
            except RecursionError:
                problems.append(("", f'variant "{name}": nesting too deep'))
            except RefPlanError as e:
                problems += [(p, f'variant "{name}": {m}') for p, m in e.problems]
    if problems:
        raise RefPlanError(problems)
    return base_result, results


def evaluate_obj(obj, variant=None):
    """Evaluate a parsed plan (Num-wrapped numbers, or plain Python ints/Decimals)."""
    try:
        doc = _from_python(obj)
    except RecursionError:
        raise RefPlanError([("", "nesting too deep")])
    return _pick(evaluate_all(doc), variant)


def _pick(evaluated, variant):
    base, results = evaluated
    if variant is None:
        return base
    if variant not in results:
        raise RefPlanError([("/variants", f'no variant named "{variant}"')])
    return results[variant]


def evaluate_bytes(data, variant=None):
    return _pick(evaluate_all(load_json_bytes(data)), variant)


def evaluate_file(path, variant=None):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise RefPlanError([("", f"cannot read file: {e.strerror}")])
    return evaluate_bytes(data, variant)


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------

USAGE = "usage: finsam_ref.py plan FILE [--variant NAME] [--format text|json]"


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "plan":
        print(USAGE, file=sys.stderr)
        return 64
    args = args[1:]
    file = variant = None
    fmt = "text"
    while args:
        a = args.pop(0)
        if a in ("--variant", "--format") and args:
            value = args.pop(0)
            if a == "--variant":
                variant = value
            elif value in ("text", "json"):
                fmt = value
            else:
                print(USAGE, file=sys.stderr)
                return 64
        elif file is None and not a.startswith("--"):
            file = a
        else:
            print(USAGE, file=sys.stderr)
            return 64
    if file is None:
        print(USAGE, file=sys.stderr)
        return 64
    try:
        result = evaluate_file(file, variant)
    except RefPlanError as e:
        if fmt == "json":
            print(json.dumps({"errors": [{"path": p, "message": m} for p, m in e.problems]},
                             indent=2, ensure_ascii=False))
        else:
            for p, m in e.problems:
                print(f"{file}:{p}: {m}")
        return 2
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

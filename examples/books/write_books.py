"""Write examples/books/sodra-dalarna-2011.se: the books of Södra Dalarna 2010 and 2011 through
August, as Visma Administration exports them (SIE 4, CP437, CRLF), whose vouchers carry exactly
the actuals of the follow-up example plan (README.md beside this file says how).

    /usr/bin/python3 examples/books/write_books.py examples/sodra-dalarna-2011-uppfoljning.json \
        examples/books/sodra-dalarna-2011.se

Each month's actual of an intervention is split into salary, employer's fees (31.42 %) and
supplier invoices on the accounts and objects the plan's `accounting` block maps; members'
payments, ESF and interest are receipts on their accounts. Only needed again when the plan's
actuals change: tests/cli/test_actuals.py checks that the file read through the plan gives them."""
import json
import sys
from collections import OrderedDict, defaultdict
from decimal import Decimal

plan_path, out_path = sys.argv[1], sys.argv[2]
plan = json.load(open(plan_path, encoding="utf-8"), object_pairs_hook=OrderedDict)
act = plan["actuals"]

D = Decimal
C2 = D("0.01")
MONTHS_SV = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
             "november", "december"]
DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def r100(x):
    return (D(x) / 100).quantize(D(1), rounding="ROUND_HALF_UP") * 100


def r2(x):
    return D(x).quantize(C2, rounding="ROUND_HALF_UP")


def amt(a):
    return f"{D(a):.2f}"


ADMIN = '{1 "100"}'
SHP_AV = '{1 "210" 6 "601"}'
SHP_HE = '{1 "220" 6 "601"}'
KVOH = '{1 "300" 6 "602"}'
SOCF = '{1 "300" 6 "603"}'

vouchers = []  # (date, series, text, regdate, rows); rows: (label, account, objects, amount, transdat, text)


def add(date, series, text, rows, reg=None):
    total = sum(D(r[3]) for r in rows if r[0] != "#BTRANS" and r[0] != "#RTRANS")
    assert total == 0, (date, text, total)
    vouchers.append((date, series, text, reg or date, rows))


def month_keys(kind, id_):
    return {k: D(v) for k, v in act.get(kind, {}).get(id_, {}).items()}


months = [(2010, m) for m in range(1, 13)] + [(2011, m) for m in range(1, 9)]
admin = month_keys("costs", "vt-administration")
shp = month_keys("costs", "sammanhangsplatser")
kvoh = month_keys("costs", "kvinnors-ohalsa")
socf = month_keys("costs", "sociala-foretag")

for (y, m) in months:
    key = f"{y}-{m:02d}"
    mname = f"{MONTHS_SV[m - 1]} {y}"
    last = f"{y}{m:02d}{DAYS[m - 1]:02d}"
    # --- salaries (L, the 25th): the förbundskansli and the sammanhangsplatser
    staff = []  # (objects, salary, fees)
    invoices = []  # (day, supplier text, [(account, objects, amount, text)], transdat)
    if key in admin:
        T = admin[key]
        S = r100(T * D("0.45" if m == 7 else "0.56"))
        F = r2(S * D("0.3142"))
        tel = D(1000) + D((y * 12 + m) * 1237 % 40000) / 100
        rent = D(8500)
        rest = T - S - F - rent - tel
        assert rest > 0, (key, rest)
        staff.append((ADMIN, S, F))
        invoices.append((5, "Avesta Fastigheter, hyra " + MONTHS_SV[m - 1], [("5010", ADMIN, rent, "Lokalhyra kansli")], None))
        office = D(600) + D((y * 12 + m) * 4111 % 30000) / 100
        invoices.append((12, "Office Depot, kontorsmaterial", [("6110", ADMIN, office, "Kontorsmaterial och porto")], None))
        invoices.append((16, "Avesta kommun, ekonomi- och IT-tjänster " + MONTHS_SV[m - 1],
                         [("6550", ADMIN, rest - office, "Ekonomiadministration och IT enligt avtal")], None))
        invoices.append(("next", "TeliaSonera, telefoni " + MONTHS_SV[m - 1], [("6212", ADMIN, tel, "Telefoni " + MONTHS_SV[m - 1])], last))
    if key in shp:
        T = shp[key]
        if (y, m) >= (2011, 6):
            av = r100(T * D("0.57"))
            sites = [(SHP_AV, av, D(9000), "Avesta"), (SHP_HE, T - av, D(7000), "Hedemora")]
        else:
            sites = [(SHP_AV, T, D(9000), "Avesta")]
        for objs, site, rent, town in sites:
            S = r100(site * D("0.66"))
            F = r2(S * D("0.3142"))
            rest = site - S - F - rent
            assert rest > 0, (key, town, rest)
            staff.append((objs, S, F))
            invoices.append((6, f"Lokalhyra sammanhangsplats {town}", [("5010", objs, rent, f"Hyra SHP {town}")], None))
            invoices.append((18, f"Förbrukningsmaterial SHP {town}", [("5460", objs, rest, "Förbrukningsmaterial")], None))
    if key in kvoh:
        T = kvoh[key]
        fee = r100(T * D("0.8"))
        invoices.append((20, "Psykologkonsult, kvinnors ohälsa", [("6550", KVOH, fee, "Konsultarvode psykolog"),
                                                                 ("5810", KVOH, T - fee, "Resor och studiematerial")], None))
    if key in socf:
        T = socf[key]
        mat = min(D(1800), r100(T * D("0.1")))
        if key == "2011-03":
            mat = D(1200)  # booked on the kansli first, moved to the project (#BTRANS/#RTRANS)
        invoices.append((14, "Folkuniversitetet, kurser sociala företag", [("4010", SOCF, T - mat, "Köpta kurser")], None))
        invoices.append((22, "Kursmaterial sociala företag", [("5460", SOCF, mat, "Kursmaterial")], None))

    if staff:
        gross = sum(s for _, s, _ in staff)
        fees = sum(f for _, _, f in staff)
        tax = r2(gross * D("0.30"))
        rows = []
        for objs, s, f in staff:
            rows.append(("#TRANS", "7210", objs, s, "", "Löner"))
            rows.append(("#TRANS", "7510", objs, f, "", "Arbetsgivaravgifter"))
        rows.append(("#TRANS", "2710", "{}", -tax, "", "Personalskatt"))
        rows.append(("#TRANS", "2731", "{}", -fees, "", "Avräkning sociala avgifter"))
        rows.append(("#TRANS", "1930", "{}", -(gross - tax), "", "Nettolöner"))
        add(f"{y}{m:02d}25", "L", f"Lön {mname}", rows)
        # the tax account pays the withheld tax and the fees on the 12th of the month after
    paid = D(0)
    for day, text, lines, transdat in invoices:
        if day == "next":
            if (y, m) == (2011, 8):
                d = last  # the August bill is booked at the end of August
            else:
                ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
                d = f"{ny}{nm:02d}03"
        else:
            d = f"{y}{m:02d}{day:02d}"
        total = sum(a for _, _, a, _ in lines)
        rows = [("#TRANS", acc, objs, a, transdat or "", t) for acc, objs, a, t in lines]
        if key == "2011-03" and lines[0][1] == SOCF and lines[0][0] == "5460":
            rows = [("#BTRANS", "5460", ADMIN, lines[0][2], "", "Kursmaterial", '0 "EK"'),
                    ("#RTRANS", "5460", SOCF, lines[0][2], "", "Kursmaterial, rättat till projekt 603"),
                    ("#TRANS", "5460", SOCF, lines[0][2], "", "Kursmaterial, rättat till projekt 603")]
        rows.append(("#TRANS", "2440", "{}", -total, "", ""))
        add(d, "D", text, rows, reg=d)

# supplier payments: at the end of each month, the invoices registered that month
by_month = defaultdict(D)
for date, series, text, reg, rows in vouchers:
    if series == "D":
        by_month[date[:6]] += -sum(D(r[3]) for r in rows if r[1] == "2440")
for ym in sorted(by_month):
    y, m = int(ym[:4]), int(ym[4:])
    total = by_month[ym]
    add(f"{ym}28", "E", f"Leverantörsbetalningar {MONTHS_SV[m - 1]} {y}",
        [("#TRANS", "2440", "{}", total, "", ""), ("#TRANS", "1930", "{}", -total, "", "")])
# the tax account: withheld tax and fees of the month's salaries, paid on the 12th of the next month
for date, series, text, reg, rows in list(vouchers):
    if series != "L":
        continue
    y, m = int(date[:4]), int(date[4:6])
    ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
    if (ny, nm) > (2011, 8):
        continue
    tax = -sum(D(r[3]) for r in rows if r[1] == "2710")
    fees = -sum(D(r[3]) for r in rows if r[1] == "2731")
    add(f"{ny}{nm:02d}12", "E", f"Skattekontot, skatt och avgifter {MONTHS_SV[m - 1]} {y}",
        [("#TRANS", "2710", "{}", tax, "", ""), ("#TRANS", "2731", "{}", fees, "", ""),
         ("#TRANS", "1930", "{}", -(tax + fees), "", "")])

# receipts (C): members' contributions, ESF, interest
members = {m["id"]: m["name"] for m in plan["members"]}
contribution_account = {"fk": "3011", "region": "3012", "avesta": "3013", "hedemora": "3014"}
for mid, months_ in act["contributions"].items():
    for k, v in months_.items():
        y, m = int(k[:4]), int(k[5:])
        add(f"{y}{m:02d}15", "C", f"Medlemsbidrag {members[mid].split(' (')[0]}",
            [("#TRANS", "1930", "{}", D(v), "", ""), ("#TRANS", contribution_account[mid], "{}", -D(v), "", "")])
for k, v in act["income"]["esf"].items():
    y, m = int(k[:4]), int(k[5:])
    add(f"{y}{m:02d}20", "C", "ESF-rådet, utbetalning medfinansiering Sammanhangsplatser",
        [("#TRANS", "1930", "{}", D(v), "", ""), ("#TRANS", "3930", '{6 "601"}', -D(v), "", "")])
for k, v in act["income"]["ranta"].items():
    y, m = int(k[:4]), int(k[5:])
    add(f"{y}{m:02d}30", "C", "Ränta företagskonto första halvåret",
        [("#TRANS", "1930", "{}", D(v), "", ""), ("#TRANS", "8310", "{}", -D(v), "", "")])

vouchers.sort(key=lambda v: (v[0][:4], v[1], v[0]))
number = defaultdict(int)

ACCOUNTS = [
    ("1930", "Företagskonto", "T"), ("2440", "Leverantörsskulder", "S"), ("2710", "Personalskatt", "S"),
    ("2731", "Avräkning lagstadgade sociala avgifter", "S"),
    ("3011", "Medlemsbidrag Försäkringskassan", "I"), ("3012", "Medlemsbidrag Landstinget Dalarna", "I"),
    ("3013", "Medlemsbidrag Avesta kommun", "I"), ("3014", "Medlemsbidrag Hedemora kommun", "I"),
    ("3930", "Bidrag från ESF-rådet", "I"), ("4010", "Köpta tjänster, kurser", "K"),
    ("5010", "Lokalhyra", "K"), ("5460", "Förbrukningsmaterial", "K"), ("5810", "Resor", "K"),
    ("6110", "Kontorsmaterial", "K"), ("6212", "Mobiltelefon och telefoni", "K"),
    ("6550", "Konsultarvoden", "K"), ("7210", "Löner till tjänstemän", "K"),
    ("7510", "Arbetsgivaravgifter", "K"), ("8310", "Ränteintäkter från omsättningstillgångar", "I"),
]
OBJECTS = [(1, "100", "Förbundskansli"), (1, "210", "Sammanhangsplats Avesta"), (1, "220", "Sammanhangsplats Hedemora"),
           (1, "300", "Insatser och projekt"), (6, "601", "Sammanhangsplatser (ESF)"),
           (6, "602", "Kvinnors ohälsa"), (6, "603", "Sociala företag")]

res = defaultdict(D)  # (year index, account) -> sum
for date, series, text, reg, rows in vouchers:
    for label, acc, objs, a, transdat, t, *_ in rows:
        if label == "#BTRANS" or label == "#RTRANS" or int(acc) < 3000:
            continue
        year = int((transdat or date)[:4])
        res[(0 if year == 2011 else -1, acc)] += D(a)


def q(s):
    return '"' + s.replace('"', '\\"') + '"'


out = ["#FLAGGA 0", '#PROGRAM "Visma Administration 2000" 2011.10', "#FORMAT PC8", "#GEN 20110907 Ekonomi",
       "#SIETYP 4", '#FNAMN "Södra Dalarnas samordningsförbund"', "#RAR 0 20110101 20111231",
       "#RAR -1 20100101 20101231", "#OMFATTN 20110831", "#KPTYP BAS2010", "#VALUTA SEK",
       '#DIM 1 "Kostnadsställe"', '#DIM 6 "Projekt"']
for d, o, name in OBJECTS:
    out.append(f"#OBJEKT {d} {q(o)} {q(name)}")
for acc, name, typ in ACCOUNTS:
    out.append(f"#KONTO {acc} {q(name)}")
    out.append(f"#KTYP {acc} {typ}")
for (yi, acc) in sorted(res, key=lambda k: (-k[0], k[1])):
    out.append(f"#RES {yi} {acc} {amt(res[(yi, acc)])}")
for date, series, text, reg, rows in vouchers:
    number[(date[:4], series)] += 1
    out.append(f"#VER {series} {number[(date[:4], series)]} {date} {q(text)} {reg}")
    out.append("{")
    for label, acc, objs, a, transdat, t, *more in rows:
        line = f"   {label} {acc} {objs} {amt(a)}"
        if transdat or t:
            line += f" {transdat or q('')} {q(t)}"
        if more:
            line += " " + more[0]
        out.append(line)
    out.append("}")

text = "\r\n".join(out) + "\r\n"
open(out_path, "wb").write(text.encode("cp437"))
print(len(vouchers), "vouchers,", sum(len(v[4]) for v in vouchers), "rows", file=sys.stderr)

"""Read the budget tables back from CSV and XLSX and check that every Summa equals its rows.

Used by test_tables_readback.py. Standard library plus openpyxl (Debian python3-openpyxl).
Numbers are read exactly (Decimal) from CSV; from XLSX they are the stored doubles, compared
after rounding to the display decimals.
"""

import csv
import io
import os
import re
from decimal import Decimal

SUMMA = ("Summa", "Total")


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------

def read_csv(path, lang):
    """(header, rows, notes): rows until the first empty line, then the footnote/warning lines."""
    with open(path, encoding="utf-8-sig" if lang == "sv" else "utf-8", newline="") as f:
        text = f.read()
    if lang == "sv":
        with open(path, "rb") as f:
            assert f.read(3) == b"\xef\xbb\xbf", f"{path}: Swedish CSV without a byte order mark"
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), f"{path}: lines must end with CRLF"
    lines = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "sv" else ","))
    header, body = lines[0], lines[1:]
    rows, notes = [], []
    for i, line in enumerate(body):
        if not line or line == [""]:
            notes = [x[0] for x in body[i + 1:] if x]
            break
        assert len(line) == len(header), f"{path}: row {line} has {len(line)} fields, the header {len(header)}"
        rows.append(line)
    return header, rows, notes


def number(text, lang):
    """A CSV number: no thousands grouping, decimal comma (sv) or point (en); '' is None."""
    if text == "":
        return None
    if lang == "sv":
        assert "." not in text, f"Swedish CSV number with a point: {text!r}"
        text = text.replace(",", ".")
    else:
        assert "," not in text, f"English CSV number with a comma: {text!r}"
    assert re.fullmatch(r"-?\d+(\.\d+)?", text), f"not a plain number: {text!r}"
    return Decimal(text)


def is_summa(label):
    return label.startswith(SUMMA)


def check_csv_table(path, lang, unit):
    """Check one CSV table by its kind (from the file name); returns the number of sums checked."""
    name = os.path.basename(path)
    kind = re.sub(r"^(scenario-.+-)?\d+-", "", name[:-4])
    header, rows, _ = read_csv(path, lang)
    amount_cols = [c for c, h in enumerate(header) if h.endswith(f"({unit})")]
    percent_cols = [c for c, h in enumerate(header) if h.endswith("(%)")]
    assert amount_cols, f"{path}: no amount columns in {header}"
    numeric = set(amount_cols) | set(percent_cols)  # the others are labels (Månad, Underlag, …)
    val = [[number(x, lang) if c in numeric else x for c, x in enumerate(r)] for r in rows]
    checks = 0

    def eq(a, b, what):
        nonlocal checks
        checks += 1
        assert a == b, f"{path}: {what}: shown {a}, its rows sum to {b}"

    def col_sum(rs, c):
        return sum((val[r][c] or Decimal(0)) for r in rs)

    if kind == "financing":
        data = list(range(len(rows) - 1))
        assert is_summa(rows[-1][0])
        for c in amount_cols + percent_cols:
            eq(val[-1][c], col_sum(data, c), f"Summa of column {header[c]}")
        for c, h in enumerate(header):
            m = re.match(r"(Slutlig|Final) (\d{4})", h)
            if m:
                p = header.index(next(x for x in header if re.match(rf"(Preliminär|Preliminary) {m.group(2)}", x)))
                a = header.index(next(x for x in header if re.match(rf"(Justering|Adjustment) {m.group(2)}", x)))
                for r in range(len(rows)):
                    eq(val[r][c], val[r][p] + val[r][a], f"row {rows[r][0]}: final = preliminary + adjustment")
    elif kind == "costs":
        group_rows, group_sums, data_all = [], [], []
        for r, row in enumerate(rows):
            numbers = [val[r][c] for c in amount_cols]
            if all(x is None for x in numbers):        # a group heading
                group_rows = []
            elif is_summa(row[0]) and r == len(rows) - 1:  # the total
                parts = group_sums if group_sums else data_all
                for c in amount_cols:
                    eq(val[r][c], col_sum(parts, c), f"total {header[c]}")
            elif is_summa(row[0]):
                for c in amount_cols:
                    eq(val[r][c], col_sum(group_rows, c), f"{row[0]} {header[c]}")
                group_sums.append(r)
            else:
                group_rows.append(r)
                data_all.append(r)
        assert is_summa(rows[-1][0])
    elif kind == "distribution":
        s = next(r for r, row in enumerate(rows) if is_summa(row[0]))
        members, total_col = amount_cols[:-1], amount_cols[-1]
        for r in range(len(rows)):
            if r == s:
                continue
            eq(val[r][total_col], sum(val[r][c] for c in members), f"row {rows[r][0]} across the members")
        for c in amount_cols:
            eq(val[s][c], col_sum(range(s), c), f"Summa {header[c]}")
            if len(rows) > s + 1:
                eq(val[s][c], col_sum(range(s + 1, len(rows)), c), f"parts of Summa {header[c]}")
    elif kind == "result":
        at = {row[0]: r for r, row in enumerate(rows)}

        def find(*labels):
            return next((at[x] for x in labels if x in at), None)
        contrib = find("Bidrag från huvudmännen", "Contributions from the members")
        income = find("Övriga intäkter", "Other income")
        cost = find("Kostnader", "Costs")
        result = find("Årets resultat", "Result for the year")
        start = find("Eget kapital vid årets början", "Equity at the start of the year")
        end = find("Eget kapital vid årets slut", "Equity at the end of the year")
        for c in amount_cols:
            if val[result][c] is None:  # an actual without the contributions received
                continue
            other = val[income][c] if income is not None else 0
            eq(val[result][c], val[contrib][c] + other - val[cost][c], f"result {header[c]}")
        if start is not None:
            previous = None  # the column of the previous plan year's budget
            for c in amount_cols:
                if val[end][c] is None:
                    continue
                eq(val[end][c], val[start][c] + val[result][c], f"equity at the end {header[c]}")
                if header[c].startswith(("Prognos", "Forecast")):
                    eq(val[start][c], val[start][previous], f"equity at the start {header[c]} (as budgeted)")
                    continue
                if previous is not None:
                    eq(val[start][c], val[end][previous], f"equity at the start {header[c]}")
                previous = c
    elif kind == "followup":
        b, bt, at_, dev, fc, fdev = amount_cols
        _, _, notes = read_csv(path, lang)
        # a deviation (or a Summa of the result rows) may yield its row relation only where the
        # footnote names it, "row, column" (docs/followup.md); its column still adds up
        yielded = set()
        for n in notes:
            for marker in ("på raden: ", "in the row: "):
                if n.startswith(("Avrundade var för sig", "Rounded on their own")) and marker in n:
                    yielded.update(n.split(marker, 1)[1].rstrip(".").split("; "))
        plain = {c: re.sub(r" \([^()]*\)$", "", header[c]) for c in amount_cols}

        def row_eq(r, c, a, b2, what):
            if f"{rows[r][0]}, {plain[c]}" not in yielded:
                eq(a, b2, what)
        costs_end = next(r for r, row in enumerate(rows) if row[0] in ("Summa kostnader", "Total costs"))
        group_rows, group_sums, data_all = [], [], []
        for r in range(costs_end + 1):
            numbers = [val[r][c] for c in amount_cols]
            if all(x is None for x in numbers):
                group_rows = []
                continue
            row_eq(r, dev, val[r][dev], val[r][bt] - val[r][at_], f"row {rows[r][0]}: deviation = budget to date − actual")
            row_eq(r, fdev, val[r][fdev], val[r][b] - val[r][fc], f"row {rows[r][0]}: forecast deviation = budget − forecast")
            if r == costs_end:
                for c in (b, bt, at_, dev, fc, fdev):
                    eq(val[r][c], col_sum(group_sums if group_sums else data_all, c), f"total {header[c]}")
            elif is_summa(rows[r][0]):
                for c in (b, bt, at_, dev, fc, fdev):
                    eq(val[r][c], col_sum(group_rows, c), f"{rows[r][0]} {header[c]}")
                group_sums.append(r)
            else:
                group_rows.append(r)
                data_all.append(r)
        income_end = next(r for r, row in enumerate(rows) if row[0] in ("Summa intäkter", "Total income"))
        income_rows = [r for r in range(costs_end + 2, income_end)]
        for r in income_rows:
            if val[r][dev] is not None:
                row_eq(r, dev, val[r][dev], val[r][at_] - val[r][bt], f"row {rows[r][0]}: deviation = actual − budget to date")
            if val[r][fdev] is not None:
                row_eq(r, fdev, val[r][fdev], val[r][fc] - val[r][b], f"row {rows[r][0]}: forecast deviation = forecast − budget")
        for c in (b, fc, fdev):
            eq(val[income_end][c], col_sum(income_rows, c), f"Summa intäkter {header[c]}")
        result = income_end + 1
        for c in (b, fc):
            row_eq(result, c, val[result][c], val[income_end][c] - val[costs_end][c], f"result {header[c]}")
        for r in range(income_end, len(rows)):
            row_eq(r, fdev, val[r][fdev], val[r][fc] - val[r][b], f"row {rows[r][0]}: forecast deviation")
    elif kind in ("liquidity", "liquidity-quarters"):
        cin, cout, cash = amount_cols
        _, _, notes = read_csv(path, lang)
        # the chain may yield only in the rows a footnote names (docs/followup.md)
        unchained = " ".join(n for n in notes if n.startswith(("Kassan är det exakta", "The cash is the exact")))
        period, previous = [], None
        for r, row in enumerate(rows):
            if is_summa(row[0]):
                for c in (cin, cout):
                    eq(val[r][c], col_sum(period, c), f"{row[0]} {header[c]}")
                period = []
                continue
            if previous is not None and row[0] not in unchained:
                eq(val[r][cash], val[previous][cash] + val[r][cin] - val[r][cout], f"cash at the end of {row[0]}")
            period.append(r)
            previous = r
    elif kind == "final-frame":
        data = list(range(len(rows) - 1))
        for g in range(0, len(amount_cols), 3):
            p, a, f = amount_cols[g:g + 3]
            for c in (p, a, f):
                eq(val[-1][c], col_sum(data, c), f"Summa {header[c]}")
            for r in range(len(rows)):
                eq(val[r][f], val[r][p] + val[r][a], f"row {rows[r][0]}: final = preliminary + adjustment")
    elif kind == "allocation":  # finsam allocate: weight parts, previous, allocation, change
        data = list(range(len(rows) - 1))
        assert is_summa(rows[-1][0])
        support, population, weight = percent_cols[:3]
        previous, allocation, change = amount_cols
        for c in (support, population, weight, previous, allocation, change):
            eq(val[-1][c], col_sum(data, c), f"Summa of column {header[c]}")
        for r in range(len(rows)):
            eq(val[r][weight], val[r][support] + val[r][population], f"row {rows[r][0]}: weight = its parts")
            # (not the Summa: a förbund without a previous year has an allocation but no change)
            if val[r][previous] is not None and r < len(rows) - 1:
                eq(val[r][change], val[r][allocation] - val[r][previous], f"row {rows[r][0]}: change = allocation − previous")
    elif kind == "implied-frame":  # finsam allocate: the state's, the region's and the municipalities' parts
        data = list(range(len(rows) - 1))
        state, region, municipalities, frame = amount_cols
        for c in amount_cols:
            eq(val[-1][c], col_sum(data, c), f"Summa of column {header[c]}")
        for r in range(len(rows)):
            eq(val[r][frame], val[r][state] + val[r][region] + val[r][municipalities], f"row {rows[r][0]}: the frame = its parts")
    elif kind.startswith("compare-"):
        # Kostnader, Bidrag[, Övriga intäkter], Årets resultat[, Eget kapital]; then the members'
        # contributions and cost shares under two group headings. Columns: base, scenario, difference.
        _, _, notes = read_csv(path, lang)
        heads = [r for r, row in enumerate(rows) if all(val[r][c] is None for c in amount_cols)]
        assert len(heads) == 2, f"{path}: expected two group headings, found rows {heads}"
        contrib_rows = range(heads[0] + 1, heads[1])
        cost_rows = range(heads[1] + 1, len(rows))
        costs, contrib = 0, 1
        income = 2 if rows[2][0] in ("Övriga intäkter", "Other income") else None
        result = 3 if income is not None else 2
        base, scen, diff = amount_cols
        for c in (base, scen):
            if val[costs][c] is None:
                continue  # a year this side does not have
            eq(val[costs][c], col_sum(cost_rows, c), f"costs = Σ members' cost shares, {header[c]}")
            eq(val[contrib][c], col_sum(contrib_rows, c), f"contributions = Σ members', {header[c]}")
            inc = val[income][c] if income is not None else 0
            eq(val[result][c], val[contrib][c] + inc - val[costs][c], f"result = contributions + income − costs, {header[c]}")
        for r, row in enumerate(rows):
            if r in heads or val[r][base] is None or val[r][scen] is None:
                continue
            if val[r][diff] != val[r][scen] - val[r][base]:
                # allowed only where the footnote says the exact difference was rounded instead
                assert any(n.startswith(("Skillnaden är den exakta", "The difference is the exact")) and row[0] in n
                           for n in notes), f"{path}: row {row[0]}: difference {val[r][diff]} is not the scenario − base"
            else:
                checks += 1
    elif kind.startswith("items-"):
        assert is_summa(rows[-1][0])
        for c in amount_cols:
            eq(val[-1][c], col_sum(range(len(rows) - 1), c), f"Summa {header[c]}")
    else:
        raise AssertionError(f"{path}: unknown table {kind}")
    return checks


# ---------------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------------

REF = r"\$?[A-Z]{1,3}\$?\d+"


def cells_of(ws, arg):
    """The cells of 'B3', 'B3:B7' or 'B3:D3'."""
    if ":" in arg:
        return [c for row in ws[arg] for c in row]
    return [ws[arg]]


def evaluate(formula, ws_values):
    """Evaluate the formulas finsam writes: =SUM(ranges,…), =A+B, =A-B, =A, on cached values."""
    body = formula[1:]
    m = re.fullmatch(r"SUM\((.*)\)", body)
    if m:
        total = 0.0
        for arg in m.group(1).split(","):
            assert re.fullmatch(rf"{REF}(:{REF})?", arg), f"unexpected SUM argument {arg!r}"
            for c in cells_of(ws_values, arg):
                if c.value is None:
                    continue  # a blank (an item without an amount that year): 0 to SUM, as in Excel
                assert isinstance(c.value, (int, float)), f"{formula}: {c.coordinate} is {c.value!r}"
                total += c.value
        return total
    terms = re.findall(rf"([+-]?)({REF})", body)
    assert "".join(s + r for s, r in terms) == body, f"unexpected formula {formula!r}"
    total = 0.0
    for sign, ref in terms:
        v = ws_values[ref].value
        assert isinstance(v, (int, float)), f"{formula}: {ref} is {v!r}"
        total += -v if sign == "-" else v
    return total


def check_xlsx(path, decimals=0, lang="sv"):
    """Every formula's cached value is the formula over the cached values of its cells; every
    Summa row's amounts are formulas; numbers carry a '#,##0' or percent number format. Columns
    of text only (Likviditet's Underlag, an allocation's Begränsad) are left out.
    Returns the number of formulas checked."""
    import openpyxl
    wb_f = openpyxl.load_workbook(path)
    wb_v = openpyxl.load_workbook(path, data_only=True)
    amount_fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    percent_fmt = "0.0 %" if lang == "sv" else "0.0%"
    checked = 0
    for ws in wb_f.worksheets:
        wv = wb_v[ws.title]
        assert str(ws["A1"].value).startswith(("Tabell ", "Table ")), f"{ws.title}: no title in A1"
        header = [c.value for c in ws[2]]
        # text columns (the first, and e.g. Likviditet's Underlag): every cell text or empty
        body = []
        for row in ws.iter_rows(min_row=3):
            if row[0].value is None:
                break
            body.append(row)
        text_columns = {i for i in range(len(header))
                        if all(r[i].value is None or (isinstance(r[i].value, str) and not r[i].value.startswith("="))
                               for r in body)}
        for row in ws.iter_rows(min_row=3):
            label = row[0].value
            if label is None:
                break  # the empty row before the footnotes
            for i, c in enumerate(row[1:], start=1):
                v = c.value
                if v is None or i in text_columns:
                    continue
                if isinstance(v, str) and v.startswith("="):
                    cached = wv[c.coordinate].value
                    assert isinstance(cached, (int, float)), f"{ws.title}!{c.coordinate}: no cached value"
                    computed = evaluate(v, wv)
                    assert abs(computed - cached) < 1e-6, f"{ws.title}!{c.coordinate} {v}: cached {cached}, cells give {computed}"
                    checked += 1
                else:
                    assert isinstance(v, (int, float)), f"{ws.title}!{c.coordinate}: {v!r} is not a number"
                assert c.number_format in (amount_fmt, percent_fmt), f"{ws.title}!{c.coordinate}: format {c.number_format}"
                if c.number_format == amount_fmt:
                    assert abs(round(float(wv[c.coordinate].value), decimals) - wv[c.coordinate].value) < 1e-9, \
                        f"{ws.title}!{c.coordinate}: {wv[c.coordinate].value} is not a whole display step"
            if isinstance(label, str) and label.startswith(SUMMA) and row[0].row > 3:  # (row 3: nothing above to sum)
                for c, h in zip(row[1:], header[1:]):
                    is_change = isinstance(h, str) and h.startswith(("Förändring", "Change"))
                    is_percent = c.number_format == percent_fmt  # a share of its own row (Förbrukat), not a sum
                    if c.value is not None and not is_change and not is_percent and c.column - 1 not in text_columns:
                        assert isinstance(c.value, str) and c.value.startswith("="), \
                            f"{ws.title}!{c.coordinate}: the Summa {c.value!r} is not a formula"
    return checked


def dump_xlsx(path):
    """A text dump of a workbook for golden files: sheets, cells, formulas, formats, comments."""
    import openpyxl
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        out.append(f"## {ws.title}")
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                v = c.value
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
                line = f"{c.coordinate}\t{v}"
                if c.number_format != "General":
                    line += f"\t[{c.number_format}]"
                if c.font is not None and c.font.b:
                    line += "\tbold"
                if c.comment is not None:
                    line += f"\tcomment: {c.comment.text}"
                out.append(line)
    return "\n".join(out) + "\n"

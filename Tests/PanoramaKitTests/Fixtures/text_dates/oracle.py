"""Reference values for panorama's text and date functions, from Python's own behaviour.

Run: python3 oracle.py  (writes text_oracle.json and dates_oracle.json beside this script).

Text oracles: `in`/re.search (contains), str.startswith/re.match (starts_with),
str.endswith/re.search(...\\Z) (ends_with), str.replace/re.sub (replace, count=1 for first=),
re.search group 1 or group 0 (extract, as stringr's str_extract/str_match), str.lower/upper,
str.strip (trim), slicing s[start-1:stop] (substr, as R's substr), len (nchar), str.split/re.split
(split), NFKD without combining marks after casefold plus œ→oe, æ→ae, ’→' (fold), and
f"{x:,.Nf}" with the marks swapped (format).

Date oracles: date.isoweekday (weekday), dateutil.relativedelta (add_months: clamps to the
month's end as lubridate's %m+%), and months/years between as lubridate's
time_length(interval(a, b), unit): whole steps n from relativedelta, plus the days left over
divided by the days of the next step (a + n steps to a + (n ± 1) steps, an impossible day rolled
to the 1st of the next month as lubridate does). lubridate_spans.R checks these against R itself.
"""
import json, re, unicodedata
from datetime import date, datetime
from dateutil.relativedelta import relativedelta

texts = ["Ministère de l'Intérieur", "Éducation nationale", "SI-RH v2", "rapport.PDF", "  Armées\u00a0",
         "édition 14 (2024)", "a,,b,c", "Cœur", "Straße", "l’État", "", "ÉDUCATION", "ab12cd345"]
literal = ["Int", "ation", "é", ",", "", "RH", "14", "Éd"]
regexes = [r"\d+", r"^[A-Z]", r"(\d+)", r"[aeiou]{2}", r"\s+", r"[.]pdf", r"[Pp][Dd][Ff]", r"(\w+)-(\w+)", r"é"]

def fold(s):
    t = unicodedata.normalize("NFKD", s.casefold())
    t = "".join(c for c in t if not unicodedata.combining(c))
    for a, b in [("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("’", "'"), ("‘", "'"), ("\u00a0", " ")]:
        t = t.replace(a, b)
    return t

def extract(s, p):
    m = re.search(p, s)
    if not m: return None
    return m.group(1) if m.re.groups else m.group(0)

cases = []
for s in texts:
    for p in literal:
        cases.append({"fn": "contains", "x": s, "pattern": p, "regex": False, "expect": p in s})
        cases.append({"fn": "starts_with", "x": s, "pattern": p, "regex": False, "expect": s.startswith(p)})
        cases.append({"fn": "ends_with", "x": s, "pattern": p, "regex": False, "expect": s.endswith(p)})
        cases.append({"fn": "replace", "x": s, "pattern": p, "with": "_", "regex": False, "first": False, "expect": s.replace(p, "_")})
        cases.append({"fn": "replace", "x": s, "pattern": p, "with": "_", "regex": False, "first": True, "expect": s.replace(p, "_", 1)})
        if p:
            cases.append({"fn": "split", "x": s, "pattern": p, "regex": False, "expect": s.split(p)})
    for p in regexes:
        cases.append({"fn": "contains", "x": s, "pattern": p, "regex": True, "expect": re.search(p, s) is not None})
        cases.append({"fn": "starts_with", "x": s, "pattern": p, "regex": True, "expect": re.match(p, s) is not None})
        cases.append({"fn": "ends_with", "x": s, "pattern": p, "regex": True, "expect": re.search("(?:" + p + r")\Z", s) is not None})
        cases.append({"fn": "replace", "x": s, "pattern": p, "with": "<\\1>" if "(" in p else "#", "regex": True, "first": False,
                      "expect": re.sub(p, "<\\1>" if "(" in p else "#", s)})
        cases.append({"fn": "replace", "x": s, "pattern": p, "with": "#", "regex": True, "first": True, "expect": re.sub(p, "#", s, count=1)})
        cases.append({"fn": "extract", "x": s, "pattern": p, "regex": True, "expect": extract(s, p)})
    cases.append({"fn": "lower", "x": s, "expect": s.lower()})
    cases.append({"fn": "upper", "x": s, "expect": s.upper()})
    cases.append({"fn": "trim", "x": s, "expect": s.strip()})
    cases.append({"fn": "nchar", "x": s, "expect": len(s)})
    cases.append({"fn": "fold", "x": s, "expect": fold(s)})
    for a, b in [(1, 3), (2, 5), (0, 2), (4, 100), (5, 4), (-3, 2)]:
        cases.append({"fn": "substr", "x": s, "start": a, "stop": b, "expect": s[max(a, 1) - 1:max(b, 0)] if b >= max(a, 1) else ""})

formats = []
for x in [2292.94, 1234567.891, -9876.5, 0.5, 999.999, 1000, -0.04]:
    for d in [0, 1, 2, 3]:
        en = f"{x:,.{d}f}"
        formats.append({"x": x, "digits": d, "big_mark": ",", "decimal_mark": ".", "expect": en})
        formats.append({"x": x, "digits": d, "big_mark": " ", "decimal_mark": ",",
                        "expect": en.replace(",", "\0").replace(".", ",").replace("\0", " ")})
        formats.append({"x": x, "digits": d, "big_mark": ".", "decimal_mark": ",",
                        "expect": en.replace(",", "\0").replace(".", ",").replace("\0", ".")})
json.dump({"cases": cases, "formats": formats}, open("text_oracle.json", "w"), ensure_ascii=False, indent=0)

def roll_to_first(a, n):
    """a + n months as lubridate's add_with_rollback(roll_to_first=TRUE): a day the month lacks
    becomes the 1st of the next month (31 January + 1 month is 1 March)."""
    clamped = a + relativedelta(months=n)
    return clamped + relativedelta(days=1) if clamped.day < a.day else clamped

def steps(a, b, months):
    """lubridate's time_length(interval(a, b), unit) for unit = `months` months: whole steps from
    the calendar fields as as.period does (a month is whole once the day of the month is reached
    again; relativedelta would count 31 January to 30 June as 5 months), then the days from that
    anniversary over the days to the next, anniversaries rolling to the 1st."""
    sign = -1 if b < a else 1
    lo, hi = min(a, b), max(a, b)
    whole = (hi.year - lo.year) * 12 + hi.month - lo.month - (1 if hi.day < lo.day else 0)
    n = sign * (whole // months)
    lo, hi = roll_to_first(a, n * months), roll_to_first(a, (n + sign) * months)
    return n + sign * (b - lo).days / (hi - lo).days

dates = [date(2024, 1, 31), date(2024, 2, 29), date(2023, 2, 28), date(2008, 6, 30), date(2024, 1, 1),
         date(2024, 12, 31), date(2000, 3, 15), date(1999, 11, 30), date(2025, 3, 31), date(2016, 8, 31)]
spans = []
for a in dates:
    for b in dates:
        spans.append({"a": a.isoformat(), "b": b.isoformat(), "days": (b - a).days,
                      "months": steps(a, b, 1), "years": steps(a, b, 12)})
parts = [{"date": d.isoformat(), "weekday": d.isoweekday(), "quarter": (d.month - 1) // 3 + 1,
          "add_months": {str(k): (d + relativedelta(months=k)).isoformat() for k in [-25, -12, -1, 1, 3, 6, 13]}}
         for d in dates]
parsed = []
for text, fmt in [("30/06/2008", "%d/%m/%Y"), ("30.06.08", "%d.%m.%y"), ("1 Sep 2016", "%d %b %Y"),
                  ("September 2016", "%B %Y"), ("03-15-2000", "%m-%d-%Y"), ("15 december 1999", "%d %B %Y"),
                  ("31/02/2008", "%d/%m/%Y"), ("2024-06-30", "%Y-%m-%d"), ("1.1.69", "%d.%m.%y"), ("Feb 2024", "%b %Y")]:
    try:
        d = datetime.strptime(text, fmt).date()
        expect = d.isoformat() if "%d" in fmt else d.isoformat()[:7]
    except ValueError:
        expect = None
    parsed.append({"text": text, "format": fmt, "expect": expect})
json.dump({"spans": spans, "parts": parts, "parsed": parsed}, open("dates_oracle.json", "w"), indent=0)

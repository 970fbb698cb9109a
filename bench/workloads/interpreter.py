"""The language's interpreter (issue 15): a 10^6-iteration `for` loop of scalar arithmetic and
10^5 calls of a small user function, each against CPython running the same loop in the same run
(target: panorama at most 1× CPython's time). The calls target holds for every shape of call,
not only a body of arithmetic of its parameters: six more call shapes share it (a body reading a
global, a function calling another, a braced body with a local and an `if`, a keyword argument,
recursion, a builtin called in a loop). 10^4 string concatenations with `paste` are held to
2× CPython's `s + "x"`. Two more loop shapes are reported without a target: a loop with an
`if`, one reading a vector element `x[i]` and one filling a vector by index `x[i] = i * 2` to
10^5 elements (CPython: list.append), linear since the value is changed in place; eight shapes of builtins called 10^5 times in a
loop (round with digits= in a user function, abs, log, nchar, upper, substr, is_na, as_number)
are reported against CPython's equivalents (round, abs, math.log, len, str.upper, slicing,
`is None`, float), without a target yet.

Only the loop is timed on both sides: panorama's `.timer` line of the loop statement, CPython's
own clock around its loop (bench/peers/interpreter_loop.py), so start-up is left out.
"""
import re

LOOP = (
    "s = 0\n"
    ".timer on\n"
    "for (i in 1:1000000) { s = s + i * 0.5 - 1 }\n"
    ".timer off\n"
    "s\n"
)

CALLS = (
    "f = function(x) x * 2 + 1\n"
    "s = 0\n"
    ".timer on\n"
    "for (i in 1:100000) { s = s + f(i) }\n"
    ".timer off\n"
    "s\n"
)

# name, script, peer mode, expected digits of the first printed line: each shape makes 10^5
# calls of a user function (fib(23): 92,735 calls) or of a builtin.
CALL_SHAPES = [
    ("interpreter-calls-global-1e5",
     "k = 3\ng = function(x) x * k + 1\ns = 0\n.timer on\nfor (i in 1:100000) { s = s + g(i) }\n.timer off\ns\n",
     "global", "15000250000"),
    ("interpreter-calls-nested-1e5",
     "f = function(x) x * 2 + 1\nh = function(x) f(x) + 1\ns = 0\n.timer on\n"
     "for (i in 1:100000) { s = s + h(i) }\n.timer off\ns\n",
     "nested", "10000300000"),
    ("interpreter-calls-braced-1e5",
     "b = function(x) { y = x * 2; if (y > 10) y else -y }\ns = 0\n.timer on\n"
     "for (i in 1:100000) { s = s + b(i) }\n.timer off\ns\n",
     "braced", "10000099940"),
    ("interpreter-calls-keyword-1e5",
     "kw = function(x, by=2) x * by + 1\ns = 0\n.timer on\n"
     "for (i in 1:100000) { s = s + kw(i, by=3) }\n.timer off\ns\n",
     "keyword", "15000250000"),
    ("interpreter-calls-fib23",
     "fib = function(n) if (n < 2) n else fib(n - 1) + fib(n - 2)\n.timer on\nr = fib(23)\n.timer off\nr\n",
     "fib", "28657"),
    ("interpreter-calls-sqrt-1e5",
     "s = 0\n.timer on\nfor (i in 1:100000) { s = s + sqrt(i) }\n.timer off\nround(s)\n",
     "sqrt", "21082009"),
]

# Builtins called in a loop (issue "builtins"), report only: name, script, peer mode, expected
# digits of the first printed line. Each makes 10^5 calls: of numeric builtins through their
# scalar form (round with digits= in a user function, abs, log), of text builtins on one text
# (nchar, upper, substr), of is_na and as_number.
BUILTIN_SHAPES = [
    ("interpreter-builtin-round-1e5",
     "f = function(x) round(x * 1.1, digits=2)\ns = 0\n.timer on\nfor (i in 1:100000) { s = s + f(i) }\n.timer off\nround(s)\n",
     "round", "5500055000"),
    ("interpreter-builtin-abs-1e5",
     "s = 0\n.timer on\nfor (i in 1:100000) { s = s + abs(i - 3) }\n.timer off\ns\n",
     "abs", "4999750006"),
    ("interpreter-builtin-log-1e5",
     "s = 0\n.timer on\nfor (i in 1:100000) { s = s + log(i) }\n.timer off\nround(s)\n",
     "log", "1051299"),
    ("interpreter-builtin-nchar-1e5",
     "t = \"Ministère\"\ns = 0\n.timer on\nfor (i in 1:100000) { s = s + nchar(t) }\n.timer off\ns\n",
     "nchar", "900000"),
    ("interpreter-builtin-upper-1e5",
     "t = \"Ministère\"\n.timer on\nfor (i in 1:100000) { u = upper(t) }\n.timer off\nnchar(u)\n",
     "upper", "9"),
    ("interpreter-builtin-substr-1e5",
     "t = \"Ministère\"\n.timer on\nfor (i in 1:100000) { u = substr(t, 2, 5) }\n.timer off\nnchar(u)\n",
     "substr", "4"),
    ("interpreter-builtin-isna-1e5",
     "s = 0\n.timer on\nfor (i in 1:100000) { if (is_na(i)) s = s - 1 else s = s + 1 }\n.timer off\ns\n",
     "isna", "100000"),
    ("interpreter-builtin-asnumber-1e5",
     "t = \"12.5\"\ns = 0\n.timer on\nfor (i in 1:100000) { s = s + as_number(t) }\n.timer off\ns\n",
     "asnumber", "1250000"),
]

IF_LOOP = (
    "s = 0\n"
    ".timer on\n"
    "for (i in 1:1000000) { if (i % 2 == 0) s = s + i else s = s - 1 }\n"
    ".timer off\n"
    "s\n"
)

INDEX_LOOP = (
    "x = 1:1000000 * 0.5\n"
    "s = 0\n"
    ".timer on\n"
    "for (i in 1:1000000) { s = s + x[i] }\n"
    ".timer off\n"
    "s\n"
)

FILL_LOOP = (
    "x = []\n"
    ".timer on\n"
    "for (i in 1:100000) { x[i] = i * 2 }\n"
    ".timer off\n"
    "sum(x)\n"
)

CONCAT_LOOP = (
    "s = \"\"\n"
    ".timer on\n"
    "for (i in 1:10000) { s = paste(s, \"x\", sep=\"\") }\n"
    ".timer off\n"
    "nchar(s)\n"
)


def panorama_loop_seconds(stdout, stderr):
    lines = re.findall(r"Run Time: wall ([0-9.]+) s", stderr)
    if not lines:
        raise RuntimeError("no .timer line in panorama's stderr: " + stderr[-300:])
    return float(lines[-1])


def python_loop_seconds(stdout, stderr):
    found = re.search(r"elapsed ([0-9.]+)", stdout)
    if not found:
        raise RuntimeError("no elapsed line in the peer's output: " + stdout[-300:])
    return float(found.group(1))


def same_sum(expected):
    def check(stdout):
        digits = re.sub(r"[^0-9]", "", stdout.strip().splitlines()[0] if stdout.strip() else "")
        return None if digits == expected else f"panorama printed {stdout.strip()[:80]!r}, expected {expected}"
    return check


def workloads(ctx):
    loop, calls = ctx.tmp / "interpreter_loop.pan", ctx.tmp / "interpreter_calls.pan"

    def prepare_loop(ctx):
        loop.write_text(LOOP)

    def prepare_calls(ctx):
        calls.write_text(CALLS)

    common = {"max_ratio": 1.0, "peer_name": "CPython", "panorama_inner": panorama_loop_seconds,
              "peer_inner": python_loop_seconds}
    shapes = []
    for name, code, mode, expected, ratio in (
            [("interpreter-if-1e6", IF_LOOP, "if", "250000000000", None),
             ("interpreter-index-1e6", INDEX_LOOP, "index", "250000250000", None),
             ("interpreter-fill-1e5", FILL_LOOP, "fill", "10000100000", None),
             ("interpreter-concat-1e4", CONCAT_LOOP, "concat", "10000", 2.0)]
            + [shape + (1.0,) for shape in CALL_SHAPES] + [shape + (None,) for shape in BUILTIN_SHAPES]):
        script = ctx.tmp / (name + ".pan")
        target = "report only" if ratio is None else f"panorama ≤ {ratio:g} × CPython (loop time)"
        shapes.append(dict(common, name=name, target=target, max_ratio=ratio,
                           prepare=lambda ctx, script=script, code=code: script.write_text(code),
                           panorama=[str(ctx.panorama), "--no-init", str(script)],
                           peer=[ctx.python, "bench/peers/interpreter_loop.py", mode],
                           check=same_sum(expected)))
    return shapes + [
        dict(common, name="interpreter-for-1e6", target="panorama ≤ 1 × CPython (loop time)", prepare=prepare_loop,
             panorama=[str(ctx.panorama), "--no-init", str(loop)],
             peer=[ctx.python, "bench/peers/interpreter_loop.py", "loop"],
             check=same_sum("249999250000")),
        dict(common, name="interpreter-calls-1e5", target="panorama ≤ 1 × CPython (loop time)", prepare=prepare_calls,
             panorama=[str(ctx.panorama), "--no-init", str(calls)],
             peer=[ctx.python, "bench/peers/interpreter_loop.py", "calls"],
             check=same_sum("10000200000")),
    ]

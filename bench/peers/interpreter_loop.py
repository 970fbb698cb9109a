"""The interpreter workloads' peer: the same loops in CPython, at module level like the
panorama script (globals in a dict, as panorama's session variables), timed by its own clock.

  python3 interpreter_loop.py loop|calls|global|nested|braced|keyword|fib|sqrt|if|index|fill|concat|
                              round|abs|log|nchar|upper|substr|isna|asnumber
"""
import math
import sys
import time

mode = sys.argv[1]
start = time.perf_counter()
if mode == "loop":
    s = 0
    for i in range(1, 1000001):
        s = s + i * 0.5 - 1
elif mode == "calls":
    def f(x):
        return x * 2 + 1
    s = 0
    for i in range(1, 100001):
        s = s + f(i)
elif mode == "global":
    k = 3
    def g(x):
        return x * k + 1
    s = 0
    for i in range(1, 100001):
        s = s + g(i)
elif mode == "nested":
    def f(x):
        return x * 2 + 1
    def h(x):
        return f(x) + 1
    s = 0
    for i in range(1, 100001):
        s = s + h(i)
elif mode == "braced":
    def b(x):
        y = x * 2
        return y if y > 10 else -y
    s = 0
    for i in range(1, 100001):
        s = s + b(i)
elif mode == "keyword":
    def kw(x, by=2):
        return x * by + 1
    s = 0
    for i in range(1, 100001):
        s = s + kw(i, by=3)
elif mode == "fib":
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)
    s = fib(23)
elif mode == "sqrt":
    s = 0
    for i in range(1, 100001):
        s = s + math.sqrt(i)
    s = round(s)
elif mode == "if":
    s = 0
    for i in range(1, 1000001):
        if i % 2 == 0:
            s = s + i
        else:
            s = s - 1
elif mode == "index":
    x = [i * 0.5 for i in range(1, 1000001)]
    start = time.perf_counter()
    s = 0
    for i in range(1, 1000001):
        s = s + x[i - 1]
elif mode == "fill":
    x = []
    for i in range(1, 100001):
        x.append(i * 2)
    s = sum(x)
elif mode == "concat":
    s = ""
    for i in range(1, 10001):
        s = s + "x"
    s = len(s)
elif mode == "round":
    def f(x):
        return round(x * 1.1, 2)
    s = 0
    for i in range(1, 100001):
        s = s + f(i)
    s = round(s)
elif mode == "abs":
    s = 0
    for i in range(1, 100001):
        s = s + abs(i - 3)
elif mode == "log":
    s = 0
    for i in range(1, 100001):
        s = s + math.log(i)
    s = round(s)
elif mode == "nchar":
    t = "Ministère"
    s = 0
    for i in range(1, 100001):
        s = s + len(t)
elif mode == "upper":
    t = "Ministère"
    for i in range(1, 100001):
        u = t.upper()
    s = len(u)
elif mode == "substr":
    t = "Ministère"
    for i in range(1, 100001):
        u = t[1:5]
    s = len(u)
elif mode == "isna":
    s = 0
    for i in range(1, 100001):
        if i is None:
            s = s - 1
        else:
            s = s + 1
elif mode == "asnumber":
    t = "12.5"
    s = 0
    for i in range(1, 100001):
        s = s + float(t)
else:
    sys.exit("mode must be loop, calls, global, nested, braced, keyword, fib, sqrt, if, index, fill, concat, round, abs, log, "
             "nchar, upper, substr, isna or asnumber")
elapsed = time.perf_counter() - start
print(s)
print(f"elapsed {elapsed:.6f}")

"""The interpreter workloads' peer: the same loops in CPython, at module level like the
panorama script (globals in a dict, as panorama's session variables), timed by its own clock.

  python3 interpreter_loop.py loop|calls|if|index|concat
"""
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
elif mode == "concat":
    s = ""
    for i in range(1, 10001):
        s = s + "x"
    s = len(s)
else:
    sys.exit("mode must be loop, calls, if, index or concat")
elapsed = time.perf_counter() - start
print(s)
print(f"elapsed {elapsed:.6f}")

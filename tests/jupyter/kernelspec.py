"""Installs the built panorama's kernelspec into a temporary Jupyter path, for the tests.

PANORAMA names the binary (default .build/debug/panorama); the kernelspec is written with
`panorama kernel install --prefix TMP`, the command users run, and JUPYTER_PATH points there.
"""
import os
import subprocess
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.path.abspath(os.environ.get("PANORAMA", os.path.join(ROOT, ".build", "debug", "panorama")))
PREFIX = tempfile.mkdtemp(prefix="panorama-kernelspec-")

subprocess.run([BINARY, "kernel", "install", "--prefix", PREFIX], check=True, stdout=subprocess.DEVNULL)
os.environ["JUPYTER_PATH"] = os.path.join(PREFIX, "share", "jupyter")

"""Start-up to a first result: `panorama -e '1+1'` vs the Python interpreter importing numpy."""
import shutil


def workloads(ctx):
    out = [{
        "name": "startup-vs-numpy",
        "target": "panorama ≤ 0.2 × python -c 'import numpy'",
        "max_ratio": 0.2,
        "prepare": None,
        "panorama": [ctx.panorama, "--no-init", "-e", "1+1"],
        # The interpreter itself (sys.executable resolves pyenv shims), not a wrapper script.
        "peer": [ctx.python, "-c", "import numpy"],
        "peer_name": "numpy import",
        "check": lambda out: None if out.strip() == "2" else f"expected 2, got {out.strip()!r}",
    }]
    rscript = shutil.which("Rscript")
    if rscript:
        out.append({"name": "startup-vs-R", "target": "report only", "max_ratio": None, "prepare": None,
                    "panorama": [ctx.panorama, "--no-init", "-e", "1+1"], "peer": [rscript, "-e", "0"],
                    "peer_name": "Rscript"})
    return out

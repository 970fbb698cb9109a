"""The checked Markdown notebooks, converted to .ipynb by `panorama notebook --to ipynb` and
executed by nbclient on the panorama kernel, print what their checked outputs say.

Notebooks run with parameters (`-p`, recorded as `parameter` lines) are left out: a kernel has
no -p, so param(…) takes its default there. Error locations are the one expected difference: a Markdown notebook names FILE:LINE:COL, a
Jupyter cell has no file, so `NAME.md:L:C: ` prefixes are dropped before comparing.
"""
import os
import re
import subprocess
import tempfile
import unittest

import kernelspec
import nbclient
import nbformat

NOTEBOOKS = ["README.md", "docs/language.md"] + sorted(
    os.path.join("notebooks", n) for n in os.listdir(os.path.join(kernelspec.ROOT, "notebooks"))
    if n.endswith(".md") and n != "README.md")
LOCATION = re.compile(r"^[\w.-]+\.md:(\d+:\d+:)? ", re.MULTILINE)


def printed(outputs):
    """A code cell's outputs as one text, as the Markdown notebook shows them."""
    pieces = []
    for out in outputs:
        if out["output_type"] == "stream":
            text = out["text"]
        elif out["output_type"] in ("execute_result", "display_data"):
            if out.get("metadata", {}).get("panorama", {}).get("progress"):
                continue
            text = out["data"]["text/plain"]
        elif out["output_type"] == "error":
            text = "\n".join(out["traceback"])
        else:
            continue
        pieces.append(text[:-1] if text.endswith("\n") else text)
    return "\n".join(line.rstrip(" ") for line in "\n".join(pieces).split("\n"))


class CheckedNotebooksInJupyter(unittest.TestCase):
    def test_nbclient_reproduces_every_checked_notebook(self):
        for name in NOTEBOOKS:
            with self.subTest(notebook=name):
                path = os.path.join(tempfile.mkdtemp(), os.path.basename(name).replace(".md", ".ipynb"))
                subprocess.run([kernelspec.BINARY, "notebook", os.path.join(kernelspec.ROOT, name), "--to", "ipynb",
                                "-o", path], check=True)
                checked = nbformat.read(path, as_version=4)
                recorded = [line for line in checked.metadata["panorama"]["provenance"] if line.startswith("parameter ")]
                if recorded:
                    # param(…) takes its default in a kernel (Jupyter has no -p); such a notebook
                    # is reproduced by `panorama notebook --check`, not here.
                    continue
                notebook = nbformat.read(path, as_version=4)
                client = nbclient.NotebookClient(notebook, kernel_name="panorama", timeout=600,
                                                 resources={"metadata": {"path": kernelspec.ROOT}})
                client.execute()
                codes = [c for c in notebook.cells if c.cell_type == "code"]
                expected = [c for c in checked.cells if c.cell_type == "code"]
                self.assertEqual(len(codes), len(expected))
                compared = 0
                for i, (ran, want) in enumerate(zip(codes, expected)):
                    if want.execution_count is None:
                        continue
                    compared += 1
                    self.assertEqual(printed(ran.outputs), LOCATION.sub("", printed(want["outputs"])),
                                     f"{name}: code cell {i + 1}:\n{want.source}")
                self.assertGreater(compared, 0, f"{name} has no checked outputs")


if __name__ == "__main__":
    unittest.main()

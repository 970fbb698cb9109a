"""jupyter_kernel_test's conformance suite against panorama's kernel, plus interrupts.

Run: python3 -m unittest discover -s tests/jupyter (PANORAMA=path/to/panorama to pick a build).
"""
import signal
import time
import unittest

import kernelspec  # noqa: F401  (installs the kernelspec first)
import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel


class PanoramaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "panorama"
    language_name = "panorama"
    file_extension = ".pn"

    # `.help` prints on stdout; notes (here: rows dropped for missing values) go to stderr.
    code_hello_world = '.echo on\n"hello, world"'
    code_stderr = "mean([1, na, 3])"

    completion_samples = [
        {"text": "quant", "matches": {"quantile"}},
        {"text": ".mo", "matches": {".mode"}},
    ]
    complete_code_samples = ["1 + 1", "x = [1, 2, 3]", "mean(x)\nsd(x)"]
    incomplete_code_samples = ["mean(", "[1, 2,", "x = (1 +"]
    invalid_code_samples = ["1 +* )", "x = = 2"]

    code_inspect_sample = "quantile"

    code_generate_error = "undefined_name + 1"

    code_execute_result = [
        {"code": "1 + 1", "result": "2"},
        {"code": "[1, 2, 3] * 2", "result": "[2, 4, 6]"},
        {"code": "sum([1, 2, 3])", "mime": "application/json"},
    ]

    # Every value but a cell's last is display data.
    code_display_data = [{"code": "1\n2", "mime": "text/plain"}]

    code_history_pattern = "1 + 1*"
    supported_history_operations = ("tail", "range", "search")


class StopOnErrorTests(unittest.TestCase):
    """Cells queued behind a failing one (Run All) are aborted, not run."""

    def test_cells_queued_behind_an_error_are_aborted(self):
        km, kc = start_new_kernel(kernel_name="panorama")
        try:
            failing = kc.execute("x = 1\nundefined_name")
            queued = kc.execute("y = 2")
            replies = {}
            while len(replies) < 2:
                reply = kc.get_shell_msg(timeout=30)
                replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
            self.assertEqual(replies, {failing: "error", queued: "aborted"})
            outputs = []
            kc.execute_interactive("x", timeout=30, output_hook=outputs.append)
            self.assertEqual([m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"], ["1"])
            reply = kc.execute_interactive("y", timeout=30)
            self.assertEqual(reply["content"]["status"], "error")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class InterruptTests(unittest.TestCase):
    """An interrupt stops a long simulation within a second; the session keeps its variables."""

    def test_interrupt_request_stops_a_long_simulation_and_keeps_the_session(self):
        self.interrupt_and_continue(lambda km: km.interrupt_kernel())

    def test_sigint_stops_a_long_simulation_and_keeps_the_session(self):
        self.interrupt_and_continue(lambda km: km.signal_kernel(signal.SIGINT))

    def interrupt_and_continue(self, interrupt):
        km, kc = start_new_kernel(kernel_name="panorama")
        try:
            kc.execute_interactive("kept = 41", timeout=30)
            msg_id = kc.execute(
                "simulate(cost=[120, 45, 300, 80], overrun=lognormal(0.05, 0.35), corr=0.3, trials=100000000, seed=1)")
            # The simulation is running once its progress display appears (after a second).
            bar = self.progress_display(kc, msg_id)
            self.assertRegex(bar, r"^\[#* *\] \d+ %$")
            asked = time.monotonic()
            interrupt(km)
            reply = kc.get_shell_msg(timeout=30)
            elapsed = time.monotonic() - asked
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertLess(elapsed, 1.0)
            outputs = []
            reply = kc.execute_interactive("kept + 1", timeout=30, output_hook=outputs.append)
            self.assertEqual(reply["content"]["status"], "ok")
            results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
            self.assertEqual(results, ["42"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def progress_display(self, kc, msg_id):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            msg = kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "display_data":
                self.assertEqual(msg["content"]["metadata"], {"panorama": {"progress": True}})
                self.assertIn("display_id", msg["content"]["transient"])
                return msg["content"]["data"]["text/plain"]
        self.fail("no progress display within a minute")


if __name__ == "__main__":
    unittest.main()

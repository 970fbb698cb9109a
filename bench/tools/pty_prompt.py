#!/usr/bin/env python3
"""Time an interactive program's start-up as a user sees it, in a pseudo-terminal.

  pty_prompt.py --prompt 'panorama> ' [--send '1+1' --expect '2'] [--repeat N] -- PROGRAM ARG...

Each run forks PROGRAM on a new pty (its controlling terminal, 100x40, TERM=xterm, a fresh HOME
and XDG_STATE_HOME so no rc file or history is read), and measures from just before the fork:
  prompt_ms  until the prompt text has been written to the terminal;
  answer_ms  until the reply to the first line typed (--send) shows --expect.
Then it sends Ctrl-D and waits for the exit. Prints the medians over --repeat runs:
  prompt_ms=12.3 answer_ms=15.6 runs=7
"""
import argparse
import os
import pty
import select
import shutil
import statistics
import struct
import sys
import tempfile
import time
import fcntl
import termios


class Screen:
    """Bytes read from the pty; `wait_for` consumes up to the end of what it found."""

    def __init__(self, fd):
        self.fd, self.buf, self.mark = fd, b"", 0

    def wait_for(self, needle, start, deadline):
        while True:
            at = self.buf.find(needle, self.mark)
            if at >= 0:
                self.mark = at + len(needle)
                return (time.perf_counter() - start) * 1000.0
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no {needle!r} in time; got {self.buf[-200:]!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise RuntimeError(f"program exited before {needle!r}; got {self.buf[-200:]!r}")
                self.buf += chunk


def one_run(argv, prompt, send, expect, home):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm", "LANG": "C.UTF-8",
           "HOME": home, "XDG_STATE_HOME": os.path.join(home, "state"), "NO_COLOR": "1"}
    for keep in ("PANORAMA_DATASETS",):
        if keep in os.environ:
            env[keep] = os.environ[keep]
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        os.execve(argv[0], argv, env)
    try:
        deadline = start + 10.0
        screen = Screen(fd)
        prompt_ms = screen.wait_for(prompt.encode(), start, deadline)
        answer_ms = None
        if send:
            os.write(fd, send.encode() + b"\r")
            answer_ms = screen.wait_for(("\n" + expect).encode(), start, deadline)
            screen.wait_for(prompt.encode(), start, deadline)
        os.write(fd, b"\x04")
        end = time.perf_counter() + 5.0
        while time.perf_counter() < end:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
        else:
            raise RuntimeError("the program did not exit on Ctrl-D")
        return prompt_ms, answer_ms
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prompt", required=True)
    parser.add_argument("--send", default="")
    parser.add_argument("--expect", default="")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("argv", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not argv:
        sys.exit("give the program after --")
    argv[0] = shutil.which(argv[0]) or argv[0]
    prompts, answers = [], []
    with tempfile.TemporaryDirectory(prefix="pty-prompt-") as home:
        one_run(argv, args.prompt, args.send, args.expect, home)  # warm-up (page cache)
        for _ in range(args.repeat):
            p, a = one_run(argv, args.prompt, args.send, args.expect, home)
            prompts.append(p)
            if a is not None:
                answers.append(a)
    line = f"prompt_ms={statistics.median(prompts):.1f}"
    if answers:
        line += f" answer_ms={statistics.median(answers):.1f}"
    print(line + f" runs={args.repeat}")


if __name__ == "__main__":
    main()

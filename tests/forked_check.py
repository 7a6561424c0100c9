"""`python -m kb.check` in a child process with limits, without starting Python and importing the checker for every
run: test_hostile.py runs it some fifty times, and the start was about a third of each run.

One server process per test process starts Python and imports the checker, as `python -m kb.check` does, and
notes the CPU time that took. For each run it forks a child that takes the address-space limit, gets stdin from
/dev/null and its output in files, runs kb.check as `python -m kb.check` does (runpy, with the arguments) and exits
with the checker's status. The server waits for the child with a timeout, kills it if it hangs, and answers with
the exit status, the output, and the child's CPU time plus the CPU time of the start and imports: a run counts
what a fresh process would.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SERVER = r"""
import json, locale, os, resource, runpy, select, signal, sys, tempfile, traceback

import kb.check.cli  # everything `python -m kb.check` imports before it checks

usage = resource.getrusage(resource.RUSAGE_SELF)
start_cpu = usage.ru_utime + usage.ru_stime
encoding = locale.getpreferredencoding(False)


def child(request, stdout, stderr):
    code = 1
    try:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(stdout.fileno(), 1)
        os.dup2(stderr.fileno(), 2)
        limit = request["memory_limit"]
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        sys.argv = ["kb.check", *request["args"]]
        try:
            runpy.run_module("kb.check", run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as stop:  # as the interpreter ends on SystemExit
            if stop.code is None:
                code = 0
            elif isinstance(stop.code, int):
                code = stop.code
            else:
                print(stop.code, file=sys.stderr)
                code = 1
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


for line in sys.stdin:
    request = json.loads(line)
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            child(request, stdout, stderr)
        finished = select.select([os.pidfd_open(pid)], [], [], request["timeout"])[0]
        if not finished:
            os.kill(pid, signal.SIGKILL)
        _, status, used = os.wait4(pid, 0)
        answer = {"timeout": not finished, "returncode": os.waitstatus_to_exitcode(status),
                  "cpu": start_cpu + used.ru_utime + used.ru_stime}
        for name, file in (("stdout", stdout), ("stderr", stderr)):
            file.seek(0)
            answer[name] = file.read().decode(encoding)
    print(json.dumps(answer), flush=True)
"""


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    cpu: float  # seconds, start and imports included


_server: subprocess.Popen | None = None


def _start() -> subprocess.Popen:
    global _server
    if _server is None or _server.poll() is not None:
        _server = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "CI": "true"},
        )
        atexit.register(_stop, _server)
    return _server


def _stop(server: subprocess.Popen) -> None:
    server.stdin.close()  # the server ends when its input ends
    server.wait(timeout=20)


def run(args: list[str], memory_limit: int, timeout: float) -> Result:
    """`python -m kb.check *args` with CI=true in ROOT, as a child process limited to memory_limit bytes of address
    space; raises subprocess.TimeoutExpired (after killing it) when it runs longer than timeout seconds."""
    server = _start()
    request = {"args": [str(arg) for arg in args], "memory_limit": memory_limit, "timeout": timeout}
    server.stdin.write(json.dumps(request) + "\n")
    server.stdin.flush()
    answer = json.loads(server.stdout.readline())
    if answer["timeout"]:
        raise subprocess.TimeoutExpired(["kb.check", *request["args"]], timeout, answer["stdout"], answer["stderr"])
    return Result(answer["returncode"], answer["stdout"], answer["stderr"], answer["cpu"])

"""`make run`'s bin/run-portal leaves no process behind, whatever is killed first.

Each test starts the real script (runserver, a Celery worker, one beat) on a free port with
its own PORTAL_VAR_DIR (a migrated SQLite and the filesystem broker in a temp directory),
waits until the page answers, kills processes with SIGKILL in some order and checks that
within a few seconds no process of that run is left. A run's processes are found by a
marker environment variable every one of them inherits (/proc/<pid>/environ).
Linux only (/proc), as the machines that run `make run` are.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MARK = "RUN_PORTAL_TEST_MARK"
START_SECONDS = 30
GONE_SECONDS = 15  # a lifeline's grace period (10 s) and then some

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")


def processes(mark):
    """{pid: (ppid, pgid, cmdline)} of the live (not zombie) processes carrying the mark."""
    found = {}
    needle = f"{MARK}={mark}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                if needle not in f.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/stat", "rb") as f:
                state, ppid, pgid = f.read().rsplit(b")", 1)[1].split()[:3]
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if state != b"Z":
            found[int(entry)] = (int(ppid), int(pgid), cmdline)
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(var_dir):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "PORT"}
    }
    return env | {"PORTAL_VAR_DIR": str(var_dir), "DJANGO_DEBUG": "1", "PYTHONUNBUFFERED": "1"}


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    """What `make run` does first: migrate (a fresh SQLite in the temp directory)."""
    var = tmp_path_factory.mktemp("portal-var")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=clean_env(var),
        check=True,
        timeout=120,
    )
    return var


class Run:
    """One bin/run-portal, its processes known by role once it is up."""

    def __init__(self, var_dir):
        self.mark = uuid.uuid4().hex
        self.port = free_port()
        env = clean_env(var_dir) | {"PORT": str(self.port), MARK: self.mark}
        self.log = open(var_dir / f"run-{self.mark}.log", "wb")  # noqa: SIM115
        self.script = subprocess.Popen(
            [str(ROOT / "bin" / "run-portal")],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self):
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.answers() and self.worker_pool() and self.beats():
                return
            assert self.script.poll() is None, self.output()
            time.sleep(0.25)
        raise AssertionError("the portal did not come up:\n" + self.output())

    def answers(self):
        try:
            url = f"http://127.0.0.1:{self.port}/opinions/box/"
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def _services(self, word):
        procs = processes(self.mark)
        return [
            pid
            for pid, (ppid, _pgid, cmd) in procs.items()
            if word in cmd
            and "lifeline" not in cmd
            and "lifeline" in procs.get(ppid, ("", "", ""))[2]
        ]

    def worker_main(self):
        (pid,) = self._services(" worker")
        return pid

    def worker_pool(self):
        mains = self._services(" worker")
        return [pid for pid, (ppid, _, _) in processes(self.mark).items() if ppid in mains]

    def beats(self):
        return self._services(" beat")

    def web_child(self):
        (reloader,) = self._services("runserver")
        (child,) = [p for p, (ppid, _, _) in processes(self.mark).items() if ppid == reloader]
        return child

    def left_after(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.script.poll()  # reap the script, our child
            if not processes(self.mark):
                return {}
            time.sleep(0.2)
        return processes(self.mark)

    def output(self):
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-3000:]

    def close(self):
        for pid in processes(self.mark):  # never leak a process, even when a test fails
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        self.script.poll()
        self.log.close()


@pytest.fixture
def run(var_dir):
    started = Run(var_dir)
    yield started
    started.close()


def kill(pid):
    os.kill(pid, signal.SIGKILL)


def test_one_beat_of_its_own_and_a_worker_without_an_embedded_beat(run):
    run.wait_until_up()
    assert len(run.beats()) == 1  # exactly one scheduler in the run
    assert " beat" not in processes(run.mark)[run.worker_main()][2]
    commands = [cmd for _, _, cmd in processes(run.mark).values()]
    assert all("--beat" not in cmd and " -B" not in cmd for cmd in commands)
    kill(run.script.pid)
    assert run.left_after(GONE_SECONDS) == {}


@pytest.mark.parametrize(
    "order",
    [
        ["worker_main"],
        ["beat"],
        ["worker_main", "script"],
        ["web_child", "beat"],
    ],
)
def test_no_process_is_left_whatever_is_killed_first(run, order):
    run.wait_until_up()
    pools = run.worker_pool()
    targets = {
        "script": lambda: run.script.pid,
        "worker_main": run.worker_main,
        "beat": lambda: run.beats()[0],
        "web_child": run.web_child,
    }
    pids = [targets[name]() for name in order]  # look them all up before killing any
    for pid in pids:
        kill(pid)
    started = time.monotonic()
    left = run.left_after(GONE_SECONDS)
    print(f"{order}: all gone in {time.monotonic() - started:.1f} s")
    assert left == {}, f"left behind after killing {order}: {left}\n{run.output()}"
    assert pools  # the worker's pool was there, and went too

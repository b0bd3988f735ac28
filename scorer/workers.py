"""Worker processes that each score one report at a time under a time budget and a memory limit.

A worker is forked from the parent once the parent holds what the work needs (the Matcher of each
checklist the run can use, jieba), so that starting or replacing one costs a fork, not a second of
loading. Each worker has a pipe of its own and is given one report at a time (so none waits behind
a slow one), the next as soon as its result has come, before the parent takes that result in (a
worker left idle meanwhile cost a run about a sixth of its time, with 1 or 2 workers); the parent,
in one thread, waits on every busy pipe at once with a timeout set by the earliest deadline. A
worker that overruns its budget (scorer/budget.py) is killed (SIGKILL: the budget holds inside C
code too), and one that runs out of memory (RLIMIT_DATA, set in the worker; or that sleeps at that
limit, stuck where an allocation failed in Rust or C code) or dies is replaced; its report fails
with a one-line reason, and the run goes on. Results come out in input order whatever the number of
workers. Workers die with the parent whatever killed it (PR_SET_PDEATHSIG on Linux; elsewhere an
idle worker sees its pipe close). The first Ctrl-C or SIGTERM stops handing out reports and lets
the running ones finish; the second abandons them (their workers are killed); either way what
finished is kept.

Why not a library: concurrent.futures cannot kill one worker, and pebble's pool, which can, runs
manager threads of its own and has had hangs in the very cases this module is for (a worker killed
for memory, a stop while results are in flight).
"""

from __future__ import annotations

import gc
import math
import os
import re
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, Pipe, wait
from typing import Generic, TypeVar

from scorer.budget import Budget
from scorer.errors import RolscoreError

WINDOW_PER_WORKER = 4
"""Reports handed out beyond the oldest unfinished one, per worker: bounds what waits for it."""
POLL_SECONDS = 0.2
"""How often the parent looks at a Ctrl-C or SIGTERM while it waits on busy workers."""
REAP_SECONDS = 2.0
"""How long the parent waits for a killed worker to be gone before leaving it to the system."""
WORKER_GC_THRESHOLD = 10_000
"""New objects between a worker's garbage collections (Python's default, 700, ran three a report)."""
MEMORY_STALL_SECONDS = 1.0
"""How long a busy worker may sit asleep at its memory limit before it is taken for stuck: an
allocation that fails inside Rust or C code can leave the worker waiting on a lock it holds itself
(seen in pydantic-core), where it would never answer and only its time budget would end it."""
MEMORY_STALL_SHARE = 0.97
"""…at its memory limit: its data segment (VmData) at least this share of --max-memory."""
MESSAGE_CHARS = 200
"""At most this much of what a dying worker said goes into its report's one-line reason."""
PR_SET_PDEATHSIG = 1
_SAYS_OUT_OF_MEMORY = re.compile(r"memory allocation|bad_alloc|out of memory|MemoryError|Cannot allocate memory", re.I)
_OUT_OF_MEMORY = "out of memory"
"""What a worker sends instead of a result when its report ran out of memory; it then exits."""

Task = TypeVar("Task")
Result = TypeVar("Result")


class Workers(Generic[Task, Result]):
    """Up to `count` worker processes running `work(task)`; `failed(task, reason)` makes the result
    of a task whose worker overran, ran out of memory or died. Use as a context manager: signals
    are handled while it is open, and no worker outlives it."""

    def __init__(
        self, work: Callable[[Task], Result], failed: Callable[[Task, str], Result], count: int, budget: Budget
    ):
        self._work, self._failed, self._count, self._budget = work, failed, count, budget
        self._stop = _StopOnSignals()
        self._started: list[_Worker] = []

    @property
    def stopped_by(self) -> int | None:
        """The signal (SIGINT, SIGTERM) that stopped the run early, if one did."""
        return self._stop.signal

    def __enter__(self) -> Workers[Task, Result]:
        self._stop.__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self._close_all()
        finally:
            self._stop.__exit__(*exc_info)

    def in_order(self, tasks: Sequence[Task], on_done: Callable[[Result], None] = lambda result: None) -> Iterator[Result]:
        """The result of each task, in the order of `tasks`; `on_done` sees each as it finishes. After
        a stop, the results that finished beyond the first missing one come last, still in order."""
        finished: dict[int, Result] = {}
        given = emitted = 0
        window = self._count * WINDOW_PER_WORKER
        slots: list[_Worker | None] = [None] * min(self._count, len(tasks))  # None: to start when needed

        def hand_out() -> None:
            """Give the next tasks to the slots with no task (while the window and a stop allow)."""
            nonlocal given
            for slot, worker in enumerate(slots):
                if self._stop.requested or given == len(tasks) or given - emitted >= window:
                    break
                if worker is None or worker.position is None:
                    slots[slot] = self._give(worker, given, tasks[given])
                    given += 1

        while True:
            if self._stop.abandon:
                self._close_all()
                break
            hand_out()
            busy = [worker for worker in slots if worker is not None and worker.position is not None]
            if not busy:
                break
            earliest = min(worker.deadline for worker in busy)
            ready = wait([worker.conn for worker in busy], timeout=max(0.0, min(earliest - time.monotonic(), POLL_SECONDS)))
            done: list[tuple[int, Result]] = []
            for worker in busy:
                position = worker.position
                if worker.conn in ready:
                    result = self._collect(worker, tasks[position])
                elif worker.deadline <= time.monotonic():
                    worker.close()
                    result = self._failed(tasks[position], self._budget.too_slow)
                elif worker.stuck_at(self._budget.max_memory_mb * 2**20):
                    worker.close()
                    result = self._failed(tasks[position], f"{self._budget.out_of_memory}; the worker stopped at the limit")
                else:
                    continue
                if worker.ended:  # its slot starts a new worker when one is needed
                    slots[slots.index(worker)] = None
                worker.position = None
                done.append((position, result))
            hand_out()  # before what a result asks of the parent: the workers go on meanwhile
            for position, result in done:
                finished[position] = result
                on_done(result)
            while emitted in finished:
                yield finished.pop(emitted)
                emitted += 1
        for position in sorted(finished):
            yield finished.pop(position)

    def _give(self, worker: _Worker | None, position: int, task: Task) -> _Worker:
        """Hand `task` to `worker`, or to a new worker if there is none or it died while idle."""
        if worker is not None and worker.give(position, task, self._budget.timeout):
            return worker
        if worker is not None:  # killed from outside while idle
            worker.close()
        worker = _Worker(self._work, self._budget)
        self._started.append(worker)
        if not worker.give(position, task, self._budget.timeout):
            raise RolscoreError(f"a worker process died as soon as it started ({worker.close()})")
        return worker

    def _close_all(self) -> None:
        for worker in self._started:
            worker.close()
        self._started.clear()

    def _collect(self, worker: _Worker, task: Task) -> Result:
        """Read what `worker` sent for `task`; a worker that ran out of memory or died is closed."""
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            how = worker.close(kill=False)
            if _SAYS_OUT_OF_MEMORY.search(how):  # an allocation that failed in Rust or C++ aborts
                return self._failed(task, f"{self._budget.out_of_memory}; the worker process died ({how})")
            return self._failed(task, f"a worker process died while scoring this file ({how})")
        if isinstance(message, str) and message == _OUT_OF_MEMORY:
            worker.close(kill=False)
            return self._failed(task, self._budget.out_of_memory)
        return message


class _Worker:
    """One worker process, the parent's end of its pipe, the task it is on, and what it wrote to
    stderr during that task (a file in memory that both share)."""

    def __init__(self, work: Callable, budget: Budget):
        ours, theirs = Pipe()
        self.stderr = _memory_file()
        parent = os.getpid()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or the child would hold, and might write, a copy of what is buffered
        pid = os.fork()
        if pid == 0:  # the worker: never returns from here
            status = 1
            try:
                ours.close()
                _serve(theirs, work, budget, parent, self.stderr)
                status = 0
            finally:
                os._exit(status)
        theirs.close()
        self.pid, self.conn = pid, ours
        self.position: int | None = None  # of the task it is on
        self.deadline = math.inf
        self.ended: str | None = None
        self._asleep_at_limit_since: float | None = None

    def give(self, position: int, task, timeout: float) -> bool:
        """Send `task` and start its clock; False if the worker is gone."""
        try:
            self.conn.send(task)
        except OSError:
            return False
        self.position, self.deadline = position, time.monotonic() + timeout
        self._asleep_at_limit_since = None
        return True

    def stuck_at(self, limit_bytes: int) -> bool:
        """Has this busy worker slept at its memory limit for MEMORY_STALL_SECONDS? (A worker at
        work never sleeps but to read or write a file, and not with its memory all spent.)"""
        state, data = _state_and_data(self.pid)
        if state != "S" or data < MEMORY_STALL_SHARE * limit_bytes:
            self._asleep_at_limit_since = None
            return False
        now = time.monotonic()
        if self._asleep_at_limit_since is None:
            self._asleep_at_limit_since = now
        return now - self._asleep_at_limit_since >= MEMORY_STALL_SECONDS

    def close(self, kill: bool = True) -> str:
        """End the process (SIGKILL if `kill`, else it is ending by itself) and say how it ended."""
        if self.ended is None:
            self.ended = self._end(kill)
        return self.ended

    def _end(self, kill: bool) -> str:
        self.conn.close()
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        given_up, pause = time.monotonic() + REAP_SECONDS, 0.0001
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid or time.monotonic() > given_up:  # or stuck in the kernel (a dead network mount)
                break
            time.sleep(pause)
            pause = min(2 * pause, 0.05)
        said = _last_line(self.stderr)
        os.close(self.stderr)
        how = "did not exit" if not pid else (
            f"killed by {signal.Signals(os.WTERMSIG(status)).name}" if os.WIFSIGNALED(status)
            else f"exit code {os.waitstatus_to_exitcode(status)}"
        )
        return f"{how}: {said}" if said else how


def _state_and_data(pid: int) -> tuple[str, int]:
    """A process's state letter and data segment in bytes, from /proc (("", 0) elsewhere, or once
    it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
    except OSError:
        return "", 0
    state = fields.get("State", "").strip()[:1]
    data = fields.get("VmData", "0 kB").split()
    return state, int(data[0]) * 1024 if data and data[0].isdigit() else 0


def _memory_file() -> int:
    """A file descriptor of an unnamed file, in memory where the system has such a thing."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("rolscore-worker-stderr", os.MFD_CLOEXEC)
    with tempfile.TemporaryFile() as file:
        return os.dup(file.fileno())


def _last_line(fd: int) -> str:
    """The last line written to `fd`, shortened: what a dying worker said (an allocation that
    failed in Rust or C says so there and aborts)."""
    size = os.fstat(fd).st_size
    lines = os.pread(fd, 4096, max(0, size - 4096)).decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:MESSAGE_CHARS] if lines else ""


def _serve(conn: Connection, work: Callable, budget: Budget, parent: int, stderr: int) -> None:
    """A worker's life: set itself up, then run tasks until the parent closes the pipe. What it
    writes to stderr (library warnings, a dying message) goes to `stderr`, emptied for each task,
    and is read only if it dies. After an out-of-memory error it exits: its heap may be left
    fragmented, and a fresh worker takes over."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C and SIGTERM are the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent(parent)
    _limit_memory(budget.max_memory_mb)
    os.dup2(stderr, 2)
    # streams of our own: a lock of the inherited ones may have been held by a thread of the parent
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the worker
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False)  # noqa: SIM115
    # what the parent loaded lives as long as the worker: never scan it again, and collect rarely
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        os.ftruncate(2, 0)
        os.lseek(2, 0, os.SEEK_SET)
        try:
            result = work(task)
        except MemoryError:
            conn.send(_OUT_OF_MEMORY)
            return
        conn.send(result)


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux), and exit now if the parent
    is already gone (it died before the request took effect)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _limit_memory(megabytes: int) -> None:
    """Cap this process's data segment (heap, anonymous mappings): beyond it, allocations fail and
    Python raises MemoryError rather than the machine running out of memory."""
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = megabytes * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


class _StopOnSignals:
    """While active, the first Ctrl-C or SIGTERM sets `requested` (and `signal`), the second
    `abandon`; a third interrupts at once."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self):
        self.signal: int | None = None
        self.abandon = False
        self._previous: dict[int, object] = {}

    @property
    def requested(self) -> bool:
        return self.signal is not None

    def __enter__(self) -> _StopOnSignals:
        self._previous = {signum: signal.signal(signum, self._handle) for signum in self.SIGNALS}
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)

    def _handle(self, signum, frame) -> None:
        if self.abandon:
            raise KeyboardInterrupt(signum)
        if self.requested:
            self.abandon = True
        else:
            self.signal = signum

"""Run CPU-heavy tasks (reading and extraction) in worker processes while the caller writes.

Hand-rolled rather than `concurrent.futures.ProcessPoolExecutor`: a worker that dies (a
file that crashes a parser, memory running out) must fail only the task it held, and on
Python 3.11 a broken executor can leave a future waiting forever (seen in our tests).
Here each worker holds one task at a time on its own pipe, and the parent watches the
worker's process sentinel, so a death is noticed at once and the worker replaced.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

K = TypeVar("K")  # the caller's key for a task (returned with its result)
T = TypeVar("T")  # a task, sent to a worker
R = TypeVar("R")  # a task's result, sent back

JOIN_TIMEOUT_S = 5.0  # how long a finished worker gets to exit before it is killed


@dataclass(slots=True)
class _Worker(Generic[K, T]):
    process: BaseProcess
    conn: Connection  # the parent's end of the worker's pipe
    held: tuple[K, T] | None = None  # the task it is working on, None when idle


def run_tasks(
    items: Iterable[tuple[K, T | None, R | None]],
    work: Callable[[T], R],
    on_death: Callable[[T], R],
    jobs: int,
) -> Iterator[tuple[K, R]]:
    """(key, result) for each (key, task, early) item; `early`, when given, is the result.

    With jobs <= 1 the work runs here, in order. Otherwise in `jobs` worker processes,
    and results come in the order tasks finish; a task whose worker died gets
    `on_death(task)`. Items are pulled lazily: at most `jobs` tasks are in flight.

    >>> list(run_tasks([("a", 2, None), ("b", None, 0)], lambda t: t * 10, lambda t: -1, 1))
    [('a', 20), ('b', 0)]
    """
    if jobs <= 1:
        for key, task, early in items:
            if early is not None:
                yield key, early
            else:
                assert task is not None
                yield key, work(task)
        return
    yield from _in_workers(iter(items), work, on_death, jobs)


def _worker_loop(conn: Connection, inherited: list[Connection], work: Callable[[Any], Any]) -> None:
    """A worker process: receive a task, send back its result, until EOF or None."""
    # A forked worker holds copies of the parent's pipe ends; closing them lets every
    # worker see EOF, and exit, when the parent dies (even by SIGKILL).
    for other in inherited:
        other.close()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent closed the pipe or died
        if task is None:
            return
        result = work(task)
        try:
            conn.send(result)
        except OSError:
            return  # the parent is gone: nobody to report to


def _in_workers(
    items: Iterator[tuple[K, T | None, R | None]],
    work: Callable[[T], R],
    on_death: Callable[[T], R],
    jobs: int,
) -> Iterator[tuple[K, R]]:
    methods = multiprocessing.get_all_start_methods()
    # fork: fast, and the worker sees the parent's modules as they are (tests swap the
    # engine with monkeypatch); spawn elsewhere.
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    workers: list[_Worker[K, T]] = []

    def start() -> _Worker[K, T]:
        parent, child = context.Pipe()
        inherited = [w.conn for w in workers if not w.conn.closed] + [parent]
        if context.get_start_method() != "fork":
            inherited = []  # a spawned worker inherits no pipe ends
        process = context.Process(target=_worker_loop, args=(child, inherited, work), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def replace(worker: _Worker[K, T]) -> _Worker[K, T]:
        worker.conn.close()
        fresh = start()
        workers[workers.index(worker)] = fresh
        return fresh

    for _ in range(jobs):
        workers.append(start())
    exhausted = False
    try:
        while True:
            for worker in list(workers):
                while worker.held is None and not exhausted:
                    item = next(items, None)
                    if item is None:
                        exhausted = True
                        break
                    key, task, early = item
                    if early is not None:
                        yield key, early
                        continue
                    assert task is not None
                    try:
                        worker.conn.send(task)
                    except OSError:  # died while idle: replace it and hand the task on
                        worker = replace(worker)
                        worker.conn.send(task)
                    worker.held = (key, task)
            busy = [w for w in workers if w.held is not None]
            if not busy:
                return
            waitables: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            ready = set(multiprocessing.connection.wait(waitables))
            for worker in busy:
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                assert worker.held is not None
                key, task = worker.held
                worker.held = None
                try:
                    # A result sent just before dying is still in the pipe: read it first.
                    result: R = worker.conn.recv()
                except (EOFError, OSError):
                    result = on_death(task)
                    replace(worker)
                yield key, result
    finally:
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.conn.close()
        for worker in workers:
            worker.process.join(timeout=JOIN_TIMEOUT_S)
            if worker.process.is_alive():
                worker.process.kill()

"""Read an upload in a worker process that cannot take the server down.

The spreadsheet reader is native code: a crafted 12 KB workbook can make it ask for 512 GiB and
abort the whole process, or spend half a minute and gigabytes on one stray cell. The checks of
:func:`workbook.safety.check_limits` refuse the known shapes before the reader allocates anything;
this module is the net under them. Each file is read by :func:`workbook.read.read_scenario` in a
child process, ``python -m workbook.worker --child`` (a fresh interpreter: nothing of the server's
threads or its ``__main__`` script is inherited, which rules out multiprocessing's fork and its
main-module re-import under Streamlit), with

* a memory limit: ``RLIMIT_AS`` of the child = its size once the reader is imported +
  ``ENERGY_SCENARIOS_PARSE_MEMORY_MB`` (default 2048 MB); an allocation beyond it fails (Python:
  ``MemoryError``, the Rust reader: abort);
* a wall-time limit: ``ENERGY_SCENARIOS_PARSE_SECONDS`` (default 8 s, the interpreter's start of
  about 0.6 s included); the child is killed then.

The request (bytes, name, options) goes to the child's stdin and the
:class:`~workbook.model.ReadResult` comes back pickled on its stdout. A child that is killed,
crashes or runs out of time gives a ReadResult without a scenario and with one file-level problem
(``limits.time``, ``limits.memory``, ``limits.crashed``) in both languages; the caller keeps its
scenario as for any refused file. The limits apply to the child only.

``python -m workbook.worker FILE`` reads a file this way and prints its problems (a smoke test).
"""
from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from workbook.messages import problem
from workbook.model import ReadResult
from workbook.read import _load_bytes, read_scenario  # imported before the limit: the baseline
from workbook.safety import MAX_FILE_BYTES, memory_limit_mb, time_limit_s

MB = 1024 * 1024
_ROOT = str(Path(__file__).resolve().parent.parent)
#: Marks the start of the pickled result on the child's stdout (anything printed before is skipped).
_MARK = b"\x00WORKBOOK-WORKER-RESULT\x00"


def address_space() -> int:
    """The process's virtual size now (bytes), 0 where /proc is not available: numpy and its BLAS
    reserve ~1.4 GB before any read."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def limit_address_space(extra_bytes: int, size: int) -> tuple[int, int]:
    """Set the soft ``RLIMIT_AS`` to ``size`` (the process's size now) + ``extra_bytes``, never above
    the hard limit (which is not touched); return the previous (soft, hard) to put back."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + extra_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return soft, hard


def _child() -> int:
    """The worker: read the request, apply the memory limit, read the file, write the result."""
    data, name, memory_bytes, kwargs = pickle.loads(sys.stdin.buffer.read())
    if memory_bytes:
        limit_address_space(memory_bytes, address_space())
    try:
        result = read_scenario(data, name=name, **kwargs)
        del data
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(ReadResult(None, [problem("limits.memory", limit=memory_bytes // MB)]))
    out = sys.stdout.buffer
    out.write(_MARK)
    out.write(payload)
    out.flush()
    return 0


def _signal_name(code: int | None) -> str:
    if code is None:
        return "no exit code"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def read_in_worker(data: bytes, name: str, *, memory_mb: float | None = None,
                   seconds: float | None = None, **kwargs) -> ReadResult:
    """Read workbook ``data`` like :func:`workbook.read.read_scenario`, in a limited child process.

    Parameters
    ----------
    data : the uploaded file's bytes.
    name : the scenario's name (the file name).
    memory_mb : memory the reading may use beyond the child's start (default
        ``ENERGY_SCENARIOS_PARSE_MEMORY_MB``, 2048).
    seconds : wall time allowed (default ``ENERGY_SCENARIOS_PARSE_SECONDS``, 8).
    kwargs : passed on to ``read_scenario`` (e.g. ``mappings``).

    Returns
    -------
    The child's ReadResult, or one without a scenario whose only problem says which limit stopped
    the reading (``limits.time``, ``limits.memory`` or ``limits.crashed``). Never raises.
    """
    memory_mb = memory_limit_mb() if memory_mb is None else memory_mb
    seconds = time_limit_s() if seconds is None else seconds
    request = pickle.dumps((bytes(data), name, int(memory_mb * MB), kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (_ROOT, os.environ.get("PYTHONPATH")))),
           "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1")}
    try:
        # run() kills this child (and only it) when the time is up
        proc = subprocess.run([sys.executable, "-m", "workbook.worker", "--child"], input=request,
                              capture_output=True, timeout=seconds, env=env, cwd=_ROOT)
    except subprocess.TimeoutExpired:
        return ReadResult(None, [problem("limits.time", seconds=f"{seconds:g}")])
    except (OSError, ValueError) as exc:  # no process could be started (resources): say so
        return ReadResult(None, [problem("internal.error", detail=f"worker: {type(exc).__name__}: {exc}")])
    at = proc.stdout.find(_MARK)
    if proc.returncode == 0 and at >= 0:
        try:
            return pickle.loads(proc.stdout[at + len(_MARK):])
        except Exception as exc:  # a truncated result: as if the child had crashed
            return ReadResult(None, [problem("internal.error", detail=f"worker: {type(exc).__name__}")])
    if b"MemoryError" in proc.stderr or b"memory allocation" in proc.stderr:
        return ReadResult(None, [problem("limits.memory", limit=f"{memory_mb:g}")])
    return ReadResult(None, [problem("limits.crashed", detail=_signal_name(proc.returncode),
                                     limit=f"{memory_mb:g}")])


def read_file_in_worker(path, **kwargs) -> ReadResult:
    """:func:`read_in_worker` for a path (the command line): missing or too large files are
    refused before any process starts, like :func:`workbook.read.read_scenario`."""
    data, problems = _load_bytes(path, MAX_FILE_BYTES)
    if data is None:
        return ReadResult(None, problems)
    return read_in_worker(data, Path(path).name, **kwargs)


def _main(argv: list[str]) -> int:
    if argv == ["--child"]:
        return _child()
    if len(argv) != 1:
        print("usage: python -m workbook.worker FILE", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    result = read_file_in_worker(argv[0])
    for p in result.problems:
        print(f"[{p.severity}] {p.sheet or 'file'}:{p.row or ''} {p.code}: {p.message_en}")
    print(f"{'loaded' if result.ok else 'refused'} in {time.perf_counter() - t0:.2f} s")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

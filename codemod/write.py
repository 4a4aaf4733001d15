"""Writing a migrated file so that it is never left partial, altered behind someone's back, or
turned into something else.

- The file is read again and its SHA-256 compared with what was migrated: if someone changed it
  meanwhile, nothing is written.
- A regular file is replaced through a temporary file in the same directory (same file system), fsynced
  and renamed over it: a reader sees the old or the new content, never a mix. Its permission bits are
  kept; an unchanged file is never written (the caller only writes changed content), so its mtime
  stays.
- A file with other hard links is rewritten in place instead, so every link keeps seeing one file.
- A symbolic link is never replaced (discovery does not follow links; this is the last line).
- SIGINT and SIGTERM that arrive during the write are held until it is complete, then delivered, and
  a failing write (disk full, permission) removes its temporary file and leaves the original as it was.
"""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_DEFERRED_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


class ChangedOnDisk(Exception):
    """The file is not what was migrated any more."""


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM until the block is done (main thread only: where Python runs handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {number: signal.signal(number, lambda number, frame: received.append(number)) for number in _DEFERRED_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(received):
            signal.raise_signal(number)


def write_file(path: Path, data: bytes, expected_digest: bytes) -> None:
    """Write ``data`` to ``path`` if the file still has ``expected_digest`` (raises ChangedOnDisk)."""
    with signals_deferred():
        with open(path, "rb", buffering=0) as handle:
            current = handle.read()
        if hashlib.sha256(current).digest() != expected_digest:
            raise ChangedOnDisk()
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):
            raise IsADirectoryError(f"{path} is a symbolic link; links are never replaced")
        if status.st_nlink > 1:
            _rewrite_in_place(path, data, current)
        else:
            _replace(path, data, stat.S_IMODE(status.st_mode))


def _replace(path: Path, data: bytes, mode: int) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".claude-migrate")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _rewrite_in_place(path: Path, data: bytes, original: bytes) -> None:
    """Hard links: keep the inode. On a failed write the original bytes are put back."""
    with open(path, "r+b", buffering=0) as handle:
        try:
            handle.write(data)
            handle.truncate(len(data))
            os.fsync(handle.fileno())
        except BaseException:
            handle.seek(0)
            handle.write(original)
            handle.truncate(len(original))
            raise

"""Write a file only when its bytes change, so unchanged output keeps its mtime.

Pure: no Pelican import. Rsync, ``ghp-import`` and browser caches all see an
untouched file as unchanged; rewriting 10,000 identical pages on every build
would make every deploy upload the whole site.

A changed file is replaced (a new file renamed over the old one), never
rewritten in place: ``make publish`` builds into a hard-linked copy of the
last site, which must stay as it was until the new one is swapped in, and a
server never sees half a page. Every path written or found unchanged is
noted in ``WRITTEN``, so the build knows its own files (stale_output).
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile

# Every path write_bytes_if_changed was given since the build began
# (speedups empties it when a build starts).
WRITTEN: set[str] = set()
# Folders the build produces as a whole, written by another process (the
# search index); emptied likewise.
KEPT: set[str] = set()


def _process_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once: changing the umask to read it is not safe while threads write.
UMASK = _process_umask()


def same_bytes(path: str, data: bytes) -> bool:
    """True when ``path`` exists and holds exactly ``data``."""
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def write_bytes_if_changed(path: str, data: bytes) -> bool:
    """Write the output file ``path`` unless it already holds ``data``; True when written."""
    WRITTEN.add(os.path.abspath(path))
    return replace_if_changed(path, data)


def replace_if_changed(path: str, data: bytes) -> bool:
    """Atomically replace ``path`` with ``data`` unless it already holds it; True when written.

    Not noted in WRITTEN: also for files outside the output (the caches).
    """
    if same_bytes(path, data):
        return False
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=".partial-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        # mkstemp makes the file private; a page is as readable as open() makes it.
        os.chmod(partial, 0o666 & ~UMASK)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(partial)
        raise
    return True


class TextFileIfChanged(io.StringIO):
    """A text file opened for writing whose content reaches disk on close, if new."""

    def __init__(self, path: str, encoding: str) -> None:
        super().__init__()
        self.path, self.encoding_name, self.written = path, encoding, False

    def close(self) -> None:
        if not self.closed:
            data = self.getvalue().encode(self.encoding_name)
            self.written = write_bytes_if_changed(self.path, data)
        super().close()

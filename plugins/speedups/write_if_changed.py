"""Write a file only when its bytes change, so unchanged output keeps its mtime.

Pure: no Pelican import. Rsync, ``ghp-import`` and browser caches all see an
untouched file as unchanged; rewriting 10,000 identical pages on every build
would make every deploy upload the whole site.
"""

from __future__ import annotations

import io
import os


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
    """Write ``data`` to ``path`` unless it already holds it; True when written."""
    if same_bytes(path, data):
        return False
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    # In place, like open(path, "w"): the file keeps its inode and hard links.
    with open(path, "wb") as handle:
        handle.write(data)
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

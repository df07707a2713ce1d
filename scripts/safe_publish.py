"""Run a Pelican build into a temporary sibling directory; swap it in on success.

Usage: python scripts/safe_publish.py OUTPUTDIR -- pelican CONTENT -s publishconf.py [opts]

A failed or interrupted build leaves the previous OUTPUTDIR untouched.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile


def publish(output_dir: str, command: list[str]) -> int:
    """Build with ``command`` into a fresh directory and swap it into place."""
    output_dir = os.path.abspath(output_dir)
    parent = os.path.dirname(output_dir)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".publish-", dir=parent)
    try:
        code = subprocess.call([*command, "-o", staging])
        if code != 0:
            print(
                f"safe_publish: build failed (exit {code}); {output_dir} left as it was",
                file=sys.stderr,
            )
            return code
        os.chmod(staging, 0o755)
        # GitHub Pages must serve the site as built, not run it through Jekyll
        # (which hides files and folders that start with "_").
        open(os.path.join(staging, ".nojekyll"), "w").close()
        previous = output_dir + ".previous"
        shutil.rmtree(previous, ignore_errors=True)
        if os.path.exists(output_dir):
            os.rename(output_dir, previous)
        os.rename(staging, output_dir)
        shutil.rmtree(previous, ignore_errors=True)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _exit_on_term(signum: int, _frame: object) -> None:
    # Turn SIGTERM into SystemExit so `finally` removes the half-built staging dir.
    sys.exit(128 + signum)


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, _exit_on_term)
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    return publish(argv[0], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

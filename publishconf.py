"""Production settings: absolute URLs; the output holds exactly what the build makes."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# `make publish SITEURL=...` (or the Pages workflow) overrides this.
# An empty SITEURL (a pull request's build has no Pages URL) means the default.
SITEURL = (os.environ.get("SITEURL") or "https://example.github.io/digest").rstrip("/")
RELATIVE_URLS = False
# Not emptied first: `make publish` builds into a hard-linked copy of the last
# site (scripts/safe_publish.py), so unchanged pages are not rendered again;
# every file the build does not make is removed, as if the folder had been
# emptied first (DIGEST_REMOVE_STALE_OUTPUT = "all").
DELETE_OUTPUT_DIRECTORY = False
DIGEST_REMOVE_STALE_OUTPUT = "all"
# Optional custom domain for `make github` (written to CNAME by ghp-import).
GITHUB_PAGES_CNAME = os.environ.get("GITHUB_PAGES_CNAME", "")

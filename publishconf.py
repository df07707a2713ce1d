"""Production settings: absolute URLs, a clean output directory."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# `make publish SITEURL=...` (or the Pages workflow) overrides this.
SITEURL = os.environ.get("SITEURL", "https://example.github.io/digest").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Optional custom domain for `make github` (written to CNAME by ghp-import).
GITHUB_PAGES_CNAME = os.environ.get("GITHUB_PAGES_CNAME", "")

"""Development settings for the regional news digest.

Every ``WIRE_*`` and ``DIGEST_*`` setting below is documented in README.md
with its default; change them here, not in code.
"""

import os
import sys

# Plugins share small pure helpers by plain import (speedups.write_if_changed);
# Pelican loads PLUGIN_PATHS entries without putting them on sys.path.
_PLUGINS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
if _PLUGINS_DIR not in sys.path:
    sys.path.insert(0, _PLUGINS_DIR)

# AUTHOR is deliberately unset: Pelican would credit it on every story that
# has no byline, and a wire story without a byline shows none.
SITENAME = "Regional News Digest"
SITESUBTITLE = "Russia, China and their neighbours, from the wires"
SITEURL = ""

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = [""]
# Pelican's HTML reader would publish a saved web page's markup as it is:
# content/ takes wire text (.txt) and editors' Markdown, never raw HTML.
READERS = {"html": None, "htm": None}
# Pelican's Markdown settings, plus: HTML typed into Markdown is shown escaped,
# as wire text is, and script links lose their address (plugins/theme_support).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "theme_support.markdown_text": {},
    },
    "output_format": "html5",
}
STATIC_PATHS = ["images", "extra"]
# Hidden files and folders (an editor's parked copy, a .backup/ folder) are not
# read. Pelican's default, "**/.*", is matched against bare names and never matches.
IGNORE_FILES = [".*"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# Dates come from the wire (header or file name), never from the file system.
DEFAULT_DATE = None
# A story dated in the future waits as a draft until its date.
WITH_FUTURE_DATES = False
# Drafts (and future-dated stories) are not written anywhere public.
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "World"
# A Markdown story without a Summary: line is listed by its first paragraph,
# as a wire story is by its lede (Pelican's own cut is the first 50 words).
SUMMARY_MAX_PARAGRAPHS = 1

THEME = "theme"
# Wire text is untrusted: every template value is escaped unless marked safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

PLUGIN_PATHS = ["plugins"]
# The list order is the run order of handlers that share a signal.
PLUGINS = ["wire_reader", "auto_tagger", "build_report", "theme_support", "digest_editions",
           "digest_feeds", "speedups"]

ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html"
# A story with a Lang: header other than DEFAULT_LANG: the same scheme, the
# language last (Pelican's default would be a bare {slug}-{lang}.html at the root).
ARTICLE_LANG_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}-{lang}/"
ARTICLE_LANG_SAVE_AS = "{date:%Y}/{date:%m}/{date:%d}/{slug}-{lang}/index.html"
# Every story is listed in its own right, whatever its language: Pelican would
# take a story with another story's slug (the same headline, any day) for its
# translation and list it nowhere, and the theme shows no translation links.
ARTICLE_TRANSLATION_ID = None
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{slug}-{lang}/"
PAGE_LANG_SAVE_AS = "{slug}-{lang}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
CATEGORY_URL = "region/{slug}/"
CATEGORY_SAVE_AS = "region/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
TAGS_SAVE_AS = "tags/index.html"
CATEGORIES_SAVE_AS = "regions/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_URL = "archives/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "archives/{date:%Y}/{date:%m}/index.html"
DEFAULT_PAGINATION = 20

# Pelican's TYPOGRIFY would re-run typogrify on every article on every build;
# DIGEST_TYPOGRIFY applies the same filters once per story inside the wire
# reader (so Pelican's content cache keeps the result) and to pages in the
# speedups plugin. Keep TYPOGRIFY False, or typography runs twice.
TYPOGRIFY = False
DIGEST_TYPOGRIFY = True
# widont glues the last two words with &nbsp;, which breaks narrow phones.
TYPOGRIFY_OMIT_FILTERS = ["widont"]
# Parse and typogrify wire files in one worker process per CPU on a cold
# build (200+ files not in the content cache); False reads them in one process.
DIGEST_PARALLEL = True
# Remove output files this build did not make (retitled or removed stories).
DIGEST_REMOVE_STALE_OUTPUT = True

# One feed stack: feeds are written by the digest_feeds plugin with feedgen.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# --- wire reader -----------------------------------------------------------
WIRE_HEADLINE_CASE = "title"  # title | sentence | keep
WIRE_MAX_BYTES = 2_000_000
WIRE_STRICT = False

# --- auto tagger ------------------------------------------------------------
WIRE_TAGS_MAX = 8
WIRE_TAGS_EXTRA = {}
WIRE_CATEGORY_FROM = "region"  # region | folder | none

# --- build report -----------------------------------------------------------
WIRE_REPORT_PATH = "reports/build-report.json"

# --- feeds --------------------------------------------------------------------
# Set once and never change: feed item ids are built from it, so they survive
# a move to another host or path.
DIGEST_FEED_ID_AUTHORITY = "digest.example.org,2024"
DIGEST_FEED_MAX_ITEMS = 50
DIGEST_FEED_ALL_RSS = "feeds/all.rss.xml"
DIGEST_FEED_ALL_ATOM = "feeds/all.atom.xml"
DIGEST_FEED_ALL_JSON = "feeds/all.json"
# {slug} is the region's, tag's or source's slug; "" turns a feed off.
DIGEST_FEED_REGION_RSS = "feeds/region/{slug}.rss.xml"
DIGEST_FEED_REGION_ATOM = "feeds/region/{slug}.atom.xml"
DIGEST_FEED_TAG_RSS = "feeds/tag/{slug}.rss.xml"
DIGEST_FEED_TAG_ATOM = "feeds/tag/{slug}.atom.xml"
DIGEST_FEED_SOURCE_RSS = "feeds/source/{slug}.rss.xml"
DIGEST_FEED_SOURCE_ATOM = "feeds/source/{slug}.atom.xml"
DIGEST_FEED_SUBSCRIBE_URL = "subscribe/"
DIGEST_FEED_SUBSCRIBE_SAVE_AS = "subscribe/index.html"

# --- editions -----------------------------------------------------------------
DIGEST_DAILY = True  # digest/YYYY-MM-DD/ for each day with stories
DIGEST_WEEKLY = True  # digest/YYYY-Www/ for each ISO week
# A day is a day in this time zone: a story filed at 23:30 in Beijing belongs
# to the Beijing day when this is "Asia/Shanghai".
DIGEST_TIMEZONE = "UTC"
DIGEST_MAX_PER_SECTION = 12  # stories per region in an edition; the rest link to the region page
# Near-duplicates: word shingles of this many words, grouped at this Jaccard
# similarity. 0.5 / 4 words found 474 groups in reuters-train (make eval), a
# sample of which were updates and re-sent copies of the same news.
DIGEST_DUPLICATE_THRESHOLD = 0.5
DIGEST_SHINGLE_SIZE = 4
DIGEST_DUPLICATE_WINDOW_DAYS = 3  # templated copy months apart is not the same news
DIGEST_FEED_EDITIONS_RSS = "feeds/editions.rss.xml"
DIGEST_FEED_EDITIONS_ATOM = "feeds/editions.atom.xml"

# --- build speed (plugins/speedups) --------------------------------------------
# Incremental builds: unchanged wire files come from the cache, found by a hash
# of their bytes (never their mtime). The speedups plugin drops the cache when
# settings, plugin code, data files or templates change (DIGEST_CODE_HASH).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "md5"
CACHE_PATH = "cache"
# Uncompressed: at 10,000 stories gzip costs ~2 s per build to save the cache
# (and more to load it) for a cache that never leaves this machine.
GZIP_CACHE = False

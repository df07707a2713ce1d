"""Editors' Markdown keeps its formatting but not raw HTML.

No Pelican import. Markdown passes HTML written in it straight to the page:
a pasted embed code or a ``<script>`` would run on the story page, the front
page and its region page. With this extension (named in pelicanconf.py's
MARKDOWN), such markup is shown as the text it is, escaped, as wire text is;
Markdown's own syntax (emphasis, links, lists, tables, footnotes) is unchanged.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Browsers ignore ASCII whitespace and control characters inside a scheme
# ("java\tscript:"), so they are dropped before the test.
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]+")
SCRIPT_SCHEME = re.compile(r"(?i)(javascript|vbscript):")
DATA_SCHEME = re.compile(r"(?i)data:")


class EscapeRawHtml(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # Registered by Markdown itself, and again by "extra" (md_in_html):
        # this extension comes after them in MARKDOWN, so both are gone.
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
        md.treeprocessors.register(ScriptLinks(md), "digest_script_links", 0)


class ScriptLinks(Treeprocessor):
    """``[x](javascript:…)`` is Markdown, not HTML: such a link or image loses its address."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for name in ("href", "src"):
                value = IGNORED_IN_SCHEME.sub("", element.get(name) or "")
                if SCRIPT_SCHEME.match(value) or (name == "href" and DATA_SCHEME.match(value)):
                    del element.attrib[name]


def makeExtension(**kwargs: Any) -> EscapeRawHtml:  # noqa: N802 (Markdown's API name)
    return EscapeRawHtml(**kwargs)

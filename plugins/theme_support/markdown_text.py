"""Editors' Markdown keeps its formatting but not raw HTML.

No Pelican import. Markdown passes HTML written in it straight to the page:
a pasted embed code or a ``<script>`` would run on the story page, the front
page and its region page. With this extension (named in pelicanconf.py's
MARKDOWN), such markup is shown as the text it is, escaped, as wire text is;
Markdown's own syntax (emphasis, links, lists, tables, footnotes) is unchanged.
"""

from __future__ import annotations

import html
import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# How a browser reads an address: entities decoded ("javascript&#58;"), then
# ASCII whitespace and control characters dropped ("java\tscript:").
IGNORED_IN_ADDRESS = re.compile(r"[\x00-\x20]+")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Any other scheme (javascript:, vbscript:, data:) loses the address.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp"})
TABLE_ALIGN = re.compile(r"text-align:\s*(left|right|center);?")
ADDRESS_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster",
                                "background", "srcset", "xlink:href"})


class EscapeRawHtml(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # Registered by Markdown itself, and again by "extra" (md_in_html):
        # this extension comes after them in MARKDOWN, so both are gone.
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
        md.treeprocessors.register(ScriptLinks(md), "digest_script_links", 0)


class ScriptLinks(Treeprocessor):
    """Markdown's own syntax can still carry script: ``[x](javascript:…)``
    (also entity-encoded), or ``{: onclick="…" }`` through attr_list, which
    "extra" loads. Event handlers go; an address with an unsafe scheme goes,
    the words of its link stay."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or (lowered in ADDRESS_ATTRIBUTES
                                                and not safe_address(element.attrib[name])):
                    del element.attrib[name]
                # A table column's alignment is the one style Markdown writes;
                # any other ("position:fixed") could lay a link over the page.
                elif lowered == "style" and not TABLE_ALIGN.fullmatch(element.attrib[name]):
                    del element.attrib[name]


def safe_address(value: str) -> bool:
    """True for a relative address or one whose scheme is in SAFE_SCHEMES."""
    plain = IGNORED_IN_ADDRESS.sub("", html.unescape(value))
    scheme = SCHEME.match(plain)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def escape_markdown_title(content: Any) -> None:
    """content_object_init: a Markdown story's or page's ``Title:`` is text.

    Pelican keeps it as typed, and the theme prints titles as HTML (wire
    titles come escaped, and typography adds markup): "Note <img onerror=…>"
    would run on every page that lists the story. Entities an editor typed
    ("&mdash;") stay what they mean.
    """
    plugins = content.settings.get("PLUGINS") or ()
    if not any(str(p).split(".")[-1] == "theme_support" for p in plugins):
        return
    if content.metadata.get("reader") != "markdown" or not content.metadata.get("title"):
        return
    title = html.escape(html.unescape(content.metadata["title"]), quote=False)
    content.metadata["title"] = content.title = title


def drop_empty_summary(content: Any) -> None:
    """content_object_init: a Markdown ``Summary:`` line with nothing on it is
    no summary, so the first paragraph stands for the story, as without one
    (Pelican would list the story with an empty summary, and feeds with its title)."""
    if content.metadata.get("reader") != "markdown" or "summary" not in content.metadata:
        return
    if not html.unescape(TAG_RE.sub("", str(content.metadata["summary"]))).strip():
        del content.metadata["summary"]
        content.__dict__.pop("_summary", None)


TAG_RE = re.compile(r"<[^>]*>")


def makeExtension(**kwargs: Any) -> EscapeRawHtml:  # noqa: N802 (Markdown's API name)
    return EscapeRawHtml(**kwargs)

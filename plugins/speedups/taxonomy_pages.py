"""Tag, category and author pages with precomputed date order.

Glue (it writes through Pelican's writer): the body of Pelican 4.12's
``ArticlesGenerator.generate_tags`` / ``generate_categories`` /
``generate_authors``, shared, with one change — ``dates`` for each term comes
from an index of ``self.dates`` instead of scanning all articles per term.
Keep it in step with Pelican when upgrading (tests/test_speedups.py compares
the pages built with and without this plugin).
"""

from __future__ import annotations

import logging
from typing import Any

from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError

from .grouping import order_like
from .page_memo import PageMemo, key_or_none, view_for
from .two_processes import can_fork, write_pages, writer_of

logger = logging.getLogger(__name__)
LABELS = {"tag": "Tag", "category": "Category", "author": "Author"}


def generate_taxonomy(
    generator: Any,
    write: Any,
    kind: str,
    terms: list[tuple[Any, list]],
    date_index: dict[int, int],
    memo: PageMemo | None = None,
) -> None:
    """Write one page (paginated) per term of ``kind``: tag, category or author.

    With DIGEST_PARALLEL, half the terms (by story count) are written by a
    forked process, unless a term has no slug or two share a page: then
    Pelican's own overwrite errors must come from one writer, in order.
    With a page memo, a term whose view is unchanged since the last build
    (and whose files are as that build left them) is not rendered.
    """
    template = generator.get_template(kind)
    writer = writer_of(write)
    view = view_for(kind, generator.settings["THEME"], generator.context)
    if memo is None or not memo.enabled or writer is None:
        view = None
    kept: list[str] = []

    def write_term(item: tuple[Any, list]) -> None:
        term, articles = item
        name = sanitised_join(writer.output_path, term.save_as) if view and term.save_as else None
        if name is not None:
            old = memo.old_files(name)
            if (
                not any(path in writer._written_files for path in old)
                and memo.unchanged(name, key_or_none(view, item, str(term)))
            ):
                writer._written_files.update(old)
                memo.wrote(name, old)
                kept.append(name)
                return
            before = set(writer._written_files)
        try:
            write(
                term.save_as,
                template,
                generator.context,
                url=term.url,
                articles=articles,
                dates=order_like(articles, date_index),
                template_name=kind,
                blog=True,
                page_name=term.page_name,
                all_articles=generator.articles,
                **{kind: term},
            )
            if name is not None:
                memo.wrote(name, sorted(set(writer._written_files) - before))
        except FileOverwriteFailedError:
            if term.slug:
                logger.error('Failed to write %s page for "%s".', LABELS[kind], term)
                raise
            logger.info(
                '%s "%s" has an invalid slug; skipping writing %s page...',
                LABELS[kind],
                term,
                kind,
                extra={"limit_msg": f"Further {kind}s with invalid slugs."},
            )

    pages = [term.save_as for term, _ in terms]
    fork = (
        writer is not None
        and can_fork(generator.settings, len(terms))
        and all(pages)
        and len(set(pages)) == len(pages)
    )
    write_pages(terms, [len(a) for _, a in terms], write_term, writer, fork=fork,
                memo=memo if view is not None else None, kept=kept, label=kind)

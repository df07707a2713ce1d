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

from pelican.writers import FileOverwriteFailedError

from .grouping import order_like
from .two_processes import can_fork, write_in_two_processes, writer_of

logger = logging.getLogger(__name__)
LABELS = {"tag": "Tag", "category": "Category", "author": "Author"}


def generate_taxonomy(
    generator: Any, write: Any, kind: str, terms: list[tuple[Any, list]], date_index: dict[int, int]
) -> None:
    """Write one page (paginated) per term of ``kind``: tag, category or author.

    With DIGEST_PARALLEL, half the terms (by story count) are written by a
    forked process, unless a term has no slug or two share a page: then
    Pelican's own overwrite errors must come from one writer, in order.
    """
    template = generator.get_template(kind)

    def write_term(item: tuple[Any, list]) -> None:
        term, articles = item
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
    writer = writer_of(write)
    if (
        writer is not None
        and can_fork(generator.settings, len(terms))
        and all(pages)
        and len(set(pages)) == len(pages)
    ):
        write_in_two_processes(terms, [len(a) for _, a in terms], write_term, writer)
    else:
        for item in terms:
            write_term(item)

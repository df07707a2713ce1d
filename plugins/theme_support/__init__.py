"""The digest theme's support plugin: related stories, front page, SEO, search."""

from .theme_support import register

__all__ = ["register"]

from .digest_feeds import register

__all__ = ["register"]

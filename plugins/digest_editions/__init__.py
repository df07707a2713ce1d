from .digest_editions import register

__all__ = ["register"]

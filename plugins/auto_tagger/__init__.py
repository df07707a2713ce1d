from .auto_tagger import register

__all__ = ["register"]

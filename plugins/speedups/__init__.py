from .speedups import register

__all__ = ["register"]

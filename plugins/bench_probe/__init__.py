from .bench_probe import register

__all__ = ["register"]

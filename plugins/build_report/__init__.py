from .build_report import register

__all__ = ["register"]

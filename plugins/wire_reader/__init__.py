from .wire_reader import register

__all__ = ["register"]

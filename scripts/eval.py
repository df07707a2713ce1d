"""`make eval`: quality figures on ../shared/corpora, checked against floors.

Each section lives in its own module (eval_parse, eval_tags, eval_duplicates);
this script runs them and compares the figures with scripts/quality_floors.json.
Exit status 1 when a floor is missed; 0 with a notice when the corpora are absent.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "scripts")]
SHARED = ROOT.parent / "shared"
SECTIONS = (("eval_parse", "evaluate_parse"), ("eval_tags", "evaluate_tags"),
            ("eval_duplicates", "evaluate_duplicates"))


def lookup(figures: dict, dotted: str) -> float | None:
    """Find ``a.b.c`` in nested dicts; None when a section did not report it."""
    node: object = figures
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node if isinstance(node, (int, float)) else None


def derive_rates(figures: dict) -> dict:
    """Add the rates the floors name (``eval_parse.<corpus>.title_rate`` ...)."""
    for stats in figures.get("eval_parse", {}).values():
        files = stats.get("files") or 0
        stats["title_rate"] = stats["title_ok"] / files if files else 0.0
        gold = stats.get("dateline_gold") or 0
        stats["dateline_rate"] = stats["dateline_found"] / gold if gold else 1.0
        stats["failure_count"] = len(stats.get("failures", []))
    return figures


def check_floors(figures: dict, floors: dict) -> list[str]:
    """Every floor or ceiling missed, as readable lines."""
    misses = []
    for name, rule in floors.items():
        value = lookup(figures, name)
        if value is None:
            misses.append(f"{name}: not measured")
        elif "min" in rule and value < rule["min"]:
            misses.append(f"{name}: {value:.4f} < floor {rule['min']}")
        elif "max" in rule and value > rule["max"]:
            misses.append(f"{name}: {value:.4f} > ceiling {rule['max']}")
    return misses


def main() -> int:
    if not (SHARED / "corpora").is_dir():
        print(f"eval: {SHARED / 'corpora'} is absent; nothing to measure.")
        return 0
    figures: dict = {}
    for module_name, function in SECTIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            print(f"eval: section {module_name} unavailable ({err})")
            continue
        print(f"\n== {module_name}")
        figures[module_name] = getattr(module, function)(SHARED)
        if hasattr(module, "print_report"):
            module.print_report(figures[module_name])
    floors = json.loads((ROOT / "scripts" / "quality_floors.json").read_text())
    misses = check_floors(derive_rates(figures), floors)
    print("\n== floors (scripts/quality_floors.json)")
    print("\n".join(f"MISSED {m}" for m in misses) or "all floors met")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())

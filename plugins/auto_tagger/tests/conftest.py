"""Put plugins/ on sys.path so tests import auto_tagger and wire_reader directly."""

import sys
from pathlib import Path

PLUGINS = Path(__file__).resolve().parents[2]
if str(PLUGINS) not in sys.path:
    sys.path.insert(0, str(PLUGINS))

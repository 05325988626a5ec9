"""Reading the editable standards files in ``resources/standards``."""

import json
from functools import cache
from pathlib import Path

from ..paths import resource_path

PRESET_ORDER = ("waterlogging_depth", "flood_depth", "typhoon_wind", "seismic_pga", "geohazard_susceptibility")


@cache
def _load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_standard(name):
    """The parsed JSON file ``resources/standards/<name>.json``."""
    return _load(str(resource_path("standards", f"{name}.json")))


def hazard_presets():
    """The hazard classification presets of resources/standards/hazard_presets.json."""
    return load_standard("hazard_presets")["presets"]


def default_labels():
    """Default level labels {level: {"zh", "en"}} for classifications without a preset."""
    return {int(k): v for k, v in load_standard("hazard_presets")["default_labels"].items()}


def level_label(level, labels=None):
    """Bilingual label ``"中文 / English"`` for a level, from ``labels`` or the defaults."""
    table = dict(default_labels())
    if labels:
        table.update({int(k): v for k, v in labels.items()})
    entry = table.get(int(level))
    if entry is None:
        return f"{int(level)}级 / Level {int(level)}"
    return f"{entry['zh']} / {entry['en']}"


def read_json_file(path):
    """Parse a user JSON file (used for custom standards)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))

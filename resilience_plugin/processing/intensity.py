"""What the lifeline algorithms share: the intensity measures they offer and the extent of a lifeline layer."""

from ..core.fragility import load_library

# The intensity measures of the fragility library, in the order the dialogs list them.
MEASURES = ("flood_depth", "pgv", "pga", "sa10", "pgd", "wind")


def measure_names():
    """The measures as the dialog lists them: "中文名 / English name [unit]"."""
    lib = load_library()
    out = []
    for key in MEASURES:
        entry = lib.intensity_measures[key]
        out.append(f"{entry['name']['zh']} / {entry['name']['en']} [{entry['unit']}]")
    return out


def padded_extent(source):
    """The source's extent, grown a little when it is a point or a horizontal / vertical line."""
    ext = source.sourceExtent()
    if not ext.isNull() and (ext.width() <= 0 or ext.height() <= 0):
        ext = ext.buffered(1e-6)
    return ext

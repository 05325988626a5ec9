"""What is wrong (or worth knowing) about a layer chosen in the workbench, before anything runs.

``layer_problems(layer, reference=None)`` returns ``[(level, message)]`` with level ``error`` (the
step cannot run), ``warning`` or ``info``; the panel shows them next to the layer.
"""

from qgis.core import QgsRasterLayer, QgsVectorLayer

from ...i18n import tr
from .runner import file_of

ERROR, WARNING, INFO = "error", "warning", "info"


def layer_problems(layer, reference=None, role=None):
    """Problems of ``layer``; ``reference`` is the admin-unit layer its CRS is compared with."""
    if layer is None:
        return []
    problems = []
    if not layer.isValid():
        return [(ERROR, tr("The layer cannot be read (is the file still there?)."))]
    crs = layer.crs()
    if not crs.isValid():
        problems.append((ERROR, tr("The layer has no coordinate reference system: set it in the layer properties.")))
    elif crs.isGeographic():
        problems.append(
            (INFO, tr("Coordinates in degrees: lengths and areas are measured in a metric CRS chosen automatically."))
        )
    if layer.providerType() == "memory" or (file_of(layer) is None and layer.providerType() in ("memory", "virtual")):
        problems.append((ERROR, tr("A temporary layer: save it to a file first (the steps run in the background).")))
    if (
        reference is not None
        and reference is not layer
        and crs.isValid()
        and reference.crs().isValid()
        and crs != reference.crs()
    ):
        problems.append(
            (
                INFO,
                tr("CRS {crs} differs from the admin units ({ref}); it is reprojected on the fly.").format(
                    crs=crs.authid() or crs.description(), ref=reference.crs().authid() or reference.crs().description()
                ),
            )
        )
    if isinstance(layer, QgsVectorLayer) and layer.featureCount() == 0:
        problems.append((ERROR, tr("The layer has no features.")))
    if isinstance(layer, QgsRasterLayer) and role == "population" and layer.bandCount() > 1:
        problems.append((WARNING, tr("{n} bands: band 1 is read as the population.").format(n=layer.bandCount())))
    return problems


def field_problem(layer, field_name, required_text):
    """An error when a required field is not chosen or is not in ``layer``."""
    if layer is None:
        return []
    if not field_name:
        return [(ERROR, required_text)]
    if isinstance(layer, QgsVectorLayer) and layer.fields().lookupField(field_name) < 0:
        return [(ERROR, tr("The field '{field}' is not in the layer.").format(field=field_name))]
    return []


def as_html(problems):
    colours = {ERROR: "#c0392b", WARNING: "#b9770e", INFO: "#566573"}
    return "<br>".join(f'<span style="color:{colours[level]}">{_escape(text)}</span>' for level, text in problems)


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

#!/usr/bin/env python3
"""Write resources/sample_data/jakarta_sample.qgs: the sample layers, styled, with relative paths.

The project opens on Jakarta (a saved map-canvas extent and the project's default view extent: the
sub-districts plus a margin) and holds the layers a first run needs. The earthquake scenario raster
covers all of West Java, so it stays in sample_data for the demo but out of the project: hidden, it
still made Zoom Full show Jakarta as a speck.

Run with the venv Python (PyQGIS): `.venv/bin/python scripts/make_sample_project.py`.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample_data"

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsColorRampShader,
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsRasterLayer,
    QgsRasterShader,
    QgsReferencedRectangle,
    QgsSingleBandPseudoColorRenderer,
    QgsVectorLayer,
)
from qgis.gui import QgsMapCanvas  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

# Share of the sub-districts' extent added on each side of the opening view.
VIEW_MARGIN = 0.03


def pseudocolor(layer, items, lo, hi, ramp_type):
    ramp = QgsColorRampShader(lo, hi)
    ramp.setColorRampType(ramp_type)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(lo)
    renderer.setClassificationMax(hi)
    layer.setRenderer(renderer)
    layer.renderer().setOpacity(0.75)


def population_renderer(layer):
    """Persons per km², in the classes of the source (309–6,179): light yellow to dark red."""
    breaks = ((1000, "#ffffb2", "< 1,000"), (2000, "#fecc5c", "1,000–2,000"), (3000, "#fd8d3c", "2,000–3,000"),
              (4500, "#f03b20", "3,000–4,500"), (float("inf"), "#bd0026", "≥ 4,500"))
    items = [QgsColorRampShader.ColorRampItem(v, QColor(c), label) for v, c, label in breaks]
    pseudocolor(layer, items, 309.0, 6180.0, QgsColorRampShader.Type.Discrete)


def depth_renderer(layer):
    items = [QgsColorRampShader.ColorRampItem(v, QColor(c), label) for v, c, label in (
        (0.1, "#deebf7", "0.1 m"), (0.5, "#9ecae1", "0.5 m"), (1.0, "#4292c6", "1 m"),
        (2.0, "#08519c", "2 m"), (5.0, "#08306b", "≥ 5 m"))]
    ramp = QgsColorRampShader(0.1, 5.0)
    ramp.setColorRampType(QgsColorRampShader.Type.Interpolated)
    ramp.setColorRampItemList(items)
    ramp.setClip(True)  # depths below 0.1 m are not drawn
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    ramp.setMinimumValue(0.1)
    ramp.setMaximumValue(5.0)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0.1)  # the legend's ramp reads these (nan otherwise)
    renderer.setClassificationMax(5.0)
    layer.setRenderer(renderer)


def main():
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    project.setTitle("Jakarta sample — Resilience Planner / 雅加达示例数据")
    gpkg = SAMPLE / "jakarta.gpkg"
    layers = []
    for name, title in (("kecamatan", "Kecamatan (sub-districts) 分区"), ("kelurahan", "Kelurahan (wards) 街道"),
                        ("flood_2007_rw", "2007 flood RW 2007年洪水社区"), ("roads", "Roads 道路"),
                        ("buildings", "Buildings 建筑")):
        lyr = QgsVectorLayer(f"{gpkg}|layername={name}", title, "ogr")
        assert lyr.isValid(), name
        layers.append(lyr)
    layers[0].renderer().symbol().setColor(QColor(0, 0, 0, 0))
    layers[0].renderer().symbol().symbolLayer(0).setStrokeColor(QColor("#333333"))
    layers[0].renderer().symbol().symbolLayer(0).setStrokeWidth(0.5)
    layers[1].renderer().symbol().setColor(QColor(0, 0, 0, 0))
    layers[1].renderer().symbol().symbolLayer(0).setStrokeColor(QColor("#999999"))
    layers[2].renderer().symbol().setColor(QColor(44, 123, 182, 90))
    layers[3].renderer().symbol().setColor(QColor("#7f7f7f"))
    layers[4].renderer().symbol().setColor(QColor("#b15928"))
    for tif, title, visible in (("flood_current_depth.tif", "Flood depth (m) 洪水深度", True),
                                ("flood_design_depth.tif", "Design flood depth (m) 设计洪水深度", False),
                                ("population.tif", "Population density (persons/km²) 人口密度", False)):
        r = QgsRasterLayer(str(SAMPLE / tif), title, "gdal")
        assert r.isValid(), tif
        if tif.startswith("flood"):
            depth_renderer(r)
        else:
            population_renderer(r)
        project.addMapLayer(r)
        project.layerTreeRoot().findLayer(r.id()).setItemVisibilityChecked(visible)
    for lyr in layers:
        project.addMapLayer(lyr)
    root = project.layerTreeRoot()
    order = [lyr.id() for lyr in reversed(layers)]
    for i, lid in enumerate(order):  # vectors above rasters, buildings on top
        node = root.findLayer(lid)
        clone = node.clone()
        root.insertChildNode(i, clone)
        root.removeChildNode(node)
    # Open on Jakarta: the project's default view and a saved canvas (QGIS restores the canvas element)
    view = layers[0].extent()
    view.grow(VIEW_MARGIN * max(view.width(), view.height()))
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(view, layers[0].crs()))
    canvas = QgsMapCanvas()
    canvas.resize(1200, 800)
    canvas.setDestinationCrs(project.crs())
    canvas.setLayers([lyr for lyr in layers] + [project.mapLayersByName("Flood depth (m) 洪水深度")[0]])
    canvas.setExtent(view)
    canvas.refresh()
    project.writeEntryBool("Paths", "/Absolute", False)
    out = SAMPLE / "jakarta_sample.qgs"
    ok = project.write(str(out))
    print(out, ok)
    app.exitQgis()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Enums of the map code that moved to ``Qgis.*`` after QGIS 3.22 (the old spellings go away in 4.x).

Each constant is looked up by its new name first and its 3.22 name otherwise, lazily, so that
neither spelling has to exist on every version.
"""

import qgis.core as _core


def pick(*paths):
    """The first of the dotted ``qgis.core`` paths that exists, e.g. ``pick("Qgis.LayoutUnit.Millimeters",
    "QgsUnitTypes.LayoutUnit.LayoutMillimeters")``."""
    for path in paths:
        obj = _core
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                break
        else:
            return obj
    raise AttributeError(f"none of {paths} exists in this QGIS")


LAYOUT_MM = pick("Qgis.LayoutUnit.Millimeters", "QgsUnitTypes.LayoutUnit.LayoutMillimeters")
RENDER_POINTS = pick("Qgis.RenderUnit.Points", "QgsUnitTypes.RenderUnit.RenderPoints")
RENDER_MM = pick("Qgis.RenderUnit.Millimeters", "QgsUnitTypes.RenderUnit.RenderMillimeters")
DIST_METERS = pick("Qgis.DistanceUnit.Meters", "QgsUnitTypes.DistanceUnit.DistanceMeters")
DIST_KILOMETERS = pick("Qgis.DistanceUnit.Kilometers", "QgsUnitTypes.DistanceUnit.DistanceKilometers")
LEGEND_TITLE = pick("Qgis.LegendComponent.Title", "QgsLegendStyle.Style.Title")
LEGEND_GROUP = pick("Qgis.LegendComponent.Group", "QgsLegendStyle.Style.Group")
LEGEND_SUBGROUP = pick("Qgis.LegendComponent.Subgroup", "QgsLegendStyle.Style.Subgroup")
LEGEND_SYMBOL_LABEL = pick("Qgis.LegendComponent.SymbolLabel", "QgsLegendStyle.Style.SymbolLabel")
LEGEND_SIDE_TOP = pick("QgsLegendStyle.Side.Top")
LEGEND_SIDE_BOTTOM = pick("QgsLegendStyle.Side.Bottom")
ITEM_LOWER_LEFT = pick("QgsLayoutItem.ReferencePoint.LowerLeft")
PAGE_LANDSCAPE = pick("QgsLayoutItemPage.Orientation.Landscape", "Qgis.PageOrientation.Landscape")
PAGE_PORTRAIT = pick("QgsLayoutItemPage.Orientation.Portrait", "Qgis.PageOrientation.Portrait")
NORTH_GRID = pick("Qgis.PictureNorthMode.GridNorth", "QgsLayoutItemPicture.NorthMode.GridNorth")
ATLAS_AUTO = pick("Qgis.AtlasScalingMode.Auto", "QgsLayoutItemMap.AtlasScalingMode.Auto")
RAMP_LINEAR = pick("Qgis.ShaderInterpolationMethod.Linear", "QgsColorRampShader.Type.Interpolated")
STAT_MIN = pick("Qgis.RasterBandStatistic.Min", "QgsRasterBandStats.Stats.Min")
STAT_MAX = pick("Qgis.RasterBandStatistic.Max", "QgsRasterBandStats.Stats.Max")
EXPORT_SUCCESS = pick("QgsLayoutExporter.ExportResult.Success")
EXPORT_CANCELED = pick("QgsLayoutExporter.ExportResult.Canceled")
SCALEBAR_FIT_WIDTH = pick("Qgis.ScaleBarSegmentSizeMode.FitWidth", "QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth")
SCALEBAR_FIXED = pick("Qgis.ScaleBarSegmentSizeMode.Fixed", "QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFixed")
TEXT_ALWAYS_TEXT = pick("Qgis.TextRenderFormat.AlwaysText", "QgsRenderContext.TextFormatAlwaysText")
NO_THREADING = pick("Qgis.ProcessingAlgorithmFlag.NoThreading", "QgsProcessingAlgorithm.Flag.FlagNoThreading")
MAP_LAYER_SOURCE = pick("Qgis.ProcessingSourceType.MapLayer", "QgsProcessing.SourceType.TypeMapLayer")

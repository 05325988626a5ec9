"""QGIS raster layers -> files the core reads with GDAL, and the population log every analysis writes."""

from qgis.core import QgsRasterLayer

from ..core import population
from ..core.errors import QT_TRANSLATE_NOOP, InputError
from ..i18n import tr


def gdal_path(layer, what):
    """The file behind ``layer`` (a raster read through GDAL), or a translated InputError naming ``what``."""
    if not isinstance(layer, QgsRasterLayer) or not layer.isValid():
        raise InputError(QT_TRANSLATE_NOOP("@default", "The raster {layer} could not be loaded."), layer=what)
    if layer.providerType() != "gdal":
        raise InputError(
            QT_TRANSLATE_NOOP(
                "@default", "Only file-based rasters (GDAL) can be read: save {layer} to a GeoTIFF first."
            ),
            layer=what,
        )
    return layer.source()


def unit_name(unit):
    """The translated name of a population unit."""
    return tr("persons per km²") if unit == population.PERSONS_PER_KM2 else tr("persons per cell")


def log_population(feedback, report, what):
    """State the unit used and the persons read; warn when the numbers look like the other unit."""
    feedback.pushInfo(
        tr("Population raster {layer} read as {unit}: {persons:.0f} persons in {cells} populated cell(s).").format(
            layer=what, unit=unit_name(report.unit), persons=report.persons, cells=report.cells
        )
    )
    if not report.unit_suspect:
        return
    if report.unit == population.PERSONS_PER_CELL:
        feedback.pushWarning(
            tr(
                "Read as persons per cell, the densest cell of {layer} holds {density:.0f} persons per km² "
                "(more than 100 000): the raster probably holds persons per km². If so, set the population "
                "raster unit (POPULATION_UNIT) to persons per km²."
            ).format(layer=what, density=report.max_density_km2)
        )
    else:
        feedback.pushWarning(
            tr(
                "Read as persons per km², the densest cell of {layer} holds {density:.0f} persons per km² "
                "(more than 100 000): the raster probably holds persons per cell. If so, set the population "
                "raster unit (POPULATION_UNIT) to persons per cell."
            ).format(layer=what, density=report.max_density_km2)
        )


def report_population(feedback, path, unit, what, bounds=None, bounds_crs=None, band=1):
    """Read the population of the cells meeting ``bounds`` (all cells when None) and log it (:func:`log_population`)."""
    report = population.population_report(
        path, band=band, unit=unit, bounds=bounds, bounds_crs=bounds_crs, feedback=feedback
    )
    log_population(feedback, report, what)
    return report

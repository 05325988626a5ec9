"""The small base class shared by all our algorithms."""

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..core.errors import Cancelled, InputError
from ..i18n import tr
from ..maps.styles import style_on_load
from ..paths import resource_path

# Group ids are stable (models refer to them); names are translated.
GROUPS = {
    "hazard": lambda: tr("Hazard assessment"),
    "facilities": lambda: tr("Dual-use facilities"),
    "lifelines": lambda: tr("Lifelines"),
    "maps": lambda: tr("Maps and styles"),
}


def set_help(param, help_text, advanced=False):
    """``param.setHelp(help_text)``, and the advanced flag when asked; returns ``param``."""
    param.setHelp(help_text)
    if advanced:
        from ..compat import PARAM_ADVANCED

        param.setFlags(param.flags() | PARAM_ADVANCED)
    return param


class ResilienceAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``ALG_ID``, ``GROUP_ID``, ``ICON`` and implement ``display_name``,
    ``help_text``, ``initAlgorithm`` and ``compute``."""

    ALG_ID = ""
    GROUP_ID = "hazard"
    ICON = "resilience.svg"

    # --- identity -------------------------------------------------------------------------
    def name(self):
        return self.ALG_ID

    def displayName(self):  # noqa: N802 - QGIS API
        return self.display_name()

    def display_name(self):
        raise NotImplementedError

    def group(self):
        return GROUPS[self.GROUP_ID]()

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def createInstance(self):  # noqa: N802
        return type(self)()

    def icon(self):
        return QIcon(str(resource_path("icons", self.ICON)))

    def svgIconPath(self):  # noqa: N802
        return str(resource_path("icons", self.ICON))

    def shortHelpString(self):  # noqa: N802
        return self.help_text()

    def help_text(self):
        return ""

    def tags(self):
        return [tr("resilience"), tr("hazard"), "韧性", "resilience"]

    # --- running --------------------------------------------------------------------------
    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if ok:
            message = self.check_values(parameters, context)
            ok = not message
        return ok, message or ""

    def check_values(self, parameters, context):
        """Pure parameter checks (no data read): the translated message of the first problem, or None.
        Shown by the dialog before the run (checkParameterValues) and checked again when the run starts."""
        return None

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        try:
            message = self.check_values(parameters, context)
            if message:
                raise QgsProcessingException(message)
            return self.compute(parameters, context, feedback)
        except InputError as err:
            message = err.translated(tr)
        except Cancelled:
            message = tr("Cancelled by the user; no output was written.")
        except QgsProcessingException as err:
            message = err.args[0] if err.args else str(err)
        # Raised outside the except blocks: the exception the caller keeps carries no traceback into our
        # frames, so layers, layouts and arrays built for the run are freed now, not at QGIS exit.
        raise QgsProcessingException(message)

    def compute(self, parameters, context, feedback):
        raise NotImplementedError

    @staticmethod
    def fail(message):
        """Raise the error the user sees (``message`` already translated)."""
        raise QgsProcessingException(message)

    def add_unit_parameters(self, units_help, id_help, units="UNITS", id_field="UNIT_ID_FIELD"):
        """The optional admin-unit polygons and their id field, the same in every algorithm."""
        from qgis.core import QgsProcessingParameterFeatureSource, QgsProcessingParameterField

        from ..compat import FIELD_ANY, SOURCE_POLYGON

        p = QgsProcessingParameterFeatureSource(units, tr("Admin units"), types=[SOURCE_POLYGON], optional=True)
        p.setHelp(units_help)
        self.addParameter(p)
        p = QgsProcessingParameterField(id_field, tr("Unit id field"), parentLayerParameterName=units, type=FIELD_ANY, optional=True)
        p.setHelp(id_help)
        self.addParameter(p)

    # --- the population raster's unit: one name, one default, the same in every algorithm ----------
    POPULATION_UNIT = "POPULATION_UNIT"
    # older names that models and scripts may still pass (hidden, mapped onto POPULATION_UNIT)
    POPULATION_MODE = "POPULATION_MODE"  # enum: 0 persons per cell, 1 persons per km²
    RASTER_DENSITY = "RASTER_DENSITY"  # bool: True = persons per km²

    def add_population_unit_parameter(self):
        """``POPULATION_UNIT`` (0 persons per km², the default; 1 persons per cell), plus the hidden
        old names ``POPULATION_MODE`` and ``RASTER_DENSITY`` so that models and scripts keep working."""
        from qgis.core import QgsProcessingParameterBoolean, QgsProcessingParameterEnum

        from ..compat import PARAM_HIDDEN

        p = QgsProcessingParameterEnum(self.POPULATION_UNIT, tr("Population raster unit"),
                                       options=[tr("Persons per km² (density)"), tr("Persons per cell")], defaultValue=0,
                                       optional=True)  # optional: models saved with an old name still validate
        p.setHelp(tr("What the population raster's cells hold. Persons per km² (the default, as in the sample raster): each "
                     "cell counts its density x its true (geodesic) area. Persons per cell: each cell counts its value. The log "
                     "states the persons read and warns when the numbers look like the other unit."))
        self.addParameter(p)
        mode = QgsProcessingParameterEnum(self.POPULATION_MODE, self.POPULATION_MODE, options=["0", "1"], optional=True)
        mode.setHelp(tr("Old name, kept for models and scripts: 0 persons per cell, 1 persons per km². Use POPULATION_UNIT."))
        density = QgsProcessingParameterBoolean(self.RASTER_DENSITY, self.RASTER_DENSITY, optional=True)
        density.setHelp(tr("Old name, kept for models and scripts: True persons per km², False persons per cell. Use POPULATION_UNIT."))
        for old in (mode, density):
            old.setFlags(old.flags() | PARAM_HIDDEN)
            self.addParameter(old)

    def population_unit(self, parameters, context):
        """The core unit (``population.PERSONS_PER_KM2`` or ``PERSONS_PER_CELL``) the user chose,
        through ``POPULATION_UNIT`` or one of its old names."""
        from ..core import population

        if parameters.get(self.POPULATION_UNIT) is None:
            if parameters.get(self.POPULATION_MODE) is not None:
                mode = self.parameterAsEnum(parameters, self.POPULATION_MODE, context)
                return population.PERSONS_PER_KM2 if mode == 1 else population.PERSONS_PER_CELL
            if parameters.get(self.RASTER_DENSITY) is not None:
                density = self.parameterAsBoolean(parameters, self.RASTER_DENSITY, context)
                return population.PERSONS_PER_KM2 if density else population.PERSONS_PER_CELL
        choice = self.parameterAsEnum(parameters, self.POPULATION_UNIT, context)
        return population.PERSONS_PER_CELL if choice == 1 else population.PERSONS_PER_KM2

    @staticmethod
    def advanced(param):
        """Mark a parameter as advanced (QGIS 3.22 and 3.36+ spellings) and return it."""
        from ..compat import PARAM_ADVANCED

        param.setFlags(param.flags() | PARAM_ADVANCED)
        return param

    @staticmethod
    def style_output(context, dest_id, style_name):
        style_on_load(context, dest_id, style_name)

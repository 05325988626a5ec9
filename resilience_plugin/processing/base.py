"""The small base class shared by all our algorithms."""

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..core.errors import Cancelled, InputError
from ..i18n import tr
from ..maps.styles import style_on_load
from ..paths import resource_path
from .help import for_dialog

# Group ids are stable (models refer to them); names are translated.
GROUPS = {
    "hazard": lambda: tr("Hazard assessment"),
    "facilities": lambda: tr("Dual-use facilities"),
    "lifelines": lambda: tr("Lifelines"),
    "maps": lambda: tr("Maps and styles"),
}

# The planning workflow: the order of the menu, the toolbar and the toolbox groups. QGIS's toolbox
# sorts groups by their displayed name (locale-aware), so group names carry their step number.
WORKFLOW = {
    "hazard": ["classifyhazard", "hazardoverlay", "exposuresummary"],
    "facilities": ["ahpweights", "facilitysuitability", "sheltercoverage"],
    "lifelines": ["lifelineexposure", "networkcriticality"],
    "maps": ["applystyle", "exportplanmap"],
}


def group_name(group_id):
    """The displayed group name with its workflow step, e.g. "1. Hazard assessment" / "1. 灾害评估"."""
    step = list(WORKFLOW).index(group_id) + 1 if group_id in WORKFLOW else len(WORKFLOW) + 1
    return tr("{step}. {group}").format(step=step, group=GROUPS[group_id]())


def workflow_order(algorithms):
    """``algorithms`` grouped as [(group_id, [alg, ...]), ...] in workflow order; unknown ones last in their group."""
    groups = {gid: [] for gid in WORKFLOW}
    for alg in algorithms:
        groups.setdefault(alg.groupId(), []).append(alg)

    def rank(gid, alg):
        names = WORKFLOW.get(gid, [])
        return (names.index(alg.name()) if alg.name() in names else len(names), alg.name())

    return [(gid, sorted(algs, key=lambda a, g=gid: rank(g, a))) for gid, algs in groups.items() if algs]


class ResilienceAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``ALG_ID``, ``GROUP_ID``, ``ICON`` and implement ``display_name``,
    ``help_text``, ``initAlgorithm`` and ``compute``."""

    ALG_ID = ""
    GROUP_ID = "hazard"
    ICON = "resilience.svg"

    def __init_subclass__(cls, **kwargs):
        """Parameter help, like the algorithm help, names the dialog's labels first (see help.py)."""
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("initAlgorithm")
        if init is None:
            return

        def init_algorithm(self, config=None):
            init(self, config)
            definitions = self.parameterDefinitions()
            for d in definitions:
                if d.help():
                    d.setHelp(for_dialog(d.help(), definitions))

        init_algorithm.__doc__ = init.__doc__
        cls.initAlgorithm = init_algorithm

    # --- identity -------------------------------------------------------------------------
    def name(self):
        return self.ALG_ID

    def displayName(self):  # noqa: N802 - QGIS API
        return self.display_name()

    def display_name(self):
        raise NotImplementedError

    def group(self):
        return group_name(self.GROUP_ID)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def createInstance(self):  # noqa: N802
        return type(self)()

    def icon(self):
        return QIcon(str(resource_path("icons", self.ICON)))

    def svgIconPath(self):  # noqa: N802
        return str(resource_path("icons", self.ICON))

    def shortHelpString(self):  # noqa: N802
        return for_dialog(self.help_text(), self.parameterDefinitions())

    def help_text(self):
        return ""

    def tags(self):
        return [tr("resilience"), tr("hazard"), "韧性", "resilience"]

    # --- running --------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        try:
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

    def add_population_mode_parameter(self, name="POPULATION_MODE"):
        """Whether a population raster holds persons per cell (0) or per km² (1)."""
        from qgis.core import QgsProcessingParameterEnum

        p = QgsProcessingParameterEnum(name, tr("Population raster values"), options=[tr("Persons per cell"), tr("Persons per km²")],
                                       defaultValue=0)
        p.setHelp(tr("Whether the raster holds counts per cell or densities in persons per km² (then each cell counts density x its true area)."))
        self.addParameter(p)

    @staticmethod
    def advanced(param):
        """Mark a parameter as advanced (QGIS 3.22 and 3.36+ spellings) and return it."""
        from ..compat import PARAM_ADVANCED

        param.setFlags(param.flags() | PARAM_ADVANCED)
        return param

    @staticmethod
    def style_output(context, dest_id, style_name):
        style_on_load(context, dest_id, style_name)

    def name_output(self, context, dest_id, output, *qualifiers):
        """Name the layer QGIS loads for ``dest_id`` by what it holds: the output's label and what sets it
        apart from another run, e.g. "灾害分区 · flood", "步行覆盖 · 10 min". Outputs saved to a file keep
        the file name when QGIS is set to prefer it (its default)."""
        if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
            return None
        name = " · ".join([self.parameterDefinition(output).description()] + [str(q) for q in qualifiers if q not in (None, "")])
        context.layerToLoadOnCompletionDetails(dest_id).name = name
        return name

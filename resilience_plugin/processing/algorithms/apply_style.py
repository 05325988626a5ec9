"""resilience:applystyle — Apply plan-map style (应用规划图样式)."""

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterEnum,
    QgsProcessingParameterVectorLayer,
)

from ... import compat as en
from ...compat import SOURCE_ANY_GEOMETRY
from ...i18n import tr
from ...maps import styles as st
from ..base import ResilienceAlgorithm

NO_THREADING = en.NO_THREADING



def style_titles():
    return {
        "hazard_level": tr("Hazard / risk levels (field level)"),
        "exposure_level": tr("Exposure by hazard level (field level)"),
        "suitability_grade": tr("Suitability grades (field grade)"),
        "coverage_demand": tr("Coverage: covered / unserved (field covered)"),
        "facility_load": tr("Facility load (field load_ratio)"),
        "service_area": tr("Service areas"),
        "lifeline_level": tr("Lifeline exposure by level (field max_level)"),
        "lifeline_pfail": tr("Lifeline failure probability (field p_fail)"),
        "criticality_links": tr("Link criticality (field isolated_persons)"),
        "criticality_demand": tr("Isolated demand points (field isolated)"),
    }


class ApplyStyle(ResilienceAlgorithm):
    ALG_ID = "applystyle"
    GROUP_ID = "maps"
    ICON = "apply_style.svg"

    INPUT = "INPUT"
    STYLE = "STYLE"
    PALETTE = "PALETTE"
    LABELS = "LABELS"
    OUTPUT = "OUTPUT"

    def display_name(self):
        return tr("Apply plan-map style")

    def flags(self):
        # Changes the renderer of a project layer: run on the main thread.
        return super().flags() | NO_THREADING

    def help_text(self):
        return tr(
            "Gives a layer the plugin's plan-map style for its output type: hazard and risk levels in the red / "
            "orange / yellow / blue convention of Chinese planning maps (level 0 light grey), suitability grades, "
            "coverage (covered / unserved), facility load, service areas, lifeline exposure by level or failure "
            "probability, link criticality and isolated demand points.\n\n"
            "STYLE 'Detect' chooses the style from the layer's fields (level, grade, covered, load_ratio, max_level, "
            "p_fail, isolated_persons, isolated) and geometry. PALETTE: the default colours or a colour-blind-safe "
            "alternative (resources/standards/palettes.json; the styles are in resources/styles). LABELS: legend "
            "labels in Chinese and English, in the QGIS interface language, or in one language.\n\n"
            "The layer's data are not changed, only its style. A layer given as a file path is loaded with the style."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterVectorLayer(self.INPUT, tr("Layer"), types=[SOURCE_ANY_GEOMETRY])
        p.setHelp(tr("The layer to style, usually an output of one of our algorithms."))
        self.addParameter(p)
        titles = style_titles()
        p = QgsProcessingParameterEnum(self.STYLE, tr("Style"), options=[tr("Detect from the layer's fields")] + [
            titles[name] for name in st.STYLE_NAMES], defaultValue=0)
        p.setHelp(tr("Which style to apply; 'Detect' picks it from the field names and the geometry type."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.PALETTE, tr("Palette"), options=[
            tr("Default (red / orange / yellow / blue)"), tr("Colour-blind safe")], defaultValue=0)
        p.setHelp(tr("The default planning colours, or a palette that stays distinguishable with colour-blindness."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.LABELS, tr("Legend labels"), options=[
            tr("Chinese / English"), tr("Interface language"), tr("Chinese"), tr("English")], defaultValue=0)
        p.setHelp(tr("Language of the legend labels."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputVectorLayer(self.OUTPUT, tr("Styled layer")))

    def compute(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if layer is None or not layer.isValid():
            self.fail(tr("The layer could not be loaded."))
        index = self.parameterAsEnum(parameters, self.STYLE, context)
        if index == 0:
            name = st.detect_style(layer)
            if name is None:
                self.fail(tr("No plan-map style fits the layer '{name}': it has none of the fields level, grade, covered, "
                             "load_ratio, max_level, p_fail, isolated_persons or isolated for its geometry type. Choose "
                             "a STYLE explicitly.").format(name=layer.name()))
        else:
            name = st.STYLE_NAMES[index - 1]
        palette = st.PALETTES[self.parameterAsEnum(parameters, self.PALETTE, context)]
        labels = st.resolve_labels(self.parameterAsEnum(parameters, self.LABELS, context))  # the same order as st.LABELS_*
        if st.style_path(name, st.layer_kind(layer), palette) is None:
            self.fail(tr("The style '{name}' has no file for {kind} layers in resources/styles.").format(
                name=name, kind=st.layer_kind(layer)))
        ok, message = st.apply_named_style(layer, name, palette, labels)
        if not ok:
            self.fail(tr("Could not apply the style '{name}': {message}").format(name=name, message=message))
        project = context.project()
        if project is None or project.mapLayer(layer.id()) is None:
            # Loaded from a path for this run: load it into the project with the style when done.
            processor = st.keep_alive(st.StylePostProcessor(name, palette, labels))
            if project is not None:
                details = QgsProcessingContext.LayerDetails(layer.name(), project, self.OUTPUT)
                details.setPostProcessor(processor)
                context.addLayerToLoadOnCompletion(layer.id(), details)
        feedback.pushInfo(tr("Applied the style '{name}' ({palette}).").format(name=name, palette=palette))
        return {self.OUTPUT: layer.id()}

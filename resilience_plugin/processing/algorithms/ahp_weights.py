"""resilience:ahpweights — AHP weights (层次分析法权重)."""

import pandas as pd
from qgis.core import (
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterString,
)

from ...compat import SOURCE_TABLE, WKB_NOGEOMETRY
from ...core import ahp
from ...i18n import tr
from ...qgis_io.vector import make_fields, write_features
from ..base import ResilienceAlgorithm

WIDGET_WRAPPER = "resilience_plugin.gui.ahp_matrix_widget.AhpMatrixWidgetWrapper"


class AhpWeights(ResilienceAlgorithm):
    ALG_ID = "ahpweights"
    GROUP_ID = "facilities"
    ICON = "ahp_weights.svg"

    CRITERIA = "CRITERIA"
    MATRIX = "MATRIX"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    LAMBDA_MAX = "LAMBDA_MAX"
    CI = "CI"
    CR = "CR"
    CONSISTENT = "CONSISTENT"

    def display_name(self):
        return tr("AHP weights")

    def tags(self):
        return [tr("AHP"), tr("weights"), "层次分析法", "权重", "AHP"]

    def help_text(self):
        return tr(
            "Derives criterion weights from a pairwise comparison matrix by the Analytic Hierarchy Process "
            "(Saaty).\n\n"
            "CRITERIA: the names, separated by commas. MATRIX: the full n x n comparison matrix, row by row, "
            "on Saaty's 1/9 ... 9 scale (a_ij = how much more important criterion i is than j; fractions such "
            "as 1/3 are accepted). The diagonal must be 1 and a_ji = 1 / a_ij. In the dialog you only edit the "
            "upper triangle: the reciprocals and the consistency ratio update as you type, in red when CR >= 0.10.\n\n"
            "Method: the weights are the principal eigenvector of the matrix, normalised to sum 1; "
            "CI = (lambda_max - n) / (n - 1), CR = CI / RI with Saaty's random index RI for n <= 15 "
            "(resources/standards/ahp.json; values for n > 10 are marked unverified there). "
            "The judgements are consistent when CR < 0.10.\n\n"
            "Outputs: OUTPUT_TABLE with fields criterion and weight (use it as the weights of Dual-use "
            "facility suitability); the numbers LAMBDA_MAX, CI, CR and the boolean CONSISTENT."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterString(self.CRITERIA, tr("Criteria (comma separated)"),
                                         defaultValue="safety,access,capacity,population,hospital,lifeline")
        p.setHelp(tr("The names of the criteria compared, in the order of the matrix rows, e.g. safety,access,capacity."))
        self.addParameter(p)
        p = QgsProcessingParameterMatrix(self.MATRIX, tr("Pairwise comparison matrix"), numberRows=0,
                                         hasFixedNumberRows=False, headers=[tr("Value")])
        p.setHelp(tr("The full n x n matrix row by row (Saaty 1/9 ... 9, fractions like 1/3 allowed). "
                     "The diagonal is 1 and a_ji = 1 / a_ij."))
        p.setMetadata({"widget_wrapper": {"class": WIDGET_WRAPPER}})
        self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("AHP weights"), type=SOURCE_TABLE))
        self.addOutput(QgsProcessingOutputNumber(self.LAMBDA_MAX, tr("Principal eigenvalue (lambda max)")))
        self.addOutput(QgsProcessingOutputNumber(self.CI, tr("Consistency index CI")))
        self.addOutput(QgsProcessingOutputNumber(self.CR, tr("Consistency ratio CR")))
        self.addOutput(QgsProcessingOutputBoolean(self.CONSISTENT, tr("Consistent (CR < 0.10)")))

    def compute(self, parameters, context, feedback):
        criteria = ahp.parse_criteria(self.parameterAsString(parameters, self.CRITERIA, context))
        values = self.parameterAsMatrix(parameters, self.MATRIX, context)
        if not values:
            self.fail(tr("Fill in the comparison matrix (MATRIX): {n} x {n} values, row by row.").format(n=len(criteria)))
        matrix = ahp.parse_matrix(values, len(criteria))
        res = ahp.ahp_weights(matrix)
        table = pd.DataFrame({"criterion": criteria, "weight": res.weights})
        fields = make_fields([("criterion", "string"), ("weight", "double")])
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields, WKB_NOGEOMETRY)
        write_features(sink, fields, None, table, feedback)
        for name, w in zip(criteria, res.weights):
            feedback.pushInfo(tr("{criterion}: weight {weight:.4f}").format(criterion=name, weight=w))
        feedback.pushInfo(tr("lambda max = {lam:.4f}, CI = {ci:.4f}, RI = {ri:.2f}, CR = {cr:.4f}").format(
            lam=res.lambda_max, ci=res.ci, ri=res.ri, cr=res.cr))
        if not res.consistent:
            feedback.pushWarning(tr("CR = {cr:.3f} is not below 0.10: the judgements are inconsistent; revise the matrix.").format(cr=res.cr))
        return {self.OUTPUT_TABLE: dest_id, self.LAMBDA_MAX: res.lambda_max, self.CI: res.ci, self.CR: res.cr,
                self.CONSISTENT: res.consistent}

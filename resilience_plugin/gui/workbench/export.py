"""Exports of the workbench: the tables as one XLSX workbook, and the steps as a Processing model.

The workbook is written with GDAL's XLSX driver (no extra Python package): one sheet per statistic,
headers in Chinese or English (chosen for the document, whatever the interface language, so the
labels are given in both languages here rather than through the Qt catalogue).
"""

from pathlib import Path

from osgeo import ogr

ZH, EN = "zh", "en"

# (step, call, output, sheet name zh, sheet name en)
SHEETS = (
    ("hazards", "overlay", "OUTPUT_TABLE", "灾害等级面积与人口", "Hazard area and population"),
    ("exposure", "exposure_buildings", "OUTPUT_TABLE", "建筑与人口暴露", "Buildings and people exposed"),
    ("exposure", "exposure_roads", "OUTPUT_TABLE", "道路暴露", "Roads exposed"),
    ("loss", "loss", "OUTPUT_TABLE", "直接经济损失", "Direct economic loss"),
    ("loss", "compare", "OUTPUT_TABLE", "情景对比", "Scenario comparison"),
    ("facilities", "suitability", "OUTPUT", "平急两用设施适宜性", "Dual-use facility suitability"),
    ("coverage", "coverage", "OUTPUT_TABLE", "避难场所覆盖", "Shelter coverage"),
    ("coverage", "evacuation", "OUTPUT_TABLE", "人口转移安置", "Evacuation"),
    ("coverage", "supply", "OUTPUT_TABLE", "物资前置调度", "Supply plan"),
    ("coverage", "lifecircle", "OUTPUT_TABLE", "15分钟生活圈", "15-minute life circle"),
    ("lifelines", "lifeline_0", "OUTPUT_TABLE", "生命线暴露", "Lifeline exposure"),
    ("lifelines", "criticality", "OUTPUT_TABLE", "医院可达性孤立人口", "Isolated from hospitals"),
    ("lifelines", "towers", "OUTPUT_TABLE", "输电线路杆塔失效", "Power lines from their towers"),
    ("lifelines", "cascade", "OUTPUT_TABLE", "级联失效断供人口", "Persons without service"),
)

HEADERS = {
    "unit_id": ("行政单元", "Admin unit"),
    "level": ("灾害等级", "Hazard level"),
    "area_m2": ("面积（平方米）", "Area (m²)"),
    "area_share": ("面积占比", "Area share"),
    "population": ("人口（人）", "Population (persons)"),
    "class": ("类别", "Class"),
    "count": ("数量", "Count"),
    "length_m": ("长度（米）", "Length (m)"),
    "length_km": ("长度（千米）", "Length (km)"),
    "value": ("数值（人口为人数）", "Value (persons for population)"),
    "covered": ("覆盖人口（人）", "Persons covered"),
    "coverage_pct": ("覆盖率（%）", "Coverage (%)"),
    "capacity": ("容量（人）", "Capacity (persons)"),
    "deficit": ("缺口（人）", "Deficit (persons)"),
    "persons": ("人口（人）", "Persons"),
    "isolated_persons": ("孤立人口（人）", "Persons isolated"),
    "detour_persons": ("绕行人口（人）", "Persons with detours"),
    "asset_type": ("设施类型", "Asset type"),
    "expected_repairs": ("预计维修次数", "Expected repairs"),
    "expected_failed": ("预计失效数", "Expected failed"),
    "site_id": ("场所编号", "Site id"),
    "name": ("名称", "Name"),
    "type": ("类型", "Type"),
    "functions": ("应急功能", "Emergency functions"),
    "eligible": ("是否合格", "Eligible"),
    "reasons": ("原因", "Reasons"),
    "hazard_level": ("所在灾害等级", "Hazard level at site"),
    "effective_area_m2": ("有效面积（平方米）", "Effective area (m²)"),
    "score": ("得分", "Score"),
    "grade": ("适宜性等级", "Grade"),
    "capacity_persons": ("避难容量（人）", "Shelter capacity (persons)"),
    "rank": ("排序", "Rank"),
    "system": ("系统", "System"),
    "without_mean": ("断供人口均值（人）", "Persons without (mean)"),
    "without_p05": ("断供人口5%分位（人）", "Persons without (5th percentile)"),
    "without_p95": ("断供人口95%分位（人）", "Persons without (95th percentile)"),
    "share_without": ("断供人口比例", "Share without"),
}
KEY_SHEET = ("关键指标", "Key numbers")
KEY_HEADERS = (("步骤", "Step"), ("指标", "Indicator"), ("数值", "Value"))
STEP_NAMES = {
    "hazards": ("灾害分级与叠加", "Hazards"),
    "exposure": ("承灾体暴露", "Exposure"),
    "loss": ("直接经济损失与情景对比", "Economic loss and scenarios"),
    "facilities": ("平急两用设施", "Dual-use facilities"),
    "coverage": ("覆盖与分配", "Coverage and allocation"),
    "lifelines": ("生命线", "Lifelines"),
}
# Key numbers in the document language: (step, key, zh, en)
KEY_LABELS = (
    ("hazards", "population_by_level", "{level} 级灾害区人口（人）", "Persons in hazard level {level}"),
    ("hazards", "area_m2_by_level", "{level} 级灾害区面积（平方米）", "Area of hazard level {level} (m²)"),
    ("exposure", "buildings_by_level", "{level} 级灾害区建筑（栋）", "Buildings in hazard level {level}"),
    ("exposure", "persons_by_level", "{level} 级灾害区暴露人口（人）", "Persons exposed at level {level}"),
    ("exposure", "road_m_by_level", "{level} 级灾害区道路长度（米）", "Road length at level {level} (m)"),
    ("loss", "total_loss", "直接经济损失（元）", "Direct economic loss (CNY)"),
    ("loss", "damaged_buildings", "受损建筑（栋）", "Damaged buildings"),
    ("loss", "baseline_loss", "基准情景直接经济损失（元）", "Loss in the baseline scenario (CNY)"),
    ("loss", "loss_change", "较基准情景变化（元）", "Change against the baseline (CNY)"),
    ("facilities", "candidates", "候选设施（处）", "Candidate sites"),
    ("facilities", "eligible", "合格设施（处）", "Eligible sites"),
    ("facilities", "eligible_capacity", "合格设施避难容量（人）", "Capacity of eligible sites (persons)"),
    ("coverage", "persons", "人口（人）", "Persons"),
    ("coverage", "covered_persons", "步行时限内可达人口（人）", "Persons within the walking limit"),
    ("coverage", "covered_pct", "步行时限内可达人口比例（%）", "Share within the walking limit (%)"),
    ("coverage", "capacity_in_service", "可用避难容量（人）", "Shelter capacity in service (persons)"),
    ("coverage", "evacuees", "需转移人口（人）", "Persons to evacuate"),
    ("coverage", "evacuees_placed", "已安置人口（人）", "Evacuees placed"),
    ("coverage", "evacuees_unplaced", "未安置人口（人）", "Evacuees without a place"),
    ("coverage", "life_circle_all_pct", "各项服务均可步行到达的人口比例（%）", "Share reaching every service (%)"),
    ("lifelines", "failed_m", "失效生命线长度（米）", "Failed lifeline length (m)"),
    ("lifelines", "isolated_persons", "与医院隔绝人口（人）", "Persons isolated from hospitals"),
    ("lifelines", "expected_failed_towers", "预计失效杆塔（基）", "Towers expected to fail"),
    ("lifelines", "power_lines_down", "可能中断的输电线路（条）", "Power lines likely down"),
    ("lifelines", "cascade_expected_out", "预计停止运行的生命线设施（个）", "Lifeline assets expected out of service"),
    ("lifelines", "cascade_hospitals_out", "预计停止运行的医院（所）", "Hospitals expected out of service"),
)


def header(name, language):
    pair = HEADERS.get(name)
    if not pair:
        return name
    return {ZH: pair[0], EN: pair[1]}.get(language, f"{pair[0]} {pair[1]}")


MAX_SHEET = 31  # Excel's limit on a sheet name


def sheet_name(text, taken=()):
    """``text`` as a sheet name: no ``[]:*?/\\``, at most 31 characters, and unlike every name in
    ``taken`` (compared without case, as Excel does): a repeated name ends in " 2", " 3", ..."""
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    text = text.strip() or "Sheet"
    used = {t.lower() for t in taken}
    name, n = text[:MAX_SHEET].rstrip(), 1
    while name.lower() in used:
        n += 1
        suffix = f" {n}"
        name = text[: MAX_SHEET - len(suffix)].rstrip() + suffix
    return name


def key_rows(scenario_runs, language):
    """(step, indicator, value) rows of the key numbers of every step that ran."""
    rows = []
    pick = 1 if language == EN else 0
    for step, key, zh, en in KEY_LABELS:
        value = scenario_runs.get(step, {}).get("numbers", {}).get(key)
        if value is None:
            continue
        step_name = STEP_NAMES[step][pick]
        label = en if language == EN else zh
        if isinstance(value, dict):
            for level, v in value.items():
                if int(level) > 0:
                    rows.append((step_name, label.format(level=level), float(v)))
        else:
            rows.append((step_name, label, float(value)))
    return rows


def _table_sheets(scenario_runs):
    """(source file, zh name, en name) of every table the runs wrote, in the order of ``SHEETS``; a
    sheet per lifeline layer (lifeline_0, lifeline_1, ...), named by its asset types when there are several."""
    out = []
    for step, call, output, zh, en in SHEETS:
        outputs = scenario_runs.get(step, {}).get("outputs", {})
        calls = [call]
        if call == "lifeline_0":
            calls = sorted((k for k in outputs if k.startswith("lifeline_")), key=lambda k: int(k.split("_")[1]))
        for key in calls:
            path = outputs.get(key, {}).get(output)
            if not path or not Path(path).exists():
                continue
            if len(calls) > 1:
                types = ", ".join(_distinct(path, "asset_type")) or str(int(key.split("_")[1]) + 1)
                out.append((path, f"{zh}（{types}）", f"{en} ({types})"))
            else:
                out.append((path, zh, en))
    return out


def _distinct(path, field):
    """The distinct non-empty values of ``field`` in the file at ``path``, in order of appearance."""
    ds = ogr.Open(str(path))
    lyr = ds.GetLayer(0)
    if lyr.GetLayerDefn().GetFieldIndex(field) < 0:
        return []
    values = (str(f.GetField(field)) for f in lyr if f.IsFieldSetAndNotNull(field))
    return [v for v in dict.fromkeys(values) if v]


def _write_sheet(ds, name, columns, rows):
    """A sheet ``name`` with ``columns`` [(header, OGR field type)] and ``rows`` (value tuples, None = empty)."""
    lyr = ds.CreateLayer(name, geom_type=ogr.wkbNone)
    for title, kind in columns:
        lyr.CreateField(ogr.FieldDefn(title, kind))
    defn = lyr.GetLayerDefn()
    for row in rows:
        feat = ogr.Feature(defn)
        for i, v in enumerate(row):
            if v is not None:
                feat.SetField(i, v)
        lyr.CreateFeature(feat)
    return lyr.GetName()


def _source_table(path, language):
    """The columns (headers in ``language``) and rows of the first layer of the file at ``path``."""
    src = ogr.Open(str(path))
    src_lyr = src.GetLayer(0)
    defn = src_lyr.GetLayerDefn()
    columns = []
    for i in range(defn.GetFieldCount()):
        fd = defn.GetFieldDefn(i)
        kind = fd.GetType()
        if kind not in (ogr.OFTInteger, ogr.OFTInteger64, ogr.OFTReal):
            kind = ogr.OFTString
        columns.append((header(fd.GetName(), language), kind))
    rows = [
        tuple(feat.GetField(i) if feat.IsFieldSetAndNotNull(i) else None for i in range(len(columns)))
        for feat in src_lyr
    ]
    return columns, rows


def export_tables(scenario_runs, path, language=ZH):
    """Write the key numbers and every table of the runs into the XLSX workbook ``path``.

    Returns the sheet names written. Raises ``OSError`` when the file cannot be written."""
    path = Path(path)
    if path.exists():
        path.unlink()
    driver = ogr.GetDriverByName("XLSX")
    ds = driver.CreateDataSource(str(path))
    if ds is None:
        raise OSError(str(path))
    pick = 1 if language == EN else 0
    key_columns = [(pair[pick], kind) for pair, kind in zip(KEY_HEADERS, (ogr.OFTString, ogr.OFTString, ogr.OFTReal))]
    written = [_write_sheet(ds, sheet_name(KEY_SHEET[pick]), key_columns, key_rows(scenario_runs, language))]
    for src_path, zh, en in _table_sheets(scenario_runs):
        columns, rows = _source_table(src_path, language)
        written.append(_write_sheet(ds, sheet_name(en if language == EN else zh, written), columns, rows))
    ds = None
    return written


# --- the steps as a model -------------------------------------------------------------------------
def export_model(prepared_steps, path, name="Resilience assessment"):
    """Write the prepared steps (their resolved calls, in order) as a ``.model3`` file.

    Layers are static inputs (their sources); an output of an earlier call becomes a connection, so
    the model reruns the whole chain in the graphical modeler. Returns True when the file was written."""
    from qgis.core import (
        QgsApplication,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
    )
    from qgis.PyQt.QtCore import QPointF

    model = QgsProcessingModelAlgorithm(name, "Resilience Planner")
    by_path = {}  # output file -> (child id, output name)
    for column, prepared in enumerate(prepared_steps):
        for row, call in enumerate(prepared.calls):
            child_id = f"{prepared.step}_{call.key}"
            child = QgsProcessingModelChildAlgorithm(call.alg)
            child.setChildId(child_id)
            child.setDescription(f"{prepared.step}: {call.key}")
            child.setPosition(QPointF(200 + 300 * column, 80 + 150 * row))
            outputs = prepared.outputs[call.key]
            for pname, value in prepared.resolved[call.key].items():
                if pname in outputs:
                    continue
                values = value if isinstance(value, list) else [value]
                sources = []
                for v in values:
                    if isinstance(v, str) and v in by_path:
                        sources.append(QgsProcessingModelChildParameterSource.fromChildOutput(*by_path[v]))
                    else:
                        sources.append(QgsProcessingModelChildParameterSource.fromStaticValue(v))
                child.addParameterSources(pname, sources)
            # As the modeler does: every other parameter gets its default, so the model validates.
            alg = QgsApplication.processingRegistry().algorithmById(call.alg)
            given = prepared.resolved[call.key]
            for definition in alg.parameterDefinitions() if alg is not None else []:
                if definition.name() in given or definition.isDestination() or definition.defaultValue() is None:
                    continue
                child.addParameterSources(
                    definition.name(),
                    [QgsProcessingModelChildParameterSource.fromStaticValue(definition.defaultValue())],
                )
            model_outputs = {}
            for output in call.load or list(outputs):
                mo = QgsProcessingModelOutput(f"{child_id}_{output}".lower(), f"{call.key} {output}")
                mo.setChildId(child_id)
                mo.setChildOutputName(output)
                model_outputs[mo.name()] = mo
            child.setModelOutputs(model_outputs)
            model.addChildAlgorithm(child)
            for output, out_path in outputs.items():
                by_path[out_path] = (child_id, output)
    model.updateDestinationParameters()
    return model.toFile(str(path))

"""resilience:facilitysuitability — Dual-use facility suitability (平急两用设施适宜性评价)."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import (
    FIELD_ANY,
    FIELD_NUMERIC,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    SOURCE_ANY_GEOMETRY,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_POLYGON,
    SOURCE_RASTER,
    SOURCE_TABLE,
    WKB_MULTIPOLYGON,
    WKB_POINT,
    geometry_kind,
)
from ...core import ahp, overlay, suitability
from ...core import geometry as geo
from ...core import network as nw
from ...core.classify import normalize_key
from ...i18n import tr
from ...qgis_io.crs import to_pyproj, working_crs
from ...qgis_io.demand import read_demand, representative_points
from ...qgis_io.vector import input_source, make_fields, read_source, report_reading, write_features
from ..base import ResilienceAlgorithm, field_of_map_layer, set_help

TYPOLOGY_WRAPPER = "resilience_plugin.gui.editor_wrappers.TypologyFileWrapper"
DEFAULT_MAIN = "motorway,trunk,primary,secondary,tertiary,motorway_link,trunk_link,primary_link,secondary_link,tertiary_link"


def class_names():
    table = suitability.shelter_table()
    return [f"{table['classes'][k]['zh']} / {table['classes'][k]['en']}" for k in table["class_order"]]


class FacilitySuitability(ResilienceAlgorithm):
    ALG_ID = "facilitysuitability"
    GROUP_ID = "facilities"
    ICON = "facility_suitability.svg"

    CANDIDATES = "CANDIDATES"
    TYPE_FIELD = "TYPE_FIELD"
    TYPE_MAP = "TYPE_MAP"
    TYPOLOGY_FILE = "TYPOLOGY_FILE"
    NAME_FIELD = "NAME_FIELD"
    AREA_FIELD = "AREA_FIELD"
    EFFECTIVE_RATIO = "EFFECTIVE_RATIO"
    FLOORS_FIELD = "FLOORS_FIELD"
    SHELTER_CLASS = "SHELTER_CLASS"
    PER_CAPITA_M2 = "PER_CAPITA_M2"
    MIN_AREA_M2 = "MIN_AREA_M2"
    HAZARD = "HAZARD"
    HAZARD_LEVEL_FIELD = "HAZARD_LEVEL_FIELD"
    EXCLUDE_LEVEL = "EXCLUDE_LEVEL"
    HAZARD_SOURCES = "HAZARD_SOURCES"
    SOURCE_BUFFER_M = "SOURCE_BUFFER_M"
    ROADS = "ROADS"
    ROAD_CLASS_FIELD = "ROAD_CLASS_FIELD"
    MAIN_ROAD_CLASSES = "MAIN_ROAD_CLASSES"
    POPULATION = "POPULATION"
    POPULATION_FIELD = "POPULATION_FIELD"
    WALK_LIMIT_M = "WALK_LIMIT_M"
    HOSPITALS = "HOSPITALS"
    LIFELINES = "LIFELINES"
    WEIGHTS = "WEIGHTS"
    WEIGHTS_TABLE = "WEIGHTS_TABLE"
    OUTPUT = "OUTPUT"

    def display_name(self):
        return tr("Dual-use facility suitability")

    def tags(self):
        return [tr("suitability"), tr("shelter"), tr("dual-use"), "平急两用", "适宜性评价", "避难场所"]

    def help_text(self):
        return tr(
            "Which existing buildings and sites (hotels, schools, stadiums, parks, exhibition halls, warehouses, ...) "
            "can serve as shelters, isolation sites, medical points or supply depots in an emergency, how many people "
            "they can take, and how suitable they are.\n\n"
            "Functions: TYPE_FIELD is matched (case-insensitive, Chinese or English names and aliases) against "
            "resources/standards/facility_types.json, or TYPOLOGY_FILE (a JSON in the same schema, e.g. the one the typology "
            "editor saves in your QGIS profile) merged on top of it type by type; TYPE_MAP then adds or overrides types, e.g. "
            "'Stadion:shelter|medical;Gudang:supply' (functions: shelter, isolation, medical, supply). A type's own "
            "per-capita area and effective-area ratio in the typology replace the class's and EFFECTIVE_RATIO (a non-zero "
            "PER_CAPITA_M2 still wins).\n"
            "Capacity: effective area = AREA_FIELD (m²) or the polygon area x EFFECTIVE_RATIO; floor area = effective "
            "area x FLOORS_FIELD (text such as '4-7' counts its first number). capacity_persons = shelter area / "
            "per-capita area of the GB 51143 SHELTER_CLASS (indoor types use the floor area); cap_isolation and "
            "cap_medical divide the floor area by the per-capita floor areas of the standards file; supply_area_m2 is "
            "the floor area. Default per-capita and minimum areas are editable and marked unverified where they are.\n"
            "Hard constraints (eligible = false, with the reasons in Chinese / English): inside a HAZARD zone of level "
            ">= EXCLUDE_LEVEL; closer than SOURCE_BUFFER_M to HAZARD_SOURCES; shelter area below the class minimum; a "
            "type without an emergency function.\n"
            "Criteria scored 0-1: safety (1 - level / EXCLUDE_LEVEL, times the distance to the nearest zone of a higher "
            "level over 500 m), access (network distance to the nearest MAIN_ROAD_CLASSES road, 0 at 1000 m), capacity "
            "(relative to the largest), population within WALK_LIMIT_M on the network (relative), hospitals (0 at 3 km) "
            "and lifelines such as substations or water plants (0 at 2 km). Criteria whose layers are missing are "
            "dropped and the weights renormalised (logged).\n"
            "WEIGHTS: 'safety:0.3,access:0.2,...' or WEIGHTS_TABLE (the output of AHP weights); default weights from the "
            "standards file.\n\n"
            "OUTPUT: every candidate with site_id, name, type, type_key, functions, eligible, reasons, hazard_level, "
            "effective_area_m2, floors, floor_area_m2, one c_<criterion> column per criterion used, score (0-100), "
            "grade (适宜 / 较适宜 / 有条件适宜 / 不适宜; ineligible sites are 不适宜), grade_en, capacity_persons, "
            "cap_isolation, cap_medical, supply_area_m2, access_m, population and rank (1 = best eligible site)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        def add(p, help_text, advanced=False):
            self.addParameter(set_help(p, help_text, advanced))

        add(QgsProcessingParameterFeatureSource(self.CANDIDATES, tr("Candidate facilities"), [SOURCE_POINT, SOURCE_POLYGON]),
            tr("Existing buildings or sites to evaluate (points or polygons)."))
        add(QgsProcessingParameterField(self.TYPE_FIELD, tr("Type field"), parentLayerParameterName=self.CANDIDATES, type=FIELD_ANY),
            tr("The facility type (school, stadium, hotel, 学校, 体育馆, ...)."))
        add(QgsProcessingParameterString(self.TYPE_MAP, tr("Type map (type:function|function;...)"), optional=True),
            tr("Adds or overrides types, e.g. 'Stadion:shelter|medical;Gudang:supply'. Functions: shelter, isolation, medical, supply."))
        p = QgsProcessingParameterFile(self.TYPOLOGY_FILE, tr("Typology file (JSON)"), extension="json", optional=True)
        p.setMetadata({"widget_wrapper": {"class": TYPOLOGY_WRAPPER}})
        add(p, tr("Facility types, their emergency functions, per-capita areas and effective-area ratios, merged on top of "
                  "resources/standards/facility_types.json (same schema). Edit… opens the typology editor."))
        add(QgsProcessingParameterField(self.NAME_FIELD, tr("Name field"), parentLayerParameterName=self.CANDIDATES, type=FIELD_ANY, optional=True),
            tr("Copied to the name field of the output."))
        add(QgsProcessingParameterField(self.AREA_FIELD, tr("Effective area field (m²)"), parentLayerParameterName=self.CANDIDATES,
                                        type=FIELD_NUMERIC, optional=True),
            tr("Effective area in m²; when empty or NULL, the polygon area x EFFECTIVE_RATIO. Points need it."))
        add(QgsProcessingParameterNumber(self.EFFECTIVE_RATIO, tr("Effective area ratio"), type=NUMBER_DOUBLE, defaultValue=0.6,
                                         minValue=0.01, maxValue=1.0),
            tr("Share of the footprint that is usable (0-1)."))
        add(QgsProcessingParameterField(self.FLOORS_FIELD, tr("Floors field"), parentLayerParameterName=self.CANDIDATES, type=FIELD_ANY, optional=True),
            tr("Number of floors of buildings, for indoor functions (text like '4-7' counts 4)."))
        add(QgsProcessingParameterEnum(self.SHELTER_CLASS, tr("Shelter class (GB 51143)"), options=class_names(), defaultValue=1),
            tr("Sets the per-capita area and the minimum area from resources/standards/shelter_standards.json."))
        add(QgsProcessingParameterNumber(self.PER_CAPITA_M2, tr("Per-capita area (m², 0 = class default)"), type=NUMBER_DOUBLE,
                                         defaultValue=0.0, minValue=0.0),
            tr("Overrides the per-capita effective area of the class."), True)
        add(QgsProcessingParameterNumber(self.MIN_AREA_M2, tr("Minimum area (m², -1 = class default)"), type=NUMBER_DOUBLE,
                                         defaultValue=-1.0, minValue=-1.0),
            tr("Overrides the minimum effective area of the class."), True)
        add(QgsProcessingParameterFeatureSource(self.HAZARD, tr("Hazard zones"), [SOURCE_POLYGON], optional=True),
            tr("Hazard zones with a level field (e.g. the output of Classify hazard)."))
        add(QgsProcessingParameterField(self.HAZARD_LEVEL_FIELD, tr("Hazard level field"), parentLayerParameterName=self.HAZARD,
                                        type=FIELD_NUMERIC, defaultValue="level", optional=True),
            tr("The field holding the hazard level (default 'level')."))
        add(QgsProcessingParameterNumber(self.EXCLUDE_LEVEL, tr("Exclude from hazard level"), type=NUMBER_INTEGER, defaultValue=2, minValue=1),
            tr("Sites touching a zone at or above this level are not eligible."))
        add(QgsProcessingParameterFeatureSource(self.HAZARD_SOURCES, tr("Hazard sources"), [SOURCE_ANY_GEOMETRY], optional=True),
            tr("Hazardous-chemical sites, active faults, ... Sites closer than SOURCE_BUFFER_M are not eligible."))
        add(QgsProcessingParameterNumber(self.SOURCE_BUFFER_M, tr("Safety distance from hazard sources (m)"), type=NUMBER_DOUBLE,
                                         defaultValue=100.0, minValue=0.0),
            tr("Minimum distance between a site and any hazard source."))
        add(QgsProcessingParameterFeatureSource(self.ROADS, tr("Roads"), [SOURCE_LINE], optional=True),
            tr("The street network, for access and walking population."))
        add(QgsProcessingParameterField(self.ROAD_CLASS_FIELD, tr("Road class field"), parentLayerParameterName=self.ROADS, type=FIELD_ANY,
                                        optional=True),
            tr("The road class (e.g. OSM highway); without it every road counts as a main road."))
        add(QgsProcessingParameterString(self.MAIN_ROAD_CLASSES, tr("Main road classes"), defaultValue=DEFAULT_MAIN, optional=True),
            tr("Comma-separated classes that count as main roads for access."))
        add(QgsProcessingParameterMapLayer(self.POPULATION, tr("Population (raster or points / polygons)"),
                                           types=[SOURCE_RASTER, SOURCE_POINT, SOURCE_POLYGON], optional=True),
            tr("For the population-served criterion."))
        add(field_of_map_layer(self.POPULATION_FIELD, tr("Population field (vector population)"), self.POPULATION,
                                        type=FIELD_NUMERIC, optional=True),
            tr("Persons per feature of a vector population layer."))
        self.add_population_unit_parameter()
        add(QgsProcessingParameterNumber(self.WALK_LIMIT_M, tr("Walking limit for population (m, 0 = class radius)"), type=NUMBER_DOUBLE,
                                         defaultValue=0.0, minValue=0.0),
            tr("People within this walking distance count as served; 0 uses the service radius of the shelter class."))
        add(QgsProcessingParameterFeatureSource(self.HOSPITALS, tr("Hospitals"), [SOURCE_ANY_GEOMETRY], optional=True),
            tr("Hospitals, for the proximity criterion."))
        add(QgsProcessingParameterFeatureSource(self.LIFELINES, tr("Lifeline facilities"), [SOURCE_ANY_GEOMETRY], optional=True),
            tr("Substations, water plants, ... for the lifeline-support criterion."))
        add(QgsProcessingParameterString(self.WEIGHTS, tr("Weights (criterion:weight,...)"), optional=True),
            tr("e.g. safety:0.3,access:0.15,capacity:0.2,population:0.15,hospital:0.1,lifeline:0.1; empty = defaults."))
        add(QgsProcessingParameterFeatureSource(self.WEIGHTS_TABLE, tr("Weights table (AHP output)"), [SOURCE_TABLE], optional=True),
            tr("A table with fields criterion and weight, e.g. the output of AHP weights."))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Facility suitability")))

    # --- helpers ----------------------------------------------------------------------------------
    def _weights(self, parameters, context):
        text = (self.parameterAsString(parameters, self.WEIGHTS, context) or "").strip()
        table = self.parameterAsSource(parameters, self.WEIGHTS_TABLE, context)
        if text and table is not None:
            self.fail(tr("Give either WEIGHTS or WEIGHTS_TABLE, not both."))
        if text:
            return ahp.parse_weights(text, list(suitability.CRITERIA))
        if table is not None:
            names = [f.name() for f in table.fields()]
            if "criterion" not in names or "weight" not in names:
                self.fail(tr("WEIGHTS_TABLE needs the fields criterion and weight (the output of AHP weights)."))
            data = read_source(table, ["criterion", "weight"], geometry=False, what=tr("weights table"))
            pairs = ",".join(f"{c}:{w}" for c, w in zip(data.attrs["criterion"], data.attrs["weight"]))
            return ahp.parse_weights(pairs, list(suitability.CRITERIA))
        return None

    def _population(self, parameters, context, feedback, metric):
        layer = self.parameterAsLayer(parameters, self.POPULATION, context)
        if layer is None:
            return None, None
        demand = read_demand(layer, self.POPULATION, metric, feedback, field=self.parameterAsString(parameters, self.POPULATION_FIELD, context),
                             unit=self.population_unit(parameters, context))
        return demand.points, demand.persons

    def _geoms(self, parameters, name, context, metric, feedback, what):
        src = self.parameterAsSource(parameters, name, context)
        if src is None:
            return None
        data = read_source(src, [], metric, feedback=feedback, what=what)
        return data.geoms

    def check_values(self, parameters, context):
        if not self.parameterAsString(parameters, self.TYPE_FIELD, context):
            return tr("Choose the TYPE_FIELD of the candidate facilities.")
        if (self.parameterAsString(parameters, self.WEIGHTS, context) or "").strip() and \
                self.parameterAsSource(parameters, self.WEIGHTS_TABLE, context) is not None:
            return tr("Give either WEIGHTS or WEIGHTS_TABLE, not both.")
        return None

    # --- read ----------------------------------------------------------------------------------------
    def _candidates(self, parameters, context, feedback):
        src = input_source(self, parameters, self.CANDIDATES, context)  # a whole file layer: read in bulk
        if src is None:
            self.fail(tr("The candidate facilities layer is required."))
        names = [self.parameterAsString(parameters, p, context) for p in (self.TYPE_FIELD, self.NAME_FIELD, self.AREA_FIELD, self.FLOORS_FIELD)]
        _qcrs, metric = working_crs([src], feedback)
        cand = read_source(src, list(dict.fromkeys(f for f in names if f)), metric, feedback=feedback, what=tr("candidates"))
        report_reading(cand, tr("candidates"), feedback)
        if len(cand) == 0:
            self.fail(tr("The candidate layer has no features with geometry."))
        return src, cand, metric

    def _hazard_zones(self, parameters, context, metric, feedback):
        hz_src = self.parameterAsSource(parameters, self.HAZARD, context)
        if hz_src is None:
            return None, None
        lvl_field = self.parameterAsString(parameters, self.HAZARD_LEVEL_FIELD, context) or "level"
        hz = read_source(hz_src, [lvl_field], metric, feedback=feedback, what=tr("hazard zones"))
        # text or fractional levels are refused: dropping them would switch hazard exclusion off
        levels, n_null = overlay.check_levels(hz.attrs[lvl_field].to_numpy(), tr("hazard zones"))
        if n_null:
            feedback.pushWarning(tr("{layer}: {n} zone(s) have no level and were left out.").format(layer=tr("hazard zones"), n=n_null))
        ok = levels >= 0
        return hz.geoms[ok], levels[ok].astype(float)

    def _roads(self, parameters, context, metric, feedback):
        """The road network and its main-road edges (None, None without ROADS)."""
        roads_src = input_source(self, parameters, self.ROADS, context) if parameters.get(self.ROADS) else None
        if roads_src is None:
            return None, None
        cls_field = self.parameterAsString(parameters, self.ROAD_CLASS_FIELD, context)
        roads = read_source(roads_src, [cls_field] if cls_field else [], metric, feedback=feedback, what=tr("roads"))
        net = nw.build_network(roads.geoms, feedback=feedback, crs=metric)
        nw.require_lines(net)
        if not cls_field:
            return net, None
        main_set = {normalize_key(s) for s in (self.parameterAsString(parameters, self.MAIN_ROAD_CLASSES, context) or "").split(",") if s.strip()}
        keys = np.array([normalize_key(v) for v in roads.attrs[cls_field]], dtype=object)
        main = np.isin(keys, list(main_set))[net.edge_line]
        if not main.any():
            feedback.pushWarning(tr("No road matches MAIN_ROAD_CLASSES; the access criterion is 0 everywhere."))
        return net, main

    def _surroundings(self, parameters, context, metric, feedback):
        zones, levels = self._hazard_zones(parameters, context, metric, feedback)
        net, main = self._roads(parameters, context, metric, feedback)
        pop_pts, pop = self._population(parameters, context, feedback, metric)
        return suitability.Surroundings(
            zones=zones, zone_levels=levels, net=net, main_mask=main, demand_pts=pop_pts, demand_persons=pop,
            sources=self._geoms(parameters, self.HAZARD_SOURCES, context, metric, feedback, tr("hazard sources")),
            hospitals=self._geoms(parameters, self.HOSPITALS, context, metric, feedback, tr("hospitals")),
            lifelines=self._geoms(parameters, self.LIFELINES, context, metric, feedback, tr("lifelines")))

    def _options(self, parameters, context, cls):
        min_area = self.parameterAsDouble(parameters, self.MIN_AREA_M2, context)
        return suitability.SuitabilityOptions(
            effective_ratio=self.parameterAsDouble(parameters, self.EFFECTIVE_RATIO, context), shelter_class_key=cls["key"],
            per_capita_m2=self.parameterAsDouble(parameters, self.PER_CAPITA_M2, context) or None,
            min_area_m2=min_area if min_area >= 0 else None, type_map=self.parameterAsString(parameters, self.TYPE_MAP, context),
            exclude_level=self.parameterAsInt(parameters, self.EXCLUDE_LEVEL, context),
            source_buffer_m=self.parameterAsDouble(parameters, self.SOURCE_BUFFER_M, context),
            walk_limit_m=self.parameterAsDouble(parameters, self.WALK_LIMIT_M, context) or float(cls["service_radius_m"]),
            weights=self._weights(parameters, context),
            typology=suitability.typology((self.parameterAsFile(parameters, self.TYPOLOGY_FILE, context) or "").strip() or None))

    # --- run -------------------------------------------------------------------------------------
    def compute(self, parameters, context, feedback):
        src, cand, metric = self._candidates(parameters, context, feedback)
        type_field, area_field, floors_field = (self.parameterAsString(parameters, p, context)
                                                for p in (self.TYPE_FIELD, self.AREA_FIELD, self.FLOORS_FIELD))
        cls = suitability.shelter_class(int(self.parameterAsEnum(parameters, self.SHELTER_CLASS, context)))
        options = self._options(parameters, context, cls)
        types = cand.attrs[type_field].to_list()
        df, rep = suitability.evaluate(
            cand.geoms, types, feedback=feedback, options=options, around=self._surroundings(parameters, context, metric, feedback),
            area=pd.to_numeric(cand.attrs[area_field], errors="coerce").to_numpy(dtype=float) if area_field else None,
            floors=suitability.parse_floors(cand.attrs[floors_field].to_list()) if floors_field else None)
        self._log(rep, cls, len(df), feedback)
        return self._write(parameters, context, feedback, src, cand, metric, types, df)

    @staticmethod
    def _log(rep, cls, n, feedback):
        feedback.pushInfo(tr("Shelter class {cls}: {pc} m² per person, minimum area {ma} m².").format(
            cls=f"{cls['zh']} / {cls['en']}", pc=rep["per_capita_m2"], ma=rep["min_area_m2"]))
        if rep["no_criteria"]:
            feedback.pushWarning(tr("No criterion can be scored with the layers given (add AREA_FIELD, HAZARD, ROADS, ...): every score is 0."))
        elif rep["dropped"]:
            feedback.pushWarning(tr("Criteria left out because their layers are missing: {names}; the other weights were renormalised.").format(
                names=", ".join(rep["dropped"])))
        feedback.pushInfo(tr("Weights used: {weights}").format(weights=", ".join(f"{k} {v:.3f}" for k, v in rep["weights"].items())))
        if rep["unknown_types"]:
            feedback.pushWarning(tr("Types not in the type table (no emergency function; add them with TYPE_MAP): {types}").format(
                types=", ".join(rep["unknown_types"][:20])))
        if rep["eligible"] == 0:
            feedback.pushWarning(tr("No candidate is eligible; the reasons field says why for each site."))
        else:
            feedback.pushInfo(tr("{n} of {total} candidate(s) are eligible.").format(n=rep["eligible"], total=n))

    # --- write -----------------------------------------------------------------------------------
    def _write(self, parameters, context, feedback, src, cand, metric, types, df):
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context)
        out = pd.DataFrame({"site_id": cand.fids,
                            "name": cand.attrs[name_field].astype(object).where(cand.attrs[name_field].notna(), None) if name_field else None,
                            "type": [None if t is None else str(t) for t in types]})
        out = pd.concat([out, df.reset_index(drop=True)], axis=1)
        spec = [("site_id", "int64"), ("name", "string"), ("type", "string"), ("type_key", "string"), ("functions", "string"),
                ("eligible", "bool"), ("reasons", "string"), ("hazard_level", "int"), ("effective_area_m2", "double"),
                ("floors", "double"), ("floor_area_m2", "double")]
        spec += [(c, "double") for c in df.columns if c.startswith("c_")]
        spec += [("score", "double"), ("grade", "string"), ("grade_en", "string"), ("capacity_persons", "double"),
                 ("cap_isolation", "double"), ("cap_medical", "double"), ("supply_area_m2", "double"), ("access_m", "double"),
                 ("population", "double"), ("rank", "int")]
        out["access_m"] = out["access_m"].where(np.isfinite(out["access_m"].astype(float)), None)
        out["rank"] = out["rank"].astype(object).where(out["rank"].notna(), None)
        out["rank"] = [None if v is None else int(v) for v in out["rank"]]
        fields = make_fields(spec)
        kind = geometry_kind(src.wkbType())
        wkb = WKB_MULTIPOLYGON if kind == "polygon" else WKB_POINT
        geoms = geo.transform(cand.geoms, metric, to_pyproj(src.sourceCrs()))
        # polygons are written as multipolygons, (multi)points as the point evaluated
        geoms = geo.to_multipolygon(geoms) if kind == "polygon" else representative_points(geoms)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, wkb, src.sourceCrs())
        write_features(sink, fields, geoms, out, feedback)
        self.style_output(context, dest, "suitability_grade")
        cls_index = self.parameterAsEnum(parameters, self.SHELTER_CLASS, context)
        self.name_output(context, dest, self.OUTPUT, self.parameterDefinition(self.SHELTER_CLASS).options()[cls_index])
        return {self.OUTPUT: dest}

"""resilience:supplyplan — Supply pre-positioning (物资前置调度)."""

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import (
    FIELD_ANY,
    NUMBER_DOUBLE,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_POLYGON,
    SOURCE_TABLE,
    WKB_MULTILINESTRING,
    WKB_NOGEOMETRY,
)
from ...core import coverage as cv
from ...core import evacuation as ev
from ...core import geometry as geo
from ...core import supply as sup
from ...core.standards import load_standard
from ...i18n import tr
from ...qgis_io.crs import to_pyproj, working_crs
from ...qgis_io.demand import representative_points
from ...qgis_io.vector import input_source, make_fields, read_source, write_features
from .. import decision_inputs as di
from ..base import ResilienceAlgorithm

DEFAULT_NOT_DRIVABLE = "footway,path,steps,pedestrian,cycleway,bridleway,corridor"


class SupplyPlan(ResilienceAlgorithm):
    ALG_ID = "supplyplan"
    GROUP_ID = "facilities"
    ICON = "shelter_coverage.svg"

    SHELTERS = di.SHELTERS
    PERSONS_FIELD = "PERSONS_FIELD"
    SHELTER_ID_FIELD = di.SHELTER_ID_FIELD
    DEPOTS = "DEPOTS"
    DEPOT_ID_FIELD = "DEPOT_ID_FIELD"
    STOCK_FIELDS = "STOCK_FIELDS"
    NEEDS = "NEEDS"
    DAYS = "DAYS"
    MAX_DISTANCE_KM = "MAX_DISTANCE_KM"
    OUTPUT_FLOWS = "OUTPUT_FLOWS"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("Supply pre-positioning")

    def tags(self):
        return [tr("supply"), tr("depot"), tr("shelter"), tr("linear programming"), "物资前置调度", "应急物资", "避难场所"]

    def help_text(self):
        return tr(
            "How much of each relief item every shelter needs, and from which depot it comes (物资前置调度).\n\n"
            "Needs: the persons of each shelter (PERSONS_FIELD, e.g. 'load' of the Evacuation and resettlement plan) x the "
            "per-person amount of each item x DAYS for daily items. Items and amounts: NEEDS as item:amount,... (e.g. "
            "water:15,food:0.6) or, when empty, the defaults of resources/standards/supply_needs.json (water 15 L and food "
            "0.6 kg per person per day, one bedding set and one hygiene kit per person; after the Sphere minimum standards, "
            "NOT verified against the handbook: edit to follow your plan).\n"
            "Stocks: DEPOTS hold a stock field per item: by default the field named like the item, or as given in "
            "STOCK_FIELDS (item=field,...). NULL, negative or text stocks count as 0 (reported); an item without a stock "
            "field stops the run.\n\n"
            "Method: driving distance over ROADS (classes in EXCLUDE_CLASSES are not drivable; with HAZARD the streets "
            "touching zones at or above BLOCK_LEVEL are closed, e.g. the level of 0.3 m water for cars or 0.6 m for "
            "emergency vehicles), one Dijkstra per depot, within MAX_DISTANCE_KM (0 = no limit). Per item a transportation "
            "linear programme (HiGHS) delivers the most the stocks allow with the least tonne-kilometres.\n\n"
            "Outputs: OUTPUT_FLOWS: a straight line per depot, shelter and item with amount, unit, tonnes, km (network "
            "distance) and tonne_km; OUTPUT_TABLE: one row per shelter and item with need, delivered, shortfall and "
            "shortfall_pct. A run that fails writes nothing."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        std = load_standard("supply_needs")
        di.add_shelter_parameters(self, self.PERSONS_FIELD, tr("Persons field"),
                                  tr("Persons staying at each shelter, e.g. 'load' of the Evacuation and resettlement plan. NULL, negative "
                                     "or text counts as 0."))
        di.add(self, QgsProcessingParameterFeatureSource(self.DEPOTS, tr("Supply depots"), [SOURCE_POINT, SOURCE_POLYGON]),
               tr("Depots with a stock field per item (e.g. supply-depot sites from Dual-use facility suitability)."))
        di.add(self, QgsProcessingParameterField(self.DEPOT_ID_FIELD, tr("Depot id field"), parentLayerParameterName=self.DEPOTS,
                                                 type=FIELD_ANY, optional=True),
               tr("Written to depot_id; the feature id is used when empty."))
        di.add(self, QgsProcessingParameterString(self.STOCK_FIELDS, tr("Stock fields (item=field,...)"), optional=True),
               tr("Which depot field holds the stock of each item, e.g. water=stock_w,food=food_kg; an item not listed uses the field named "
                  "like the item."))
        di.add(self, QgsProcessingParameterString(self.NEEDS, tr("Needs per person (item:amount,...)"), optional=True),
               tr("Per-person amounts, e.g. water:15,food:0.6 (daily for items of the standard that are daily; new items are daily). "
                  "Empty: every item of resources/standards/supply_needs.json."))
        di.add(self, QgsProcessingParameterNumber(self.DAYS, tr("Days"), type=NUMBER_DOUBLE, defaultValue=float(std["default_days"]),
                                                  minValue=0.0),
               tr("Days of supply for the daily items (default 3 days, a common first-phase horizon)."))
        di.add(self, QgsProcessingParameterFeatureSource(di.ROADS, tr("Road network (vehicles)"), [SOURCE_LINE]),
               tr("The roads the vehicles use (lines)."))
        di.add(self, QgsProcessingParameterField(di.ROAD_CLASS_FIELD, tr("Road class field"), parentLayerParameterName=di.ROADS,
                                                 type=FIELD_ANY, optional=True),
               tr("The field with the road class (e.g. OSM highway), used with EXCLUDE_CLASSES."))
        di.add(self, QgsProcessingParameterString(di.EXCLUDE_CLASSES, tr("Road classes not drivable"), defaultValue=DEFAULT_NOT_DRIVABLE,
                                                  optional=True),
               tr("Comma-separated classes left out of the vehicle network, e.g. footway,steps."))
        di.add_hazard_parameters(self, True, 2, tr("Streets touching zones at or above this level are closed to the vehicles."))
        di.add(self, QgsProcessingParameterNumber(self.MAX_DISTANCE_KM, tr("Maximum driving distance (km)"), type=NUMBER_DOUBLE,
                                                  defaultValue=0.0, minValue=0.0),
               tr("Depots farther than this from a shelter do not serve it (0 = no limit)."))
        di.add_snap_parameters(self, tr("Shelters and depots farther than this from every passable road are not connected."))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_FLOWS, tr("Supply flows"), type=SOURCE_LINE))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Supply by shelter and item"), type=SOURCE_TABLE))

    def _stock_fields(self, parameters, context, items, depot_src):
        text = self.parameterAsString(parameters, self.STOCK_FIELDS, context) or ""
        mapping = {}
        for part in text.split(","):
            if not part.strip():
                continue
            if "=" not in part:
                self.fail(tr("STOCK_FIELDS: '{part}' is not item=field (e.g. water=stock_w).").format(part=part.strip()))
            item, fld = (s.strip() for s in part.split("=", 1))
            mapping[item] = fld
        fields = {item: mapping.get(item, item) for item in items}
        missing = [f"{item} ({fld})" for item, fld in fields.items() if depot_src.fields().lookupField(fld) < 0]
        if missing:
            self.fail(tr("Needed items without a stock field in the depots layer: {items}. Add the fields or map them in STOCK_FIELDS "
                         "(item=field).").format(items=", ".join(missing)))
        return fields

    def compute(self, parameters, context, feedback):
        shel_src = self.parameterAsSource(parameters, self.SHELTERS, context)
        depot_src = self.parameterAsSource(parameters, self.DEPOTS, context)
        roads_src = input_source(self, parameters, di.ROADS, context)
        if shel_src is None or depot_src is None or roads_src is None:
            self.fail(tr("The shelters, depots and roads layers are required."))
        std = load_standard("supply_needs")
        needs_def = sup.parse_needs(self.parameterAsString(parameters, self.NEEDS, context), std)
        stock_fields = self._stock_fields(parameters, context, list(needs_def), depot_src)
        days = self.parameterAsDouble(parameters, self.DAYS, context)
        _, metric = working_crs([shel_src, depot_src, roads_src], feedback)

        p_field = self.parameterAsString(parameters, self.PERSONS_FIELD, context)
        shel, p_values, shel_ids = di.read_shelters(
            self, parameters, context, feedback, shel_src, metric, self.PERSONS_FIELD,
            tr("Choose the PERSONS_FIELD of the shelters layer (persons staying at each shelter)."))
        persons, bad = cv.clean_persons(p_values)
        if bad:
            feedback.pushWarning(tr("{n} shelter(s) have a NULL, negative or text number of persons in '{field}'; counted as 0.").format(
                n=bad, field=p_field))
        did_field = self.parameterAsString(parameters, self.DEPOT_ID_FIELD, context)
        dep = read_source(depot_src, sorted(set(stock_fields.values()) | ({did_field} if did_field else set())), metric,
                          feedback=feedback, what=tr("depots"))
        if len(dep) == 0:
            self.fail(tr("The depots layer has no features with geometry."))
        dep_ids = (dep.attrs[did_field].astype(str).to_numpy() if did_field else dep.fids.astype(str)).astype(object)
        stocks = {}
        for item, fld in stock_fields.items():
            stock, counts = ev.clean_capacity(dep.attrs[fld].to_numpy())
            n_bad = counts["null"] + counts["text"] + counts["negative"]
            if n_bad:
                feedback.pushWarning(tr("{n} depot(s) have a NULL, negative or text stock of '{item}' in '{field}'; counted as 0.").format(
                    n=n_bad, item=item, field=fld))
            stocks[item] = np.nan_to_num(stock, nan=0.0)

        net = di.read_network(self, parameters, context, feedback, roads_src, metric)
        edge_mask = None
        hazard_src = self.parameterAsSource(parameters, di.HAZARD, context)
        if hazard_src is not None:
            zones, levels = di.read_hazard(self, parameters, context, feedback, hazard_src, metric)
            block = self.parameterAsInt(parameters, di.BLOCK_LEVEL, context)
            edge_mask = ~cv.edges_in_zones(net, zones[np.nan_to_num(levels, nan=-1) >= block])
            feedback.pushInfo(tr("Hazard level >= {level}: {edges} road edge(s) closed to the vehicles.").format(
                level=block, edges=int((~edge_mask).sum())))
        shel_pts, dep_pts = representative_points(shel.geoms), representative_points(dep.geoms)
        table = sup.shelter_needs(persons, needs_def, days)
        km = self.parameterAsDouble(parameters, self.MAX_DISTANCE_KM, context)
        plan = sup.plan_supply(net, dep_pts, stocks, shel_pts, table, edge_mask=edge_mask, limit_m=km * 1000.0 if km > 0 else None,
                               max_snap_m=self.parameterAsDouble(parameters, di.MAX_SNAP_M, context) or None, feedback=feedback)
        if plan.report["pairs"] == 0:
            feedback.pushWarning(tr("No depot can reach any shelter over the open roads: every need is a shortfall."))

        units = {k: std["items"].get(k, {}).get("unit", "unit") for k in needs_def}
        flows, rows = [], []
        crs_py = to_pyproj(shel_src.sourceCrs())
        shel_out, dep_out = geo.transform(shel_pts, metric, crs_py), geo.transform(dep_pts, metric, crs_py)
        for item, ip in plan.items.items():
            kg = needs_def[item][2]
            used = ip.flow > ev.EPS
            for s, d, m, x in zip(ip.pair_shelter[used], ip.pair_depot[used], ip.pair_m[used], ip.flow[used]):
                flows.append((item, dep_ids[d], shel_ids[s], x, units[item], x * kg / 1000.0, m / 1000.0, x * kg / 1000.0 * m / 1000.0, d, s))
            need = table[item].to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                pct = np.where(need > 0, 100.0 * ip.shortfall / need, 0.0)
            rows.append(pd.DataFrame({"shelter_id": shel_ids, "item": item, "unit": units[item], "persons": persons, "need": need,
                                      "delivered": ip.delivered, "shortfall": ip.shortfall, "shortfall_pct": pct}))
            tkm = sum(f[7] for f in flows if f[0] == item)
            feedback.pushInfo(tr("'{item}': need {need:.0f} {unit}, delivered {got:.0f}, shortfall {short:.0f}; {tkm:.1f} tonne-km.").format(
                item=item, need=need.sum(), unit=units[item], got=ip.delivered.sum(), short=ip.shortfall.sum(), tkm=tkm))
        f_tab = pd.DataFrame(flows, columns=["item", "depot_id", "shelter_id", "amount", "unit", "tonnes", "km", "tonne_km", "d", "s"])
        d_idx, s_idx = f_tab["d"].to_numpy(dtype=np.int64), f_tab["s"].to_numpy(dtype=np.int64)
        lines = (shapely.linestrings(np.stack([shapely.get_coordinates(dep_out[d_idx]), shapely.get_coordinates(shel_out[s_idx])], axis=1))
                 if len(f_tab) else np.zeros(0, dtype=object))
        f_fields = make_fields([("item", "string"), ("depot_id", "string"), ("shelter_id", "string"), ("amount", "double"), ("unit", "string"),
                                ("tonnes", "double"), ("km", "double"), ("tonne_km", "double")])
        sink, f_id = self.parameterAsSink(parameters, self.OUTPUT_FLOWS, context, f_fields, WKB_MULTILINESTRING, shel_src.sourceCrs())
        write_features(sink, f_fields, lines, f_tab, feedback)
        t_fields = make_fields([("shelter_id", "string"), ("item", "string"), ("unit", "string"), ("persons", "double"), ("need", "double"),
                                ("delivered", "double"), ("shortfall", "double"), ("shortfall_pct", "double")])
        sink, t_id = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, t_fields, WKB_NOGEOMETRY)
        write_features(sink, t_fields, None, pd.concat(rows, ignore_index=True), feedback)
        self.style_output(context, f_id, "supply_flows")
        return {self.OUTPUT_FLOWS: f_id, self.OUTPUT_TABLE: t_id}

"""resilience:lifecircle — 15-minute life circle (15分钟生活圈)."""

import re

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from ...compat import (
    NUMBER_DOUBLE,
    SOURCE_ANY_GEOMETRY,
    SOURCE_POINT,
    SOURCE_TABLE,
    WKB_NOGEOMETRY,
    WKB_POINT,
    geometry_kind,
)
from ...core import coverage as cv
from ...core import life_circle as lc
from ...core.standards import load_standard
from ...i18n import tr
from ...qgis_io.crs import working_crs
from ...qgis_io.demand import representative_points
from ...qgis_io.vector import input_source, make_fields, read_source, report_reading, write_features
from .. import decision_inputs as di
from ..base import ResilienceAlgorithm


def field_names(names):
    """Safe, unique field stems for service names (letters, digits and _; ``service<k>`` if nothing is left)."""
    out = []
    for k, name in enumerate(names):
        stem = re.sub(r"\W+", "_", str(name).strip().lower()).strip("_")[:20] or f"service{k + 1}"
        if stem[0].isdigit():
            stem = f"s_{stem}"
        base, i = stem, 2
        while stem in out:
            stem = f"{base}_{i}"
            i += 1
        out.append(stem)
    return out


class LifeCircle(ResilienceAlgorithm):
    ALG_ID = "lifecircle"
    GROUP_ID = "facilities"
    ICON = "shelter_coverage.svg"

    SERVICES = "SERVICES"
    SERVICE_NAMES = "SERVICE_NAMES"
    SERVICE_MINUTES = "SERVICE_MINUTES"
    TARGET_PCT = "TARGET_PCT"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    OUTPUT_DEMAND = "OUTPUT_DEMAND"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("15-minute life circle")

    def tags(self):
        return [tr("life circle"), tr("15-minute city"), tr("walking"), tr("accessibility"), "15分钟生活圈", "社区生活圈", "可达性"]

    def help_text(self):
        return tr(
            "Which everyday services each resident reaches on foot, and the share of residents per unit who reach each "
            "service and all of them (社区生活圈).\n\n"
            "SERVICES: one layer per service (points, or polygons attached by a point on their surface), e.g. schools, "
            "clinics, markets, parks, shelters, elderly care. The service is named by SERVICE_NAMES (comma-separated, in "
            "layer order) or by the layer name. Each service has its own walking limit: SERVICE_MINUTES (comma-separated, "
            "in layer order; an empty entry takes the default) at WALK_KMH. Defaults come from "
            "resources/standards/life_circle.json by a keyword in the service name: 5 min (kindergarten), 10 min (primary "
            "school, market, park, shelter), 15 min (middle school, clinic, elderly care, anything else), after the 5-, 10- "
            "and 15-minute life circles of GB 50180-2018; those values are commonly quoted and NOT verified against the "
            "printed standard (the file says so; edit it to follow your local plan). The log lists the limit used for each "
            "service.\n\n"
            "Method: walking distance on the ROADS network in metres (snap + along the streets + snap), with one "
            "multi-source Dijkstra per service (scipy.sparse.csgraph), limited to its walking limit. With HAZARD, streets "
            "touching zones at or above BLOCK_LEVEL are closed and facilities inside them are out of service.\n\n"
            "Outputs: OUTPUT_DEMAND (points) with persons, <service>_m (walk to the nearest facility of each service, NULL "
            "when beyond its limit), n_reached, n_missing, all_reached and missing (the names of the services not in "
            "reach); OUTPUT_TABLE per UNITS polygon with unit_id, population, pct_<service> (% of residents reaching it), "
            "pct_all (% reaching every service) and missing (services reached by fewer than TARGET_PCT % of the residents)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        std = load_standard("life_circle")
        walking = load_standard("shelter_standards")["walking"]
        di.add(self, QgsProcessingParameterMultipleLayers(self.SERVICES, tr("Service facilities (one layer per service)"),
                                                          layerType=SOURCE_ANY_GEOMETRY),
               tr("One point or polygon layer per service (schools, clinics, markets, parks, shelters, elderly care...)."))
        di.add(self, QgsProcessingParameterString(self.SERVICE_NAMES, tr("Service names"), optional=True),
               tr("Comma-separated names, one per service layer in order; empty: the layer names."))
        di.add(self, QgsProcessingParameterString(self.SERVICE_MINUTES, tr("Walking minutes per service"), optional=True),
               tr("Comma-separated minutes, one per service layer in order, e.g. 10,15,5; an empty entry (or an empty "
                  "field) takes the default of resources/standards/life_circle.json for that service."))
        di.add_demand_parameters(self)
        di.add_street_parameters(self, walking["speed_kmh"])
        di.add_hazard_parameters(self, True, 2, tr("Streets in zones at or above this level are impassable; facilities in them are out of service."))
        di.add(self, QgsProcessingParameterNumber(self.TARGET_PCT, tr("Target share of residents (%)"), type=NUMBER_DOUBLE,
                                                  defaultValue=float(std["target_share_pct"]), minValue=0.0, maxValue=100.0),
               tr("A unit lacks a service when fewer of its residents than this reach it (default 90 %, a benchmark after "
                  "Barcelona's climate-shelter network, not a standard)."))
        self.add_unit_parameters(tr("Polygons (districts, neighbourhoods) for the summary table."),
                                 tr("Written to unit_id; the feature id is used when empty."))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_DEMAND, tr("Services in reach"), type=SOURCE_POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Life circle by unit"), type=SOURCE_TABLE, optional=True,
                                                            createByDefault=False))

    def _services(self, parameters, context):
        layers = self.parameterAsLayerList(parameters, self.SERVICES, context)
        if not layers:
            self.fail(tr("Give at least one SERVICES layer (e.g. schools, clinics, markets)."))
        for layer in layers:
            if not isinstance(layer, QgsVectorLayer) or geometry_kind(layer.wkbType()) not in ("point", "polygon"):
                self.fail(tr("The service layer '{name}' must hold points or polygons.").format(name=layer.name()))
        names_text = self.parameterAsString(parameters, self.SERVICE_NAMES, context)
        names = [layer.name() for layer in layers]
        if names_text and names_text.strip():
            given = [s.strip() for s in names_text.split(",")]
            if len(given) != len(layers):
                self.fail(tr("SERVICE_NAMES lists {got} name(s) for {n} service layer(s): give one per layer, in order.").format(
                    got=len(given), n=len(layers)))
            names = [g or n for g, n in zip(given, names)]
        return layers, names

    def compute(self, parameters, context, feedback):
        roads_src = input_source(self, parameters, di.ROADS, context)
        if roads_src is None:
            self.fail(tr("The streets layer is required."))
        layers, names = self._services(parameters, context)
        std = load_standard("life_circle")
        minutes = lc.parse_minutes(self.parameterAsString(parameters, self.SERVICE_MINUTES, context), len(layers))
        speed = self.parameterAsDouble(parameters, di.WALK_KMH, context)
        if speed <= 0:
            self.fail(tr("The walking speed must be positive (km/h), e.g. 4.0."))
        speed_m_min = speed * 1000.0 / 60.0
        _, metric = working_crs([roads_src, *layers], feedback)
        max_snap = self.parameterAsDouble(parameters, di.MAX_SNAP_M, context) or None
        hazard_src = self.parameterAsSource(parameters, di.HAZARD, context)
        units_src = self.parameterAsSource(parameters, self.UNITS, context)

        groups, limits = [], []
        for layer, name, given in zip(layers, names, minutes):
            data = read_source(layer, [], metric, feedback=feedback, what=layer.name())
            report_reading(data, layer.name(), feedback)
            if len(data) == 0:
                self.fail(tr("The service layer '{name}' has no facility (no feature with geometry): add its facilities or "
                             "leave the layer out.").format(name=layer.name()))
            if given is None:
                given, key = lc.default_minutes(name, std)
                origin = tr("default for '{key}'").format(key=key) if key else tr("general default")
            else:
                origin = tr("given")
            groups.append(representative_points(data.geoms))
            limits.append(given * speed_m_min)
            feedback.pushInfo(tr("Service '{name}': {n} facilit(ies), {min:g} min ({origin}) = {m:.0f} m.").format(
                name=name, n=len(data), min=given, origin=origin, m=given * speed_m_min))

        net = di.read_network(self, parameters, context, feedback, roads_src, metric)
        edge_mask = None
        if hazard_src is not None:
            zones, levels = di.read_hazard(self, parameters, context, feedback, hazard_src, metric)
            block = self.parameterAsInt(parameters, di.BLOCK_LEVEL, context)
            blocked = zones[np.nan_to_num(levels, nan=-1) >= block]
            edge_mask = ~cv.edges_in_zones(net, blocked)
            out = 0
            for k, g in enumerate(groups):
                inside = cv.points_in_zones(g, blocked)
                out += int(inside.sum())
                groups[k] = g[~inside]
            feedback.pushInfo(tr("Hazard level >= {level}: {edges} street edge(s) impassable, {fac} facilit(ies) out of service.").format(
                level=block, edges=int((~edge_mask).sum()), fac=out))
        demand_layer, d_src_pts, d_pts, persons, _ = di.read_demand(self, parameters, context, feedback, metric)
        if len(d_pts) == 0 or persons.sum() <= 0:
            self.fail(tr("The demand layer holds no population (no cell or feature with persons > 0)."))

        reach = lc.service_reach(net, d_pts, groups, limits, edge_mask=edge_mask, max_snap_m=max_snap, feedback=feedback)
        rp = reach.report
        if rp["demand_not_snapped"]:
            feedback.pushWarning(tr("{n} demand point(s) are farther than {d:.0f} m from any passable street: no service in reach.").format(
                n=rp["demand_not_snapped"], d=max_snap or 0))
        total = float(persons.sum())
        for name, k in zip(names, range(len(names))):
            pct = 100.0 * float(persons[reach.reached[:, k]].sum()) / total
            feedback.pushInfo(tr("'{name}': {pct:.1f} % of residents within reach.").format(name=name, pct=pct))
        all_pct = 100.0 * float(persons[reach.reached.all(axis=1)].sum()) / total
        feedback.pushInfo(tr("All {n} services within reach: {pct:.1f} % of residents.").format(n=len(names), pct=all_pct))

        stems = field_names(names)
        r = reach.reached
        table = pd.DataFrame({"persons": persons})
        for k, stem in enumerate(stems):
            table[f"{stem}_m"] = np.where(r[:, k], reach.walk_m[:, k], np.nan)
        table["n_reached"] = r.sum(axis=1)
        table["n_missing"] = len(names) - r.sum(axis=1)
        table["all_reached"] = r.all(axis=1)
        table["missing"] = [", ".join(n for n, ok in zip(names, row) if not ok) for row in r]
        d_fields = make_fields([("persons", "double")] + [(f"{s}_m", "double") for s in stems]
                               + [("n_reached", "int"), ("n_missing", "int"), ("all_reached", "bool"), ("missing", "string")])
        sink, d_id = self.parameterAsSink(parameters, self.OUTPUT_DEMAND, context, d_fields, WKB_POINT, demand_layer.crs())
        write_features(sink, d_fields, d_src_pts, table, feedback)
        results = {self.OUTPUT_DEMAND: d_id}

        if parameters.get(self.OUTPUT_TABLE):
            if units_src is None:
                feedback.pushWarning(tr("OUTPUT_TABLE needs UNITS polygons; the table was not written."))
            else:
                uid_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
                units = read_source(units_src, [uid_field] if uid_field else [], metric, feedback=feedback, what=tr("units"))
                target = self.parameterAsDouble(parameters, self.TARGET_PCT, context)
                shares = lc.unit_shares(len(units), cv.assign_to_units(d_pts, units.geoms), persons, r, target)
                out = pd.DataFrame({"unit_id": units.attrs[uid_field].astype(str).to_numpy() if uid_field else units.fids.astype(str),
                                    "population": shares["population"]})
                for k, stem in enumerate(stems):
                    out[f"pct_{stem}"] = shares[f"pct_{k}"]
                out["pct_all"] = shares["pct_all"]
                out["missing"] = [", ".join(names[k] for k in m) for m in shares["missing"]]
                t_fields = make_fields([("unit_id", "string"), ("population", "double")] + [(f"pct_{s}", "double") for s in stems]
                                       + [("pct_all", "double"), ("missing", "string")])
                sink, t_id = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, t_fields, WKB_NOGEOMETRY)
                write_features(sink, t_fields, None, out, feedback)
                results[self.OUTPUT_TABLE] = t_id
        self.style_output(context, d_id, "life_circle")
        return results

"""resilience:restoration — Recovery of lifeline service (可恢复性): repair schedule and recovery curves."""

import math

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import NUMBER_INTEGER, SOURCE_TABLE, WKB_NOGEOMETRY
from ...core import cascade as casc
from ...core import restoration as core
from ...core.errors import check_cancel
from ...core.towers import unit_of
from ...i18n import tr
from ...qgis_io.vector import make_fields, read_source, write_features
from ..assets import DEPENDENCIES, add_asset_parameters, read_assets
from ..base import ResilienceAlgorithm

MAX_DAYS = 3650  # the daily curves stop after ten years

SCHEDULE_SPEC = [("asset_id", "string"), ("asset_class", "string"), ("system", "string"), ("damage_state", "string"),
                 ("repair_days", "double"), ("priority", "double"), ("persons_served", "double"), ("crew", "int"),
                 ("start_day", "double"), ("finish_day", "double"), ("service_day", "double")]
CURVE_SPEC = [("unit_id", "string"), ("system", "string"), ("day", "double"), ("persons", "double"), ("persons_served", "double"),
              ("share_served", "double")]
SUMMARY_SPEC = [("unit_id", "string"), ("system", "string"), ("persons", "double"), ("days_50", "double"), ("days_90", "double"),
                ("days_100", "double")]


def parse_crews(text, systems):
    """``"power:3, water:2"`` -> {system: crews}; raises ValueError naming the bad part."""
    out = {}
    for part in (text or "").replace(";", ",").split(","):
        if not part.strip():
            continue
        key, _, value = part.partition(":")
        key = key.strip()
        if key not in systems:
            raise ValueError(part.strip())
        try:
            k = int(value)
        except ValueError:
            raise ValueError(part.strip()) from None
        if k < 0:
            raise ValueError(part.strip())
        out[key] = k
    return out


class Restoration(ResilienceAlgorithm):
    ALG_ID = "restoration"
    GROUP_ID = "lifelines"
    ICON = "lifeline_exposure.svg"

    DAMAGE_FIELD = "DAMAGE_FIELD"
    REPAIR_DAYS_FIELD = "REPAIR_DAYS_FIELD"
    PRIORITY_FIELD = "PRIORITY_FIELD"
    RESTORATION_FILE = "RESTORATION_FILE"
    CREWS = "CREWS"
    DEFAULT_CREWS = "DEFAULT_CREWS"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    OUTPUT_SCHEDULE = "OUTPUT_SCHEDULE"
    OUTPUT_CURVE = "OUTPUT_CURVE"
    OUTPUT_SUMMARY = "OUTPUT_SUMMARY"
    CHART = "CHART"

    def display_name(self):
        return tr("Recovery of lifeline service")

    def help_text(self):
        return tr(
            "How many days until people have power, water, telecom and road access again after a disaster, with the crews you "
            "have (可恢复性): a repair schedule and the recovery curve of persons with service over the days.\n\n"
            "The assets and the dependency table are those of Cascading failures across lifelines (ASSETS, CLASS_FIELD, "
            "ID_FIELD, POPULATION_FIELD, DEPENDENCIES). Each asset's damage state comes from DAMAGE_FIELD (none, slight, "
            "moderate, extensive, complete or 0-4); its repair time from REPAIR_DAYS_FIELD where filled, otherwise from the "
            "restoration functions (resources/standards/restoration.json or your RESTORATION_FILE: per class and damage state "
            "days to 50 % / 100 % functionality, or a Hazus normal curve, repaired after mean + 2 sd days; sources and verified "
            "flags are listed in the log; the default values are unverified).\n\n"
            "Schedule: each system has its crews (CREWS, e.g. power:3, water:2; others DEFAULT_CREWS; 0 = unlimited, every "
            "asset repaired at once, the Hazus view). Jobs are taken in the order of PRIORITY_FIELD (higher first, when "
            "given), then greedily by the persons the asset serves (those who lose a system when it alone fails) per "
            "crew-day of repair, each by the first free crew of its system; the order is set once. Dependencies are "
            "respected: an asset serves from the day its repair ends and all its suppliers serve (a pump is useless until "
            "its substation is back). Assets without a restoration function are never repaired (a warning lists them).\n\n"
            "OUTPUT_SCHEDULE: damaged assets with repair_days, priority, persons_served, crew, start_day, finish_day and "
            "service_day. OUTPUT_CURVE: per unit (UNITS, and 'all') and system, for each day persons, persons_served and "
            "share_served. OUTPUT_SUMMARY: days until 50 %, 90 % and 100 % of the persons have service (empty: never). CHART: "
            "the city's recovery curves as a PNG (needs matplotlib; without it the chart is skipped with a warning)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        add_asset_parameters(self)
        p = QgsProcessingParameterString(self.DAMAGE_FIELD, tr("Damage state field"), defaultValue="damage_state", optional=True)
        p.setHelp(tr("Damage state of each asset: none, slight, moderate, extensive, complete or 0-4. Layers without it are undamaged."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.REPAIR_DAYS_FIELD, tr("Repair days field"), defaultValue="repair_days", optional=True)
        p.setHelp(tr("Crew-days to repair an asset, where you know them better than the restoration functions."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.PRIORITY_FIELD, tr("Priority field"), optional=True)
        p.setHelp(tr("Higher values are repaired first (e.g. 2 for hospital feeders); ties and empty values follow persons per crew-day."))
        self.addParameter(p)
        p = QgsProcessingParameterFile(self.RESTORATION_FILE, tr("Restoration functions (JSON)"), extension="json", optional=True)
        p.setHelp(tr("Your restoration functions (same structure as resources/standards/restoration.json); its classes replace the defaults."))
        self.addParameter(self.advanced(p))
        p = QgsProcessingParameterString(self.CREWS, tr("Crews per system"), optional=True)
        p.setHelp(tr("Repair crews per system, e.g. power:3, water:2, telecom:1, roads:4. 0 = unlimited."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.DEFAULT_CREWS, tr("Crews of the other systems"), type=NUMBER_INTEGER, defaultValue=2, minValue=0)
        p.setHelp(tr("Crews of every system not listed in CREWS. 0 = unlimited."))
        self.addParameter(p)
        self.add_unit_parameters(tr("Polygons (districts, sub-districts) for the recovery curves per unit."),
                                 tr("Field naming each unit in the tables. Empty: the feature id."))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_SCHEDULE, tr("Repair schedule"), type=SOURCE_TABLE))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_CURVE, tr("Recovery curves"), type=SOURCE_TABLE))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_SUMMARY, tr("Days to restore service"), type=SOURCE_TABLE))
        p = QgsProcessingParameterFileDestination(self.CHART, tr("Recovery chart"), fileFilter=tr("PNG image (*.png)"), optional=True,
                                                  createByDefault=False)
        p.setHelp(tr("The recovery curves of the whole area as a PNG image."))
        self.addParameter(p)

    def compute(self, parameters, context, feedback):
        table = casc.load_dependencies((self.parameterAsFile(parameters, DEPENDENCIES, context) or "").strip() or None)
        rtable = core.load_restoration((self.parameterAsFile(parameters, self.RESTORATION_FILE, context) or "").strip() or None)
        systems = list(table.systems)
        try:
            crews = parse_crews(self.parameterAsString(parameters, self.CREWS, context), systems)
        except ValueError as err:
            self.fail(tr("CREWS: cannot read '{part}'. Write system:number pairs such as power:3, water:2 (systems: {known}).").format(
                part=err.args[0], known=", ".join(systems)))
        default = self.parameterAsInt(parameters, self.DEFAULT_CREWS, context)
        for s in systems:
            crews.setdefault(s, default)
        fields = {k: (self.parameterAsString(parameters, key, context) or "").strip()
                  for k, key in (("ds", self.DAMAGE_FIELD), ("days", self.REPAIR_DAYS_FIELD), ("prio", self.PRIORITY_FIELD))}
        parts, metric, _ = read_assets(self, parameters, context, table, feedback, fields)
        ids = [i for p in parts for i in p["ids"]]
        classes = np.array([c for p in parts for c in p["classes"]], dtype=object)
        geoms = np.concatenate([p["data"].geoms for p in parts])
        pop = np.nan_to_num(np.concatenate([p["pop"] for p in parts]))
        raw_ds = [v for p in parts for v in p["values"]["ds"]]
        states = [core.parse_state(v) for v in raw_ds]
        bad = sorted({str(v) for v, s in zip(raw_ds, states) if s is None})
        if bad:
            self.fail(tr("The damage state field '{field}' holds values that are not none, slight, moderate, extensive, complete or 0-4: {values}.").format(
                field=fields["ds"], values=", ".join(bad[:20])))
        states = np.array(states, dtype=np.int64)
        system_of = np.array([table.classes.get(c) for c in classes], dtype=object)
        demand_damaged = int(((states > 0) & (system_of == None)).sum())  # noqa: E711 - element-wise
        if demand_damaged:
            feedback.pushWarning(tr("{n} damaged demand feature(s) (people, hospitals, shelters) are not lifeline assets: their damage is not scheduled.").format(n=demand_damaged))
            states[system_of == None] = 0  # noqa: E711
        days, missing = core.repair_days(classes, states, rtable)
        given = pd.to_numeric(pd.Series([v for p in parts for v in p["values"]["days"]], dtype=object), errors="coerce").to_numpy(dtype=float)
        use_given = (states > 0) & np.isfinite(given) & (given > 0)
        days[use_given] = given[use_given]
        still = [(c, s) for c, s in missing if np.any((classes == c) & (states == core.STATES.index(s)) & ~use_given)]
        if still:
            feedback.pushWarning(tr("No restoration function for {pairs}: these assets are never repaired and their users never get service back.").format(
                pairs=", ".join(f"{c}/{s}" for c, s in still)))
        used = sorted({c for c in classes[(states > 0) & ~use_given] if c in rtable.classes})
        for c in used:
            e = rtable.classes[c]
            feedback.pushInfo(tr("Restoration {cls} ({flag}): {source}").format(cls=c, flag=tr("verified") if e["verified"] else tr("unverified"),
                                                                                source=e["source"]))
        damaged = states > 0
        feedback.pushInfo(tr("{n} damaged asset(s) to repair.").format(n=int(damaged.sum())))
        check_cancel(feedback, 20)
        req = casc.build_requirements(ids, classes, geoms, table, {})
        served = core.downstream_persons(req, pop, damaged, feedback=feedback)
        prio = pd.to_numeric(pd.Series([v for p in parts for v in p["values"]["prio"]], dtype=object), errors="coerce").to_numpy(dtype=float)
        ratio = served / np.where(np.isfinite(days) & (days > 0), days, np.inf)
        order = np.lexsort((np.arange(len(ids)), -ratio, -np.nan_to_num(prio, nan=-np.inf)))
        rank = np.empty(len(ids), dtype=np.int64)
        rank[order] = np.arange(len(ids))
        check_cancel(feedback, 60)
        start, finish, crew = core.schedule(system_of, np.where(damaged, days, 0.0), crews, rank)
        serve, gdays, ndays = core.service_days(finish, req)
        units = self.parameterAsSource(parameters, self.UNITS, context)
        unit_ids, uidx = [], np.full(len(ids), -1, dtype=np.int64)
        if units is not None:
            ufield = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
            u = read_source(units, [ufield] if ufield else [], target_crs=metric, feedback=feedback, what=tr("units"))
            unit_ids = [None if v is None else str(v) for v in u.attrs[ufield]] if ufield else [str(f) for f in u.fids]
            uidx = unit_of(geoms, u.geoms)
        per_system = {s: core.system_service(gdays, req, len(ids), s, ndays) for s in systems}
        finite = [v[np.isfinite(v)] for v in per_system.values()]
        horizon = max([float(v.max()) for v in finite if len(v)] + [0.0])
        if horizon > MAX_DAYS:
            feedback.pushWarning(tr("Service returns only after {days:.0f} days; the curves stop at {cap} days.").format(days=horizon, cap=MAX_DAYS))
            horizon = MAX_DAYS
        day_grid = np.arange(0, math.ceil(horizon) + 1, dtype=float)
        curves, summary = self._tables(per_system, pop, uidx, unit_ids, day_grid, feedback)
        out = {}
        sched = pd.DataFrame({"asset_id": ids, "asset_class": classes, "system": system_of,
                              "damage_state": [core.STATES[s] for s in states], "repair_days": days, "priority": prio,
                              "persons_served": served, "crew": np.where(crew >= 0, crew + 1, 0), "start_day": start,
                              "finish_day": finish, "service_day": serve})
        sched = sched[damaged].sort_values(["system", "start_day", "asset_id"], na_position="last").reset_index(drop=True)
        for col in ("finish_day", "service_day"):
            sched[col] = sched[col].where(np.isfinite(sched[col].astype(float)), None)
        sched["crew"] = sched["crew"].where(sched["crew"] > 0, None)
        out[self.OUTPUT_SCHEDULE] = self._sink(parameters, context, self.OUTPUT_SCHEDULE, SCHEDULE_SPEC, sched, feedback)
        out[self.OUTPUT_CURVE] = self._sink(parameters, context, self.OUTPUT_CURVE, CURVE_SPEC, curves, feedback)
        out[self.OUTPUT_SUMMARY] = self._sink(parameters, context, self.OUTPUT_SUMMARY, SUMMARY_SPEC, summary, feedback)
        chart = self.parameterAsFileOutput(parameters, self.CHART, context)
        if chart:
            if write_chart(chart, curves[curves["unit_id"] == tr("all")], systems, table):
                out[self.CHART] = chart
            else:
                feedback.pushWarning(tr("matplotlib is not available in this QGIS Python: the recovery chart was not drawn (the tables hold the curves)."))
        return out

    @staticmethod
    def _tables(per_system, pop, uidx, unit_ids, day_grid, feedback):
        curves, summary = [], []
        groups = [(tr("all"), np.ones(len(pop), bool))] + [(uid, uidx == k) for k, uid in enumerate(unit_ids)]
        for s, t in per_system.items():
            users = ~np.isnan(t) & (pop > 0)
            if not users.any():
                continue
            never = users & np.isinf(t)
            if never.any():
                feedback.pushWarning(tr("{p:.0f} persons never get {system} back (a supplier is unrepairable or out of reach).").format(
                    p=float(pop[never].sum()), system=s))
            for uid, sel in groups:
                m = users & sel
                persons = float(pop[m].sum())
                if persons <= 0:
                    continue
                served = core.curve(np.where(m, t, np.nan), pop, day_grid)
                for d, v in zip(day_grid, served):
                    curves.append({"unit_id": uid, "system": s, "day": float(d), "persons": persons, "persons_served": float(v),
                                   "share_served": float(v / persons)})
                row = {"unit_id": uid, "system": s, "persons": persons}
                for key, share in (("days_50", 0.5), ("days_90", 0.9), ("days_100", 1.0)):
                    v = core.days_to_share(np.where(m, t, np.nan), pop, share)
                    row[key] = v if np.isfinite(v) else None
                summary.append(row)
        return (pd.DataFrame(curves, columns=[n for n, _ in CURVE_SPEC]), pd.DataFrame(summary, columns=[n for n, _ in SUMMARY_SPEC]))

    def _sink(self, parameters, context, key, spec, frame, feedback):
        fields = make_fields(spec)
        sink, dest = self.parameterAsSink(parameters, key, context, fields, WKB_NOGEOMETRY)
        if sink is None:
            self.fail(tr("Could not create the output table {name}.").format(name=key))
        write_features(sink, fields, None, frame, feedback)
        return dest


def write_chart(path, curves, systems, table):
    """The recovery curves (share of persons with service per day, one line per system) as a PNG.
    Returns False when matplotlib cannot be imported."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        return False
    fig = Figure(figsize=(8, 4.5), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    for s in systems:
        c = curves[curves["system"] == s]
        if len(c):
            names = table.systems.get(s) or {}
            label = " / ".join(v for v in (names.get("zh"), names.get("en")) if v) or s
            ax.step(c["day"], 100 * c["share_served"], where="post", label=label)
    ax.axhline(90, color="0.6", lw=0.8, ls="--")
    ax.set_xlabel(tr("Days after the disaster"))
    ax.set_ylabel(tr("Persons with service (%)"))
    ax.set_title(tr("Recovery of lifeline service"))
    ax.set_ylim(0, 102)
    ax.grid(alpha=0.3)
    fonts = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "DejaVu Sans"]
    for text in (ax.xaxis.label, ax.yaxis.label, ax.title):
        text.set_fontfamily(fonts)
    legend = ax.legend(loc="lower right")
    for text in legend.get_texts():
        text.set_fontfamily(fonts)
    fig.tight_layout()
    fig.savefig(str(path))
    return True

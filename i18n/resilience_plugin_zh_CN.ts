<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>@default</name>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="38" />
            <source>Threshold '{item}' is not a number. Give ascending numbers separated by commas, e.g. 0.1,0.5,1.0.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="41" />
            <source>Threshold '{item}' is not a finite number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="45" />
            <source>Thresholds must be strictly ascending; got {values}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="48" />
            <source>At most {n} thresholds are supported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="81" />
            <source>Value map entry '{entry}' is not of the form value:level.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="89" />
            <source>Value map entry '{entry}': the level must be a whole number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="92" />
            <source>Value map entry '{entry}': levels go from 0 to {n}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="145" />
            <source>The field holds text, not numbers: use VALUE_MAP for categories, or choose a numeric field.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="155" />
            <source>The value map matches none of the field's values. Values found include: {examples}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="201" />
            <source>The raster {path} has no coordinate reference system.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="234" />
            <source>The value map matches none of the raster's values.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/raster.py" line="47" />
            <source>Cannot open the raster {path}: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="157" />
            <source>The raster has {count} band(s); band {band} does not exist.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/core/raster.py" line="54" />
            <source>Rotated rasters are not supported: warp the raster to a north-up grid first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/maps/styles.py" line="23" />
            <source>No style named '{name}' in {folder}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/maps/styles.py" line="54" />
            <source>Could not apply the style '{name}': {message}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="37" />
            <source>&amp;Resilience</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/provider.py" line="28" />
            <source>Resilience Planner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="50" />
            <source>Load sample data (Jakarta)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="98" />
            <source>The sample project is missing: {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="102" />
            <source>Could not open the sample project {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="26" />
            <source>Custom (thresholds or value map below)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="47" />
            <source>Classify hazard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="50" />
            <source>Turns a hazard layer into standard hazard zones that the other algorithms read.

Input: a polygon layer with a hazard FIELD, or a raster BAND (flood depth, wind speed, PGA, ...).
Continuous values are classified with THRESHOLDS t1 &lt; t2 &lt; ... &lt; tn: value &lt; t1 gives level 0 (no hazard), t1 &lt;= value &lt; t2 level 1, ..., value &gt;= tn level n. Categories are classified with VALUE_MAP, 'value:level' pairs separated by ';' (case and surrounding spaces ignored), e.g. YES:1;NO:0. A PRESET fills thresholds and labels from resources/standards/hazard_presets.json (sources and whether each was verified are listed there).

Output: one (multi)polygon per level with fields hazard, level, label (Chinese / English), value_min and value_max (continuous inputs) and area_m2. Areas are in square metres, measured in a metric CRS (the input's own if it is a suitable projected CRS, otherwise the CGCS2000 3-degree Gauss-Krueger zone in China or UTM elsewhere). Level 0 is left out unless KEEP_LEVEL_0 is set. Rasters are classified and polygonised in bulk (GDAL), without per-feature loops.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="66" />
            <source>Hazard layer (polygons or raster)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="68" />
            <source>A polygon layer with a hazard value per feature, or a raster of hazard values.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="70" />
            <source>Hazard value field (polygon input)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="72" />
            <source>The field holding the hazard value or category. Required for polygon input.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="74" />
            <source>Raster band (raster input)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="76" />
            <source>The band holding the hazard values. Default 1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="78" />
            <source>Hazard name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="79" />
            <source>Stored in the 'hazard' field of every zone, e.g. flood, waterlogging, earthquake.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="81" />
            <source>Preset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="82" />
            <source>Standard thresholds or categories with their labels. Choose Custom to give your own.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="84" />
            <source>Thresholds (ascending, comma separated)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="85" />
            <source>For continuous values, e.g. 0.1,0.5,1.0,2.0: value &lt; 0.1 is level 0, 0.1-0.5 level 1, ..., &gt;= 2.0 level 4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="87" />
            <source>Value map (value:level;...)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="88" />
            <source>For categories, e.g. YES:1;NO:0 or 极高易发:4;高易发:3;中易发:2;低易发:1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="90" />
            <source>Keep level 0 (no hazard) zones</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="91" />
            <source>Also write the zone of level 0. Off by default.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="93" />
            <source>Hazard zones</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="102" />
            <source>Choose either a preset or your own thresholds / value map, not both.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="108" />
            <source>Give either THRESHOLDS (continuous values) or VALUE_MAP (categories), not both.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="110" />
            <source>Give THRESHOLDS (e.g. 0.1,0.5,1.0) or a VALUE_MAP (e.g. YES:1;NO:0), or choose a preset.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="114" />
            <source>THRESHOLDS holds no numbers.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="118" />
            <source>VALUE_MAP holds no value:level pairs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="124" />
            <source>The hazard layer could not be loaded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="134" />
            <source>The hazard layer must be a polygon layer or a raster.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="145" />
            <source>Level {level} ({label}): {area:.1f} ha</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="147" />
            <source>No zone at or above level 1: the output is empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="153" />
            <source>Only file-based rasters (GDAL) can be classified; save the raster to a GeoTIFF first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="165" />
            <source>{n} nodata cell(s) were left out.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="167" />
            <source>{n} cell(s) hold values that are not in the value map; they were left out.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="173" />
            <source>The hazard layer must contain polygons (or be a raster); '{name}' has {kind} geometry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="177" />
            <source>Choose the FIELD that holds the hazard value of each polygon.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="179" />
            <source>The hazard layer '{name}' has no features.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="183" />
            <source>The hazard layer '{name}' has no features with geometry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="189" />
            <source>{n} feature(s) have a NULL value and were left out.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="191" />
            <source>{n} feature(s) hold values that are not in the value map; they were left out.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="13" />
            <source>Hazard assessment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="14" />
            <source>Dual-use facilities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="15" />
            <source>Lifelines</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="16" />
            <source>Maps and styles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="60" />
            <source>resilience</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="60" />
            <source>hazard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="69" />
            <source>Cancelled by the user; no output was written.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/provider.py" line="28" />
            <source>Could not load the algorithm module {name}: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/processing/provider.py" line="42" />
            <source>Resilience planning (韧性规划)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="16" />
            <source>A layer has no valid coordinate reference system: set its CRS first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="58" />
            <source>The inputs have no extent (are they empty?).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="64" />
            <source>Lengths and areas are measured in the inputs' own CRS {crs}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="67" />
            <source>Lengths and areas are measured in {crs}, chosen for the data's extent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="66" />
            <source>The field '{field}' does not exist in {layer}. Available fields: {available}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="139" />
            <source>{layer}: {n} feature(s) without geometry were skipped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="141" />
            <source>{layer}: {n} invalid geometrie(s) were repaired.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>

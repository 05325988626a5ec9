<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>@default</name>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="38" />
            <source>Threshold '{item}' is not a number. Give ascending numbers separated by commas, e.g. 0.1,0.5,1.0.</source>
            <translation>阈值“{item}”不是数字。请输入以逗号分隔的递增数值，例如 0.1,0.5,1.0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="41" />
            <source>Threshold '{item}' is not a finite number.</source>
            <translation>阈值“{item}”不是有限数值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="45" />
            <source>Thresholds must be strictly ascending; got {values}.</source>
            <translation>阈值必须严格递增；当前为 {values}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="48" />
            <source>At most {n} thresholds are supported.</source>
            <translation>最多支持 {n} 个阈值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="81" />
            <source>Value map entry '{entry}' is not of the form value:level.</source>
            <translation>值映射项“{entry}”不符合“值:等级”的格式。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="89" />
            <source>Value map entry '{entry}': the level must be a whole number.</source>
            <translation>值映射项“{entry}”：等级必须为整数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="92" />
            <source>Value map entry '{entry}': levels go from 0 to {n}.</source>
            <translation>值映射项“{entry}”：等级取值范围为 0 到 {n}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="145" />
            <source>The field holds text, not numbers: use VALUE_MAP for categories, or choose a numeric field.</source>
            <translation>该字段为文本而非数值：分类值请使用值映射（VALUE_MAP），或选择数值字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="155" />
            <source>The value map matches none of the field's values. Values found include: {examples}.</source>
            <translation>值映射与字段中的任何值都不匹配。字段中的值例如：{examples}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="201" />
            <source>The raster {path} has no coordinate reference system.</source>
            <translation>栅格 {path} 没有坐标参考系。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="234" />
            <source>The value map matches none of the raster's values.</source>
            <translation>值映射与栅格中的任何值都不匹配。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/raster.py" line="47" />
            <source>Cannot open the raster {path}: {error}</source>
            <translation>无法打开栅格 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="157" />
            <source>The raster has {count} band(s); band {band} does not exist.</source>
            <translation>该栅格共有 {count} 个波段；第 {band} 波段不存在。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/raster.py" line="54" />
            <source>Rotated rasters are not supported: warp the raster to a north-up grid first.</source>
            <translation>不支持旋转栅格：请先将栅格重投影（warp）为正北朝上的格网。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/styles.py" line="23" />
            <source>No style named '{name}' in {folder}.</source>
            <translation>{folder} 中没有名为“{name}”的样式。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/styles.py" line="54" />
            <source>Could not apply the style '{name}': {message}</source>
            <translation>无法应用样式“{name}”：{message}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="46" />
            <source>&amp;Resilience</source>
            <translation>韧性规划(&amp;R)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/provider.py" line="28" />
            <source>Resilience Planner</source>
            <translation>韧性城市规划工具箱</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="59" />
            <source>Load sample data (Jakarta)</source>
            <translation>加载示例数据（雅加达）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="107" />
            <source>The sample project is missing: {path}</source>
            <translation>示例工程缺失：{path}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="111" />
            <source>Could not open the sample project {path}</source>
            <translation>无法打开示例工程 {path}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="26" />
            <source>Custom (thresholds or value map below)</source>
            <translation>自定义（使用下方的阈值或值映射）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="47" />
            <source>Classify hazard</source>
            <translation>灾害分级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="50" />
            <source>Turns a hazard layer into standard hazard zones that the other algorithms read.

Input: a polygon layer with a hazard FIELD, or a raster BAND (flood depth, wind speed, PGA, ...).
Continuous values are classified with THRESHOLDS t1 &lt; t2 &lt; ... &lt; tn: value &lt; t1 gives level 0 (no hazard), t1 &lt;= value &lt; t2 level 1, ..., value &gt;= tn level n. Categories are classified with VALUE_MAP, 'value:level' pairs separated by ';' (case and surrounding spaces ignored), e.g. YES:1;NO:0. A PRESET fills thresholds and labels from resources/standards/hazard_presets.json (sources and whether each was verified are listed there).

Output: one (multi)polygon per level with fields hazard, level, label (Chinese / English), value_min and value_max (continuous inputs) and area_m2. Areas are in square metres, measured in a metric CRS (the input's own if it is a suitable projected CRS, otherwise the CGCS2000 3-degree Gauss-Krueger zone in China or UTM elsewhere). Level 0 is left out unless KEEP_LEVEL_0 is set. Rasters are classified and polygonised in bulk (GDAL), without per-feature loops.</source>
            <translation>将灾害图层划分为统一的灾害等级分区，供其他算法读取。

输入：带灾害字段（FIELD）的面图层，或栅格的某一波段（BAND）（洪水深度、风速、峰值加速度等）。
连续值按阈值 THRESHOLDS t1 &lt; t2 &lt; … &lt; tn 分级：值 &lt; t1 为 0 级（无灾害），t1 ≤ 值 &lt; t2 为 1 级，……，值 ≥ tn 为 n 级。分类值按 VALUE_MAP 分级，即以“;”分隔的“值:等级”对（不区分大小写，忽略首尾空格），例如 YES:1;NO:0。预设（PRESET）从 resources/standards/hazard_presets.json 读取阈值和标注（其中列出了每项的来源及是否已核实）。

输出：每个等级一个（多）面要素，字段为 hazard、level、label（中文 / 英文）、value_min 和 value_max（连续值输入）以及 area_m2。面积以平方米计，在米制坐标系中量算（若输入本身为合适的投影坐标系则直接使用，否则在中国境内使用 CGCS2000 3度带高斯-克吕格投影，境外使用 UTM）。除非勾选 KEEP_LEVEL_0，否则不输出 0 级分区。栅格在 GDAL 中批量分级和矢量化，不逐要素循环。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="66" />
            <source>Hazard layer (polygons or raster)</source>
            <translation>灾害图层（面或栅格）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="68" />
            <source>A polygon layer with a hazard value per feature, or a raster of hazard values.</source>
            <translation>每个要素带有灾害值的面图层，或灾害值栅格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="70" />
            <source>Hazard value field (polygon input)</source>
            <translation>灾害值字段（面输入）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="72" />
            <source>The field holding the hazard value or category. Required for polygon input.</source>
            <translation>存放灾害值或类别的字段。面输入时必填。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="74" />
            <source>Raster band (raster input)</source>
            <translation>栅格波段（栅格输入）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="76" />
            <source>The band holding the hazard values. Default 1.</source>
            <translation>存放灾害值的波段，默认为 1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="78" />
            <source>Hazard name</source>
            <translation>灾种名称</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="79" />
            <source>Stored in the 'hazard' field of every zone, e.g. flood, waterlogging, earthquake.</source>
            <translation>写入每个分区的 hazard 字段，例如 flood（洪水）、waterlogging（内涝）、earthquake（地震）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="81" />
            <source>Preset</source>
            <translation>预设</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="82" />
            <source>Standard thresholds or categories with their labels. Choose Custom to give your own.</source>
            <translation>标准阈值或类别及其标注。选择“自定义”可输入自己的分级。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="84" />
            <source>Thresholds (ascending, comma separated)</source>
            <translation>阈值（递增，逗号分隔）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="85" />
            <source>For continuous values, e.g. 0.1,0.5,1.0,2.0: value &lt; 0.1 is level 0, 0.1-0.5 level 1, ..., &gt;= 2.0 level 4.</source>
            <translation>用于连续值，例如 0.1,0.5,1.0,2.0：值 &lt; 0.1 为 0 级，0.1–0.5 为 1 级，……，≥ 2.0 为 4 级。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="87" />
            <source>Value map (value:level;...)</source>
            <translation>值映射（值:等级;…）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="88" />
            <source>For categories, e.g. YES:1;NO:0 or 极高易发:4;高易发:3;中易发:2;低易发:1.</source>
            <translation>用于分类值，例如 YES:1;NO:0 或 极高易发:4;高易发:3;中易发:2;低易发:1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="90" />
            <source>Keep level 0 (no hazard) zones</source>
            <translation>保留 0 级（无灾害）分区</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="91" />
            <source>Also write the zone of level 0. Off by default.</source>
            <translation>同时输出 0 级分区。默认不输出。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="93" />
            <source>Hazard zones</source>
            <translation>灾害分区</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="102" />
            <source>Choose either a preset or your own thresholds / value map, not both.</source>
            <translation>请在预设与自定义阈值/值映射之间二选一，不能同时使用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="108" />
            <source>Give either THRESHOLDS (continuous values) or VALUE_MAP (categories), not both.</source>
            <translation>阈值（THRESHOLDS，连续值）与值映射（VALUE_MAP，分类值）只能二选一。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="110" />
            <source>Give THRESHOLDS (e.g. 0.1,0.5,1.0) or a VALUE_MAP (e.g. YES:1;NO:0), or choose a preset.</source>
            <translation>请输入阈值（THRESHOLDS，例如 0.1,0.5,1.0）或值映射（VALUE_MAP，例如 YES:1;NO:0），或选择一个预设。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="114" />
            <source>THRESHOLDS holds no numbers.</source>
            <translation>阈值（THRESHOLDS）中没有数值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="118" />
            <source>VALUE_MAP holds no value:level pairs.</source>
            <translation>值映射（VALUE_MAP）中没有“值:等级”对。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="124" />
            <source>The hazard layer could not be loaded.</source>
            <translation>无法加载灾害图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="134" />
            <source>The hazard layer must be a polygon layer or a raster.</source>
            <translation>灾害图层必须是面图层或栅格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="145" />
            <source>Level {level} ({label}): {area:.1f} ha</source>
            <translation>{level} 级（{label}）：{area:.1f} 公顷</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="147" />
            <source>No zone at or above level 1: the output is empty.</source>
            <translation>没有 1 级及以上的分区：输出为空。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="153" />
            <source>Only file-based rasters (GDAL) can be classified; save the raster to a GeoTIFF first.</source>
            <translation>只能对文件型栅格（GDAL）分级；请先将栅格保存为 GeoTIFF。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="165" />
            <source>{n} nodata cell(s) were left out.</source>
            <translation>已忽略 {n} 个无数据像元。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="167" />
            <source>{n} cell(s) hold values that are not in the value map; they were left out.</source>
            <translation>{n} 个像元的值不在值映射中，已忽略。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="173" />
            <source>The hazard layer must contain polygons (or be a raster); '{name}' has {kind} geometry.</source>
            <translation>灾害图层必须是面（或栅格）；“{name}”的几何类型为 {kind}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="177" />
            <source>Choose the FIELD that holds the hazard value of each polygon.</source>
            <translation>请选择存放每个面灾害值的字段（FIELD）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="179" />
            <source>The hazard layer '{name}' has no features.</source>
            <translation>灾害图层“{name}”没有要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="183" />
            <source>The hazard layer '{name}' has no features with geometry.</source>
            <translation>灾害图层“{name}”没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="189" />
            <source>{n} feature(s) have a NULL value and were left out.</source>
            <translation>{n} 个要素的值为空（NULL），已忽略。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="191" />
            <source>{n} feature(s) hold values that are not in the value map; they were left out.</source>
            <translation>{n} 个要素的值不在值映射中，已忽略。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="13" />
            <source>Hazard assessment</source>
            <translation>灾害评估</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="14" />
            <source>Dual-use facilities</source>
            <translation>平急两用设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="15" />
            <source>Lifelines</source>
            <translation>生命线工程</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="16" />
            <source>Maps and styles</source>
            <translation>图件与样式</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="60" />
            <source>resilience</source>
            <translation>韧性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="60" />
            <source>hazard</source>
            <translation>灾害</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="69" />
            <source>Cancelled by the user; no output was written.</source>
            <translation>用户已取消；未写出任何结果。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/provider.py" line="28" />
            <source>Could not load the algorithm module {name}: {error}</source>
            <translation>无法加载算法模块 {name}：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/provider.py" line="42" />
            <source>Resilience planning (韧性规划)</source>
            <translation>韧性规划 (Resilience planning)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="15" />
            <source>A layer has no valid coordinate reference system: set its CRS first.</source>
            <translation>有图层没有有效的坐标参考系：请先设置其坐标参考系。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="57" />
            <source>The inputs have no extent (are they empty?).</source>
            <translation>输入数据没有范围（是否为空？）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="63" />
            <source>Lengths and areas are measured in the inputs' own CRS {crs}.</source>
            <translation>长度和面积在输入数据自身的坐标系 {crs} 中量算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="66" />
            <source>Lengths and areas are measured in {crs}, chosen for the data's extent.</source>
            <translation>长度和面积在根据数据范围选定的坐标系 {crs} 中量算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="65" />
            <source>The field '{field}' does not exist in {layer}. Available fields: {available}.</source>
            <translation>{layer} 中不存在字段“{field}”。可用字段：{available}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="138" />
            <source>{layer}: {n} feature(s) without geometry were skipped.</source>
            <translation>{layer}：已跳过 {n} 个无几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="140" />
            <source>{layer}: {n} invalid geometrie(s) were repaired.</source>
            <translation>{layer}：已修复 {n} 个无效几何。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="56" />
            <source>Resilience Planner needs these Python packages in QGIS's Python: {items}. Install them from the OSGeo4W shell or a terminal with: python -m pip install --upgrade {names}</source>
            <translation>韧性城市规划工具箱需要在 QGIS 的 Python 中安装以下包：{items}。请在 OSGeo4W Shell 或终端中运行：python -m pip install --upgrade {names}</translation>
        </message>
    </context>
</TS>

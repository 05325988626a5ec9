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
            <location filename="../resilience_plugin/core/classify.py" line="156" />
            <source>The field holds text, not numbers: use VALUE_MAP for categories, or choose a numeric field.</source>
            <translation>该字段为文本而非数值：分类值请使用值映射（VALUE_MAP），或选择数值字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="166" />
            <source>The value map matches none of the field's values. Values found include: {examples}.</source>
            <translation>值映射与字段中的任何值都不匹配。字段中的值例如：{examples}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/zonal.py" line="574" />
            <source>The raster {path} has no coordinate reference system.</source>
            <translation>栅格 {path} 没有坐标参考系。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/classify.py" line="244" />
            <source>The value map matches none of the raster's values.</source>
            <translation>值映射与栅格中的任何值都不匹配。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/raster.py" line="49" />
            <source>Cannot open the raster {path}: {error}</source>
            <translation>无法打开栅格 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="158" />
            <source>The raster has {count} band(s); band {band} does not exist.</source>
            <translation>该栅格共有 {count} 个波段；第 {band} 波段不存在。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/raster.py" line="56" />
            <source>Rotated rasters are not supported: warp the raster to a north-up grid first.</source>
            <translation>不支持旋转栅格：请先将栅格重投影（warp）为正北朝上的格网。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/styles.py" line="152" />
            <source>No style named '{name}' in {folder}.</source>
            <translation>{folder} 中没有名为“{name}”的样式。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="105" />
            <source>Could not apply the style '{name}': {message}</source>
            <translation>无法应用样式“{name}”：{message}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="62" />
            <source>&amp;Resilience</source>
            <translation>韧性规划(&amp;R)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/provider.py" line="28" />
            <source>Resilience Planner</source>
            <translation>韧性城市规划工具箱</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="235" />
            <source>Load sample data (Jakarta)</source>
            <translation>加载示例数据（雅加达）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="212" />
            <source>The sample project is missing: {path}</source>
            <translation>示例工程缺失：{path}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="219" />
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
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="75" />
            <source>Raster band (raster input)</source>
            <translation>栅格波段（栅格输入）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="77" />
            <source>The band holding the hazard values. Default 1.</source>
            <translation>存放灾害值的波段，默认为 1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="79" />
            <source>Hazard name</source>
            <translation>灾种名称</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="80" />
            <source>Stored in the 'hazard' field of every zone, e.g. flood, waterlogging, earthquake.</source>
            <translation>写入每个分区的 hazard 字段，例如 flood（洪水）、waterlogging（内涝）、earthquake（地震）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="82" />
            <source>Preset</source>
            <translation>预设</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="83" />
            <source>Standard thresholds or categories with their labels. Choose Custom to give your own.</source>
            <translation>标准阈值或类别及其标注。选择“自定义”可输入自己的分级。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="85" />
            <source>Thresholds (ascending, comma separated)</source>
            <translation>阈值（递增，逗号分隔）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="87" />
            <source>For continuous values, e.g. 0.1,0.5,1.0,2.0: value &lt; 0.1 is level 0, 0.1-0.5 level 1, ..., &gt;= 2.0 level 4.</source>
            <translation>用于连续值，例如 0.1,0.5,1.0,2.0：值 &lt; 0.1 为 0 级，0.1–0.5 为 1 级，……，≥ 2.0 为 4 级。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="89" />
            <source>Value map (value:level;...)</source>
            <translation>值映射（值:等级;…）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="90" />
            <source>For categories, e.g. YES:1;NO:0 or 极高易发:4;高易发:3;中易发:2;低易发:1.</source>
            <translation>用于分类值，例如 YES:1;NO:0 或 极高易发:4;高易发:3;中易发:2;低易发:1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="92" />
            <source>Keep level 0 (no hazard) zones</source>
            <translation>保留 0 级（无灾害）分区</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="93" />
            <source>Also write the zone of level 0. Off by default.</source>
            <translation>同时输出 0 级分区。默认不输出。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="118" />
            <source>Hazard zones</source>
            <translation>灾害分区</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="104" />
            <source>Choose either a preset or your own thresholds / value map, not both.</source>
            <translation>请在预设与自定义阈值/值映射之间二选一，不能同时使用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="110" />
            <source>Give either THRESHOLDS (continuous values) or VALUE_MAP (categories), not both.</source>
            <translation>阈值（THRESHOLDS，连续值）与值映射（VALUE_MAP，分类值）只能二选一。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="112" />
            <source>Give THRESHOLDS (e.g. 0.1,0.5,1.0) or a VALUE_MAP (e.g. YES:1;NO:0), or choose a preset.</source>
            <translation>请输入阈值（THRESHOLDS，例如 0.1,0.5,1.0）或值映射（VALUE_MAP，例如 YES:1;NO:0），或选择一个预设。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="184" />
            <source>THRESHOLDS holds no numbers.</source>
            <translation>阈值（THRESHOLDS）中没有数值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="120" />
            <source>VALUE_MAP holds no value:level pairs.</source>
            <translation>值映射（VALUE_MAP）中没有“值:等级”对。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="344" />
            <source>The hazard layer could not be loaded.</source>
            <translation>无法加载灾害图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="136" />
            <source>The hazard layer must be a polygon layer or a raster.</source>
            <translation>灾害图层必须是面图层或栅格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="147" />
            <source>Level {level} ({label}): {area:.1f} ha</source>
            <translation>{level} 级（{label}）：{area:.1f} 公顷</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="149" />
            <source>No zone at or above level 1: the output is empty.</source>
            <translation>没有 1 级及以上的分区：输出为空。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="166" />
            <source>{n} nodata cell(s) were left out.</source>
            <translation>已忽略 {n} 个无数据像元。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="168" />
            <source>{n} cell(s) hold values that are not in the value map; they were left out.</source>
            <translation>{n} 个像元的值不在值映射中，已忽略。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="174" />
            <source>The hazard layer must contain polygons (or be a raster); '{name}' has {kind} geometry.</source>
            <translation>灾害图层必须是面（或栅格）；“{name}”的几何类型为 {kind}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="178" />
            <source>Choose the FIELD that holds the hazard value of each polygon.</source>
            <translation>请选择存放每个面灾害值的字段（FIELD）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="180" />
            <source>The hazard layer '{name}' has no features.</source>
            <translation>灾害图层“{name}”没有要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="184" />
            <source>The hazard layer '{name}' has no features with geometry.</source>
            <translation>灾害图层“{name}”没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="190" />
            <source>{n} feature(s) have a NULL value and were left out.</source>
            <translation>{n} 个要素的值为空（NULL），已忽略。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/classify_hazard.py" line="192" />
            <source>{n} feature(s) hold values that are not in the value map; they were left out.</source>
            <translation>{n} 个要素的值不在值映射中，已忽略。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="29" />
            <source>Hazard assessment</source>
            <translation>灾害评估</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="30" />
            <source>Dual-use facilities</source>
            <translation>平急两用设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="31" />
            <source>Lifelines</source>
            <translation>生命线工程</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="32" />
            <source>Maps and styles</source>
            <translation>图件与样式</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="150" />
            <source>resilience</source>
            <translation>韧性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="150" />
            <source>hazard</source>
            <translation>灾害</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="185" />
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
            <location filename="../resilience_plugin/qgis_io/crs.py" line="17" />
            <source>A layer has no valid coordinate reference system: set its CRS first.</source>
            <translation>有图层没有有效的坐标参考系：请先设置其坐标参考系。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="79" />
            <source>The inputs have no extent (are they empty?).</source>
            <translation>输入数据没有范围（是否为空？）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="87" />
            <source>Lengths and areas are measured in the inputs' own CRS {crs}.</source>
            <translation>长度和面积在输入数据自身的坐标系 {crs} 中量算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="90" />
            <source>Lengths and areas are measured in {crs}, chosen for the data's extent.</source>
            <translation>长度和面积在根据数据范围选定的坐标系 {crs} 中量算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="71" />
            <source>The field '{field}' does not exist in {layer}. Available fields: {available}.</source>
            <translation>{layer} 中不存在字段“{field}”。可用字段：{available}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="431" />
            <source>{layer}: {n} feature(s) without geometry were skipped.</source>
            <translation>{layer}：已跳过 {n} 个无几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="433" />
            <source>{layer}: {n} invalid geometrie(s) were repaired.</source>
            <translation>{layer}：已修复 {n} 个无效几何。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="52" />
            <source>AHP supports 1 to {max} criteria; got {n}.</source>
            <translation>层次分析法支持 1 到 {max} 个指标；当前为 {n} 个。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="47" />
            <source>Give the criteria names separated by commas, e.g. safety,access,capacity.</source>
            <translation>请输入以逗号分隔的指标名称，例如 safety,access,capacity。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="50" />
            <source>Criteria names must be unique; repeated: {names}.</source>
            <translation>指标名称不能重复；重复的有：{names}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="82" />
            <source>The comparison matrix has {count} values but {n} criteria need {n} x {n} = {need} (the full matrix, row by row).</source>
            <translation>判断矩阵有 {count} 个值，但 {n} 个指标需要 {n} x {n} = {need} 个（按行给出完整矩阵）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="89" />
            <source>Matrix entry row {row}, column {col} ('{value}') is not a number or a fraction like 1/3.</source>
            <translation>矩阵第 {row} 行第 {col} 列（“{value}”）不是数字，也不是 1/3 这样的分数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="99" />
            <source>The comparison matrix must be square.</source>
            <translation>判断矩阵必须是方阵。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="103" />
            <source>Matrix entry row {row}, column {col} is {value}: judgements must be positive (1/9 ... 9); zero or negative is not allowed.</source>
            <translation>矩阵第 {row} 行第 {col} 列为 {value}：判断值必须为正（1/9 ... 9），不能为零或负数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="108" />
            <source>Diagonal entry {row},{row} is {value}: a criterion compared with itself must be 1.</source>
            <translation>对角线元素 {row},{row} 为 {value}：指标与自身比较必须为 1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="114" />
            <source>Matrix entry row {row}, column {col} is {value}: use Saaty's scale 1/9 ... 9.</source>
            <translation>矩阵第 {row} 行第 {col} 列为 {value}：请使用 Saaty 1/9 ... 9 标度。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="120" />
            <source>Entries ({row},{col}) = {a} and ({col},{row}) = {b} are not reciprocal: a_ji must be 1 / a_ij.</source>
            <translation>元素 ({row},{col}) = {a} 与 ({col},{row}) = {b} 不互为倒数：a_ji 必须等于 1 / a_ij。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="176" />
            <source>WEIGHTS is empty.</source>
            <translation>WEIGHTS 为空。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="256" />
            <source>Weight for '{name}' does not match any criterion; criteria are: {criteria}.</source>
            <translation>权重“{name}”不对应任何指标；指标为：{criteria}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="189" />
            <source>{count} weights were given for {n} criteria ({criteria}); give one per criterion or name:weight pairs.</source>
            <translation>为 {n} 个指标（{criteria}）给出了 {count} 个权重；请每个指标给一个，或使用“名称:权重”形式。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="193" />
            <source>Give WEIGHTS either all as name:weight pairs or all as plain numbers.</source>
            <translation>WEIGHTS 请全部写成“名称:权重”形式，或全部写成纯数字。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="195" />
            <source>The weights sum to zero: give at least one positive weight.</source>
            <translation>权重之和为零：请至少给出一个正权重。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="203" />
            <source>The weight of '{name}' ('{value}') is not a number.</source>
            <translation>“{name}”的权重（“{value}”）不是数字。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/ahp.py" line="205" />
            <source>The weight of '{name}' must be zero or positive; got {value}.</source>
            <translation>“{name}”的权重必须为零或正数；当前为 {value}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="142" />
            <source>The walking speed must be positive (km/h), e.g. 4.0.</source>
            <translation>步行速度必须为正（公里/小时），例如 4.0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/coverage.py" line="43" />
            <source>The walking time limit must be positive (minutes), e.g. 10.</source>
            <translation>步行时间上限必须为正（分钟），例如 10。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/coverage.py" line="117" />
            <source>MODE must be 0 (nearest), 1 (capacitated) or 2 (site selection).</source>
            <translation>MODE 必须为 0（最近设施）、1（容量约束分配）或 2（选址）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="262" />
            <source>Site selection (MODE 2) needs a CANDIDATES layer with at least one site.</source>
            <translation>选址（MODE 2）需要至少包含一个候选点的 CANDIDATES 图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/coverage.py" line="280" />
            <source>Site selection (MODE 2) needs MAX_NEW of at least 1.</source>
            <translation>选址（MODE 2）要求 MAX_NEW 至少为 1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/criticality.py" line="554" />
            <source>There are no destinations: give at least one hospital, shelter or other destination.</source>
            <translation>没有目的地：请至少提供一个医院、避难场所或其他目的地。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/criticality.py" line="561" />
            <source>No destination lies within {d:g} m of the network: check the layers' positions or raise MAX_SNAP.</source>
            <translation>没有任何目的地位于网络 {d:g} 米范围内：请检查图层位置或增大 MAX_SNAP。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/criticality.py" line="575" />
            <source>No destination can be reached from any demand over the network: the destinations lie on parts of the network that no demand is connected to (or no demand is within {d:g} m of the network).</source>
            <translation>任何需求点都无法经网络到达任何目的地：目的地位于没有需求点连通的网络部分（或没有需求点位于网络 {d:g} 米范围内）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/exposure.py" line="592" />
            <source>The hazard raster and the population raster are in different CRS: warp the hazard raster to the population raster's CRS first.</source>
            <translation>灾害栅格与人口栅格的坐标参考系不同：请先将灾害栅格重投影到人口栅格的坐标参考系。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="133" />
            <source>These lifeline types are not in the fragility library: {names}. Known types: {known}. Map your values to known types, or add them to a FRAGILITY_FILE.</source>
            <translation>以下生命线类型不在易损性库中：{names}。已知类型：{known}。请把您的取值映射为已知类型，或在 FRAGILITY_FILE 中添加它们。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="138" />
            <source>The lifeline types {names} are {need} assets but the LIFELINES layer holds {kind} geometries. Give lines for pipes, cables and roads, points for substations, towers, pumping stations and bridges.</source>
            <translation>生命线类型 {names} 属于{need}类资产，但 LIFELINES 图层是{kind}几何。管道、线缆和道路请用线，变电站、杆塔、泵站和桥梁请用点。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="160" />
            <source>The intensity values along the lifelines range from {vmin:.4g} to {vmax:.4g}, which is implausible for {measure} in {unit} (expected {lo:g} to {hi:g}). Is the raster in another unit? {hint}</source>
            <translation>沿生命线的强度值范围为 {vmin:.4g} 至 {vmax:.4g}，对以 {unit} 为单位的 {measure} 不合理（应在 {lo:g} 至 {hi:g} 之间）。栅格是否使用了其他单位？{hint}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="212" />
            <source>Cannot read the fragility file {path}: {error}</source>
            <translation>无法读取易损性文件 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="214" />
            <source>The fragility file {path} is not valid JSON: {error}</source>
            <translation>易损性文件 {path} 不是有效的 JSON：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="352" />
            <source>A fragility file must hold a JSON object with a 'curves' list.</source>
            <translation>易损性文件必须是一个含 'curves' 列表的 JSON 对象。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="225" />
            <source>'{key}' in the fragility file must be an object.</source>
            <translation>易损性文件中的 '{key}' 必须是对象。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="232" />
            <source>'curves' in the fragility file must be a list.</source>
            <translation>易损性文件中的 'curves' 必须是列表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="266" />
            <source>Fragility curve '{curve}': '{key}' must hold numbers.</source>
            <translation>易损性曲线“{curve}”：'{key}' 必须是数值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="356" />
            <source>Intensity measure '{key}' has no unit: add e.g. "unit": "cm/s".</source>
            <translation>强度指标“{key}”没有单位：请添加例如 "unit": "cm/s"。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="362" />
            <source>Asset type '{key}' must say "geometry": "line" or "point".</source>
            <translation>资产类型“{key}”必须声明 "geometry": "line" 或 "point"。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="273" />
            <source>Fragility curve number {n} is not an object.</source>
            <translation>第 {n} 条易损性曲线不是对象。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="277" />
            <source>Fragility curve '{curve}' has no asset_type.</source>
            <translation>易损性曲线“{curve}”没有 asset_type。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="280" />
            <source>Fragility curve '{curve}' refers to the unknown asset type(s) {names}; declare them under 'asset_types' (with their geometry) first.</source>
            <translation>易损性曲线“{curve}”引用了未知资产类型 {names}；请先在 'asset_types' 中声明它们（含几何类型）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="284" />
            <source>Fragility curve '{curve}' uses the unknown intensity measure '{im}'. Known: {known}.</source>
            <translation>易损性曲线“{curve}”使用了未知强度指标“{im}”。已知指标：{known}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="288" />
            <source>Fragility curve '{curve}' has no unit: add "unit": "{expected}".</source>
            <translation>易损性曲线“{curve}”没有单位：请添加 "unit": "{expected}"。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="291" />
            <source>Fragility curve '{curve}' is given in {unit} but the intensity measure '{im}' is in {expected}: convert the curve's parameters.</source>
            <translation>易损性曲线“{curve}”的单位是 {unit}，但强度指标“{im}”的单位是 {expected}：请换算曲线参数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="295" />
            <source>Fragility curve '{curve}': unknown form '{form}'; use lognormal, repair_rate or threshold.</source>
            <translation>易损性曲线“{curve}”：未知形式“{form}”；请使用 lognormal、repair_rate 或 threshold。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="298" />
            <source>Fragility curve '{curve}' needs a 'source' text and a 'verified' true/false flag.</source>
            <translation>易损性曲线“{curve}”需要 'source' 文字说明和 'verified' 真/假标记。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="310" />
            <source>Fragility curve '{curve}': theta and beta need one value per damage state.</source>
            <translation>易损性曲线“{curve}”：theta 和 beta 需要每个破坏状态各一个值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="312" />
            <source>Fragility curve '{curve}': at most {n} damage states are supported.</source>
            <translation>易损性曲线“{curve}”：最多支持 {n} 个破坏状态。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="314" />
            <source>Fragility curve '{curve}': every median theta must be &gt; 0.</source>
            <translation>易损性曲线“{curve}”：所有中位值 theta 必须大于 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="316" />
            <source>Fragility curve '{curve}': every dispersion beta must be &gt; 0.</source>
            <translation>易损性曲线“{curve}”：所有对数标准差 beta 必须大于 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="321" />
            <source>Fragility curve '{curve}': fail_state must be a damage-state index from 0 to {n}.</source>
            <translation>易损性曲线“{curve}”：fail_state 必须是 0 到 {n} 之间的破坏状态序号。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="332" />
            <source>Fragility curve '{curve}': a repair-rate curve needs one number 'a' and one 'b'.</source>
            <translation>易损性曲线“{curve}”：维修率曲线需要一个数值 'a' 和一个数值 'b'。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="334" />
            <source>Fragility curve '{curve}': the coefficient a must be &gt; 0.</source>
            <translation>易损性曲线“{curve}”：系数 a 必须大于 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="337" />
            <source>Fragility curve '{curve}': repair-rate curves apply to line assets only.</source>
            <translation>易损性曲线“{curve}”：维修率曲线只适用于线状资产。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="345" />
            <source>Fragility curve '{curve}': a threshold rule needs one number 'threshold'.</source>
            <translation>易损性曲线“{curve}”：阈值规则需要一个数值 'threshold'。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="368" />
            <source>Material factors must be &gt; 0.</source>
            <translation>材质系数必须大于 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/fragility.py" line="373" />
            <source>Diameter factors need ascending 'edges' and one positive factor more than edges.</source>
            <translation>管径系数需要升序的 'edges'，且系数个数比分界值多一个（均为正数）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/lifeline.py" line="427" />
            <source>{n} lifeline(s) have no asset type: fill the ASSET_TYPE_FIELD or give one ASSET_TYPE for the whole layer.</source>
            <translation>{n} 条生命线没有资产类型：请填写 ASSET_TYPE_FIELD，或为整个图层指定一个 ASSET_TYPE。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/lifeline.py" line="526" />
            <source>The intensity raster does not cover the lifelines at all (all {km:.2f} km are off the raster or on nodata cells). Check that raster and lines overlap and that their CRS are set correctly.</source>
            <translation>强度栅格完全没有覆盖生命线（全部 {km:.2f} 公里都在栅格之外或位于无数据像元上）。请检查栅格与线是否重叠、坐标系是否设置正确。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/lifeline.py" line="607" />
            <source>The intensity raster does not cover any of the {n} lifeline points. Check that raster and points overlap and that their CRS are set correctly.</source>
            <translation>强度栅格没有覆盖 {n} 个生命线点中的任何一个。请检查栅格与点是否重叠、坐标系是否设置正确。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/network.py" line="620" />
            <source>The road layer holds no usable line: check that it contains lines with length.</source>
            <translation>道路图层中没有可用的线：请检查其中是否包含有长度的线要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="55" />
            <source>The level field of {layer} holds '{value}', which is not a whole number. Levels must be integers 0, 1, 2, ... (classify the layer first with Classify hazard).</source>
            <translation>{layer} 的等级字段含有“{value}”，不是整数。等级必须是整数 0、1、2……（可先用“灾害分级”对图层分级）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="78" />
            <source>WEIGHTS must be numbers separated by commas, one per hazard layer; got '{text}'.</source>
            <translation>WEIGHTS 必须是用逗号分隔的数字，每个灾害图层一个；当前为“{text}”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="81" />
            <source>{given} weight(s) were given for {n} hazard layer(s): give one weight per hazard layer, in the same order.</source>
            <translation>给出了 {given} 个权重，但有 {n} 个灾害图层：请按图层顺序为每个灾害图层给出一个权重。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="84" />
            <source>Weights must not be negative; got {text}.</source>
            <translation>权重不能为负数；当前为 {text}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="86" />
            <source>All weights are zero: give at least one positive weight.</source>
            <translation>所有权重均为零：请至少给出一个正权重。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="369" />
            <source>The risk matrix is empty.</source>
            <translation>风险矩阵为空。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="114" />
            <source>The risk matrix '{text}' cannot be read: give rows separated by ';' of levels separated by ',', e.g. 1,1,2,2;1,2,3,3;2,3,3,4;2,3,4,4.</source>
            <translation>无法读取风险矩阵“{text}”：请用“;”分隔各行、用“,”分隔各等级，例如 1,1,2,2;1,2,3,3;2,3,3,4;2,3,4,4。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="117" />
            <source>The risk matrix must be a rectangular table of levels &gt;= 0 (rows: hazard level, columns: vulnerability level).</source>
            <translation>风险矩阵必须是由不小于 0 的等级组成的矩形表（行：灾害等级，列：脆弱性等级）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="347" />
            <source>Unknown overlay method {method}.</source>
            <translation>未知的叠加方法 {method}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="361" />
            <source>Give at least one hazard layer.</source>
            <translation>请至少给出一个灾害图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="367" />
            <source>The risk matrix method needs VULNERABILITY zones.</source>
            <translation>风险矩阵法需要脆弱性分区（VULNERABILITY）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="516" />
            <source>{n} unit(s) of {layer} have no id: fill the id field or choose another one.</source>
            <translation>{layer} 中有 {n} 个单元没有编号：请填写编号字段或选择其他字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="520" />
            <source>The unit id field of {layer} is not unique ('{value}' appears more than once): choose a field with one value per unit.</source>
            <translation>{layer} 的单元编号字段不唯一（“{value}”出现了不止一次）：请选择每个单元取值唯一的字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/overlay.py" line="528" />
            <source>SCORE_BREAKS holds no numbers: give ascending score breaks, e.g. 0.5,1.5,2.5,3.5.</source>
            <translation>SCORE_BREAKS 中没有数字：请给出升序的得分分界值，例如 0.5,1.5,2.5,3.5。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="55" />
            <source>Unknown shelter class '{name}'; use one of {names}.</source>
            <translation>未知的避难场所类别“{name}”；可用：{names}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="149" />
            <source>TYPE_MAP entry '{entry}' is not of the form type:function|function (functions: {functions}).</source>
            <translation>TYPE_MAP 条目“{entry}”的格式应为 类型:功能|功能（功能：{functions}）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="154" />
            <source>TYPE_MAP entry '{entry}': unknown function '{function}'; use {functions}.</source>
            <translation>TYPE_MAP 条目“{entry}”：未知功能“{function}”；请使用 {functions}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="262" />
            <source>None of the weighted criteria can be computed with the layers given: add the layers or change the weights.</source>
            <translation>用现有图层无法计算任何有权重的指标：请补充图层或修改权重。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="346" />
            <source>The per-capita area must be positive (m² per person).</source>
            <translation>人均面积必须为正（平方米/人）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="348" />
            <source>EFFECTIVE_RATIO must be above 0 and at most 1; got {value}.</source>
            <translation>EFFECTIVE_RATIO 必须大于 0 且不超过 1；当前为 {value}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/population.py" line="112" />
            <source>Unknown population mode {mode}: use 0 (persons per cell) or 1 (persons per km²).</source>
            <translation>未知的人口模式 {mode}：请使用 0（每格人数）或 1（每平方公里人数）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/population.py" line="353" />
            <source>The population raster holds negative values: set them to nodata or 0 first.</source>
            <translation>人口栅格含有负值：请先将其设为无数据或 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="46" />
            <source>missing</source>
            <translation>缺少</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/export.py" line="81" />
            <source>The layout template {path} does not exist. Choose an existing .qpt file or one of the built-in templates.</source>
            <translation>布局模板 {path} 不存在。请选择一个已有的 .qpt 文件，或使用内置模板之一。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/export.py" line="90" />
            <source>{path} is not a QGIS layout template (.qpt): save one from the QGIS layout designer with Layout &gt; Save as Template.</source>
            <translation>{path} 不是 QGIS 布局模板（.qpt）：请在 QGIS 布局设计器中通过“布局 &gt; 另存为模板”保存一个。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/export.py" line="97" />
            <source>DPI must be between 1 and {max} (300 is usual for print); {dpi} was given.</source>
            <translation>DPI 必须在 1 到 {max} 之间（印刷通常用 300）；当前为 {dpi}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/export.py" line="108" />
            <source>The output folder {folder} cannot be created: choose a folder you can write to.</source>
            <translation>无法创建输出文件夹 {folder}：请选择一个有写入权限的文件夹。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/export.py" line="694" />
            <source>The output folder {folder} is not writable: choose a folder you can write to.</source>
            <translation>输出文件夹 {folder} 不可写：请选择一个有写入权限的文件夹。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/export.py" line="377" />
            <source>The layout template could not be loaded: check it in the QGIS layout designer.</source>
            <translation>无法加载布局模板：请在 QGIS 布局设计器中检查该模板。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/export.py" line="385" />
            <source>The layout template has no map item: add one in the layout designer.</source>
            <translation>布局模板中没有地图项：请在布局设计器中添加一个。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="134" />
            <source>Map extent</source>
            <translation>地图范围</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/export.py" line="775" />
            <source>The map could not be exported: {error}</source>
            <translation>无法导出地图：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="67" />
            <source>AHP weights</source>
            <translation>层次分析法权重</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="38" />
            <source>AHP</source>
            <translation>层次分析</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="38" />
            <source>weights</source>
            <translation>权重</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="41" />
            <source>Derives criterion weights from a pairwise comparison matrix by the Analytic Hierarchy Process (Saaty).

CRITERIA: the names, separated by commas. MATRIX: the full n x n comparison matrix, row by row, on Saaty's 1/9 ... 9 scale (a_ij = how much more important criterion i is than j; fractions such as 1/3 are accepted). The diagonal must be 1 and a_ji = 1 / a_ij. In the dialog you only edit the upper triangle: the reciprocals and the consistency ratio update as you type, in red when CR &gt;= 0.10.

Method: the weights are the principal eigenvector of the matrix, normalised to sum 1; CI = (lambda_max - n) / (n - 1), CR = CI / RI with Saaty's random index RI for n &lt;= 15 (resources/standards/ahp.json; values for n &gt; 10 are marked unverified there). The judgements are consistent when CR &lt; 0.10.

Outputs: OUTPUT_TABLE with fields criterion and weight (use it as the weights of Dual-use facility suitability); the numbers LAMBDA_MAX, CI, CR and the boolean CONSISTENT.</source>
            <translation>用层次分析法（Saaty）由两两比较判断矩阵计算指标权重。

CRITERIA：指标名称，以逗号分隔。MATRIX：按行给出完整的 n x n 判断矩阵，采用 Saaty 1/9 ... 9 标度（a_ij 表示指标 i 相对 j 的重要程度；可输入 1/3 这样的分数）。对角线必须为 1，且 a_ji = 1 / a_ij。在对话框中只需编辑上三角：倒数和一致性比率随输入实时更新，CR ≥ 0.10 时显示为红色。

方法：权重为矩阵的主特征向量，归一化使其和为 1；CI = (lambda_max - n) / (n - 1)，CR = CI / RI，RI 为 Saaty 随机一致性指标（n ≤ 15，见 resources/standards/ahp.json；n &gt; 10 的取值在该文件中标为未核实）。CR &lt; 0.10 时判断具有一致性。

输出：OUTPUT_TABLE，字段 criterion 与 weight（可作为平急两用设施适宜性评价的权重）；数值 LAMBDA_MAX、CI、CR 与布尔值 CONSISTENT。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="57" />
            <source>Criteria (comma separated)</source>
            <translation>指标（逗号分隔）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="59" />
            <source>The names of the criteria compared, in the order of the matrix rows, e.g. safety,access,capacity.</source>
            <translation>参与比较的指标名称，顺序与矩阵行一致，例如 safety,access,capacity。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="61" />
            <source>Pairwise comparison matrix</source>
            <translation>两两比较判断矩阵</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="61" />
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="63" />
            <source>The full n x n matrix row by row (Saaty 1/9 ... 9, fractions like 1/3 allowed). The diagonal is 1 and a_ji = 1 / a_ij.</source>
            <translation>按行给出完整的 n x n 矩阵（Saaty 1/9 ... 9，可用 1/3 这样的分数）。对角线为 1，且 a_ji = 1 / a_ij。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="68" />
            <source>Principal eigenvalue (lambda max)</source>
            <translation>最大特征值（lambda max）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="69" />
            <source>Consistency index CI</source>
            <translation>一致性指标 CI</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="70" />
            <source>Consistency ratio CR</source>
            <translation>一致性比率 CR</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="71" />
            <source>Consistent (CR &lt; 0.10)</source>
            <translation>满足一致性（CR &lt; 0.10）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="77" />
            <source>Fill in the comparison matrix (MATRIX): {n} x {n} values, row by row.</source>
            <translation>请填写判断矩阵（MATRIX）：按行共 {n} x {n} 个值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="85" />
            <source>{criterion}: weight {weight:.4f}</source>
            <translation>{criterion}：权重 {weight:.4f}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="86" />
            <source>lambda max = {lam:.4f}, CI = {ci:.4f}, RI = {ri:.2f}, CR = {cr:.4f}</source>
            <translation>lambda max = {lam:.4f}，CI = {ci:.4f}，RI = {ri:.2f}，CR = {cr:.4f}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/ahp_weights.py" line="89" />
            <source>CR = {cr:.3f} is not below 0.10: the judgements are inconsistent; revise the matrix.</source>
            <translation>CR = {cr:.3f} 不低于 0.10：判断不一致，请修改矩阵。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="22" />
            <source>Hazard / risk levels (field level)</source>
            <translation>灾害 / 风险等级（字段 level）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="23" />
            <source>Exposure by hazard level (field level)</source>
            <translation>按灾害等级的暴露（字段 level）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="24" />
            <source>Suitability grades (field grade)</source>
            <translation>适宜性等级（字段 grade）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="25" />
            <source>Coverage: covered / unserved (field covered)</source>
            <translation>覆盖情况：已覆盖 / 未覆盖（字段 covered）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="26" />
            <source>Facility load (field load_ratio)</source>
            <translation>设施负荷（字段 load_ratio）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="27" />
            <source>Service areas</source>
            <translation>服务范围</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="28" />
            <source>Lifeline exposure by level (field max_level)</source>
            <translation>生命线按等级的暴露（字段 max_level）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="29" />
            <source>Lifeline failure probability (field p_fail)</source>
            <translation>生命线失效概率（字段 p_fail）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="30" />
            <source>Link criticality (field isolated_persons)</source>
            <translation>路段关键性（字段 isolated_persons）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="31" />
            <source>Isolated demand points (field isolated)</source>
            <translation>孤立需求点（字段 isolated）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="47" />
            <source>Apply plan-map style</source>
            <translation>应用规划图样式</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="54" />
            <source>Gives a layer the plugin's plan-map style for its output type: hazard and risk levels in the red / orange / yellow / blue convention of Chinese planning maps (level 0 light grey), suitability grades, coverage (covered / unserved), facility load, service areas, lifeline exposure by level or failure probability, link criticality and isolated demand points.

STYLE 'Detect' chooses the style from the layer's fields (level, grade, covered, load_ratio, max_level, p_fail, isolated_persons, isolated) and geometry. PALETTE: the default colours or a colour-blind-safe alternative (resources/standards/palettes.json; the styles are in resources/styles). LABELS: legend labels in Chinese and English, in the QGIS interface language, or in one language.

The layer's data are not changed, only its style. A layer given as a file path is loaded with the style.</source>
            <translation>为图层应用本插件按输出类型设计的规划图样式：灾害与风险等级采用我国规划图常用的红 / 橙 / 黄 / 蓝配色（0 级为浅灰），以及适宜性等级、覆盖情况（已覆盖 / 未覆盖）、设施负荷、服务范围、生命线按等级或失效概率的暴露、路段关键性和孤立需求点。

样式选“自动识别”时，根据图层字段（level、grade、covered、load_ratio、max_level、p_fail、isolated_persons、isolated）和几何类型选择样式。配色方案（PALETTE）：默认配色或色盲友好配色（resources/standards/palettes.json；样式文件在 resources/styles）。图例标注（LABELS）：中英双语、跟随 QGIS 界面语言，或单一语言。

不改变图层数据，只改变其样式。以文件路径给出的图层会连同样式加载。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="67" />
            <source>Layer</source>
            <translation>图层</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="68" />
            <source>The layer to style, usually an output of one of our algorithms.</source>
            <translation>要设置样式的图层，通常是本工具箱某个算法的输出。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="71" />
            <source>Style</source>
            <translation>样式</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="71" />
            <source>Detect from the layer's fields</source>
            <translation>根据图层字段自动识别</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="73" />
            <source>Which style to apply; 'Detect' picks it from the field names and the geometry type.</source>
            <translation>要应用的样式；“自动识别”根据字段名和几何类型选择。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="75" />
            <source>Palette</source>
            <translation>配色方案</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="75" />
            <source>Default (red / orange / yellow / blue)</source>
            <translation>默认（红 / 橙 / 黄 / 蓝）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="75" />
            <source>Colour-blind safe</source>
            <translation>色盲友好</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="77" />
            <source>The default planning colours, or a palette that stays distinguishable with colour-blindness.</source>
            <translation>默认规划配色，或色盲人士也能区分的配色。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="79" />
            <source>Legend labels</source>
            <translation>图例标注</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="79" />
            <source>Chinese / English</source>
            <translation>中文 / 英文</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="79" />
            <source>Interface language</source>
            <translation>界面语言</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="79" />
            <source>Chinese</source>
            <translation>中文</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="79" />
            <source>English</source>
            <translation>英文</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="81" />
            <source>Language of the legend labels.</source>
            <translation>图例标注的语言。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="83" />
            <source>Styled layer</source>
            <translation>已设置样式的图层</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="88" />
            <source>The layer could not be loaded.</source>
            <translation>无法加载该图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="93" />
            <source>No plan-map style fits the layer '{name}': it has none of the fields level, grade, covered, load_ratio, max_level, p_fail, isolated_persons or isolated for its geometry type. Choose a STYLE explicitly.</source>
            <translation>没有适合图层“{name}”的规划图样式：该图层（按其几何类型）不含 level、grade、covered、load_ratio、max_level、p_fail、isolated_persons 或 isolated 字段。请明确选择样式（STYLE）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="101" />
            <source>The style '{name}' has no file for {kind} layers in resources/styles.</source>
            <translation>样式“{name}”在 resources/styles 中没有适用于{kind}图层的文件。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/apply_style.py" line="114" />
            <source>Applied the style '{name}' ({palette}).</source>
            <translation>已应用样式“{name}”（{palette}）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="70" />
            <source>Export plan map</source>
            <translation>规划图件输出</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="103" />
            <source>Layers (first on top)</source>
            <translation>图层（第一个在最上层）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="104" />
            <source>The layers to show, in drawing order: the first layer is drawn on top. Required.</source>
            <translation>要显示的图层，按绘制顺序：第一个图层绘制在最上层。必填。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="106" />
            <source>Page</source>
            <translation>图幅</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="106" />
            <source>A3 landscape</source>
            <translation>A3 横向</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="106" />
            <source>A3 portrait</source>
            <translation>A3 纵向</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="106" />
            <source>A4 landscape</source>
            <translation>A4 横向</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="106" />
            <source>A4 portrait</source>
            <translation>A4 纵向</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="108" />
            <source>One of the built-in plan-map layouts (resources/layouts). Ignored when a template file is given.</source>
            <translation>内置规划图布局之一（resources/layouts）。指定模板文件时忽略。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="110" />
            <source>Layout template file (.qpt)</source>
            <translation>布局模板文件（.qpt）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="110" />
            <source>Layout templates (*.qpt)</source>
            <translation>布局模板 (*.qpt)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="112" />
            <source>A layout template of your own, saved from the QGIS layout designer. Its items are found by id (map, legend, scalebar, north_arrow, title, subtitle, note, date, crs_note, overview).</source>
            <translation>自定义布局模板，从 QGIS 布局设计器保存。按项目 ID 查找其中的元素（map、legend、scalebar、north_arrow、title、subtitle、note、date、crs_note、overview）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="122" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="125" />
            <source>Subtitle</source>
            <translation>副标题</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="126" />
            <source>A line under the title, e.g. the plan's name. In an atlas the feature's name is added to it.</source>
            <translation>标题下方的一行文字，例如规划名称。图集中会在其后加上当前要素的名称。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="128" />
            <source>Notes (data source, compiler)</source>
            <translation>注记（资料来源、编制单位）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="129" />
            <source>Printed in the notes block: data sources, compiling organisation, remarks.</source>
            <translation>印在注记栏中：资料来源、编制单位、说明。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="131" />
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="132" />
            <source>The date printed on the map. Default: today (YYYY-MM-DD).</source>
            <translation>图上印出的日期。默认：今天（YYYY-MM-DD）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="135" />
            <source>The area to show. Default: the extent of all layers with a 5 % margin. Not used by an atlas.</source>
            <translation>要显示的范围。默认：所有图层的范围外扩 5%。图集不使用此参数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="137" />
            <source>Show an overview map</source>
            <translation>显示鹰眼图</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="138" />
            <source>Show the small overview map with the main map's extent framed in red.</source>
            <translation>显示小幅鹰眼图，主图范围以红框标出。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="140" />
            <source>Atlas coverage layer (one page per feature)</source>
            <translation>图集覆盖图层（每个要素一页）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="142" />
            <source>Polygons such as districts or sub-districts: one page per feature, zoomed to it.</source>
            <translation>面图层，例如区或街道：每个要素一页，并缩放到该要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="144" />
            <source>Coverage name field</source>
            <translation>覆盖图层名称字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="146" />
            <source>The field naming each page (e.g. the district name): shown in the subtitle and used in file names.</source>
            <translation>为每页命名的字段（例如区名）：显示在副标题中，并用于文件名。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="148" />
            <source>Atlas as one multi-page PDF</source>
            <translation>图集输出为一个多页 PDF</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="149" />
            <source>For an atlas exported to PDF: one multi-page file (on) or one file per feature (off). PNG and SVG atlases always give one file per feature.</source>
            <translation>图集导出为 PDF 时：一个多页文件（开）或每个要素一个文件（关）。PNG 和 SVG 图集总是每个要素一个文件。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="152" />
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="153" />
            <source>PDF (vector, searchable text), PNG (image with world file) or SVG (vector).</source>
            <translation>PDF（矢量，文字可搜索）、PNG（图片，附带坐标文件）或 SVG（矢量）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="155" />
            <source>Resolution (DPI)</source>
            <translation>分辨率（DPI）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="156" />
            <source>Dots per inch for images and rasterised parts, 1-1200. 300 is usual for print.</source>
            <translation>图片及栅格化部分的每英寸点数，1–1200。印刷通常用 300。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="158" />
            <source>Output file</source>
            <translation>输出文件</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="160" />
            <source>The file to write. Its extension is set by FORMAT. An atlas to PNG/SVG writes one file per feature next to it, named &lt;output&gt;_&lt;name&gt;.</source>
            <translation>要写出的文件，扩展名由格式（FORMAT）决定。图集导出为 PNG/SVG 时，在其旁边为每个要素写一个文件，命名为 &lt;输出名&gt;_&lt;名称&gt;。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="163" />
            <source>Files written</source>
            <translation>已写出的文件</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="164" />
            <source>Number of pages</source>
            <translation>页数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="177" />
            <source>Give at least one layer to show on the map (LAYERS is empty).</source>
            <translation>请至少给出一个要在图上显示的图层（LAYERS 为空）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="180" />
            <source>The layer '{name}' could not be loaded.</source>
            <translation>无法加载图层“{name}”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="196" />
            <source>Choose an output file.</source>
            <translation>请选择输出文件。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="206" />
            <source>The atlas coverage layer must contain polygons.</source>
            <translation>图集覆盖图层必须是面图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="208" />
            <source>Choose the COVERAGE_NAME_FIELD that names each page of the atlas.</source>
            <translation>请选择为图集每页命名的字段（COVERAGE_NAME_FIELD）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="210" />
            <source>The coverage layer '{layer}' has no field '{field}'. Its fields are: {fields}.</source>
            <translation>覆盖图层“{layer}”没有字段“{field}”。其字段为：{fields}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="213" />
            <source>The atlas coverage layer '{layer}' has no features.</source>
            <translation>图集覆盖图层“{layer}”没有要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="246" />
            <source>Map CRS: {crs}</source>
            <translation>地图坐标系：{crs}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="251" />
            <source>Wrote {path}</source>
            <translation>已写出 {path}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="82" />
            <source>Multi-hazard overlay</source>
            <translation>多灾种叠加</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="108" />
            <source>Hazard zone layers</source>
            <translation>灾害分区图层</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="109" />
            <source>Two or more polygon layers of hazard zones, each with an integer level field (0 none, 1 low ... 4 very high).</source>
            <translation>两个或更多灾害分区面图层，每个都有整数等级字段（0 无，1 低……4 极高）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="111" />
            <source>Level field</source>
            <translation>等级字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="112" />
            <source>The integer level field, the same name in every hazard layer (Classify hazard writes 'level').</source>
            <translation>整数等级字段，各灾害图层中名称相同（“灾害分级”输出的字段为 level）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="114" />
            <source>Method</source>
            <translation>方法</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="114" />
            <source>Maximum level (envelope)</source>
            <translation>最高等级（包络）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="114" />
            <source>Weighted sum of levels</source>
            <translation>等级加权和</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="114" />
            <source>Count of hazards at or above a level</source>
            <translation>达到某等级的灾种数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="114" />
            <source>Risk matrix (hazard x vulnerability)</source>
            <translation>风险矩阵（灾害 × 脆弱性）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="117" />
            <source>How the levels of the hazards are combined into one composite level.</source>
            <translation>各灾种等级合成为一个综合等级的方式。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="119" />
            <source>Weights (one per hazard layer, comma separated)</source>
            <translation>权重（每个灾害图层一个，逗号分隔）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="120" />
            <source>Weighted sum only: one non-negative weight per hazard layer, in the order of the layers, e.g. 0.5,0.3,0.2. Default equal weights.</source>
            <translation>仅用于加权和：按图层顺序为每个灾害图层给出一个非负权重，例如 0.5,0.3,0.2。默认等权。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="123" />
            <source>Score breaks (weighted sum)</source>
            <translation>得分分界值（加权和）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="125" />
            <source>Weighted sum only: ascending breaks that re-class the score into levels (score &lt; b1 is level 0, b1 &lt;= score &lt; b2 level 1, ...).</source>
            <translation>仅用于加权和：将得分重新分级的升序分界值（得分 &lt; b1 为 0 级，b1 ≤ 得分 &lt; b2 为 1 级……）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="128" />
            <source>Count hazards at or above level</source>
            <translation>计数的最低等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="130" />
            <source>Count method only: a hazard counts where its level is at least this level.</source>
            <translation>仅用于计数法：灾种等级不低于此等级时计入。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="132" />
            <source>Vulnerability zones (risk matrix)</source>
            <translation>脆弱性分区（风险矩阵）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="134" />
            <source>Risk matrix only: polygons with an integer vulnerability level (1 low ... 4 very high).</source>
            <translation>仅用于风险矩阵：带整数脆弱性等级（1 低……4 极高）的面。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="136" />
            <source>Vulnerability level field</source>
            <translation>脆弱性等级字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="138" />
            <source>The integer vulnerability level field of the vulnerability zones.</source>
            <translation>脆弱性分区的整数脆弱性等级字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="141" />
            <source>Risk matrix (rows: hazard level; columns: vulnerability level)</source>
            <translation>风险矩阵（行：灾害等级；列：脆弱性等级）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="143" />
            <source>Risk levels, rows separated by ';' and columns by ','. Row i is hazard level i, column j vulnerability level j. Default: resources/standards/risk_matrix.json.</source>
            <translation>风险等级，行之间用“;”分隔，列之间用“,”分隔。第 i 行为灾害等级 i，第 j 列为脆弱性等级 j。默认值见 resources/standards/risk_matrix.json。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="405" />
            <source>Admin units</source>
            <translation>行政单元</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="146" />
            <source>Optional admin polygons (district, sub-district, neighbourhood) for the summary table.</source>
            <translation>可选的行政区面（区、街道、社区），用于汇总表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="408" />
            <source>Unit id field</source>
            <translation>单元编号字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="146" />
            <source>A field with a unique value per unit (name or code).</source>
            <translation>每个单元取值唯一的字段（名称或代码）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="149" />
            <source>Population raster</source>
            <translation>人口栅格</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="150" />
            <source>Optional population raster for the summary table.</source>
            <translation>可选的人口栅格，用于汇总表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="425" />
            <source>Persons per cell</source>
            <translation>每格人数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="153" />
            <source>Composite hazard zones</source>
            <translation>综合灾害分区</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="154" />
            <source>Hazard levels per unit</source>
            <translation>各单元灾害等级统计</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="174" />
            <source>Give at least one hazard zone layer.</source>
            <translation>请至少给出一个灾害分区图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="161" />
            <source>The risk matrix method needs VULNERABILITY zones with a level field.</source>
            <translation>风险矩阵法需要带等级字段的脆弱性分区（VULNERABILITY）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="177" />
            <source>The hazard layer '{layer}' has no field '{field}'. Set LEVEL_FIELD to its level field, or classify the layer first with Classify hazard.</source>
            <translation>灾害图层“{layer}”没有字段“{field}”。请将 LEVEL_FIELD 设为其等级字段，或先用“灾害分级”对该图层分级。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="165" />
            <source>Choose the UNIT_ID_FIELD of the admin units.</source>
            <translation>请选择行政单元的编号字段 UNIT_ID_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="167" />
            <source>The population summary needs UNITS: give admin units with an id field.</source>
            <translation>人口统计需要 UNITS：请给出带编号字段的行政单元。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="184" />
            <source>Reading {layer}</source>
            <translation>正在读取 {layer}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="190" />
            <source>{layer}: {n} zone(s) have no level and were left out.</source>
            <translation>{layer}：{n} 个分区没有等级，已略去。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="193" />
            <source>Zones of different levels overlap in {layer} on {area:.2f} ha: the highest level was kept there.</source>
            <translation>{layer} 中不同等级的分区在 {area:.2f} 公顷范围内重叠：重叠处取最高等级。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="196" />
            <source>{layer} has no zone at level 1 or above.</source>
            <translation>{layer} 没有 1 级及以上的分区。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="204" />
            <source>vulnerability zones</source>
            <translation>脆弱性分区</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="280" />
            <source>Overlaying the hazards</source>
            <translation>正在叠加各灾种</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="234" />
            <source>Summarising by unit</source>
            <translation>正在按单元汇总</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="219" />
            <source>admin units</source>
            <translation>行政单元</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="307" />
            <source>Level {level}: {area:.1f} ha</source>
            <translation>{level} 级：{area:.1f} 公顷</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="309" />
            <source>No hazard zone at level 1 or above: the output is empty.</source>
            <translation>没有 1 级及以上的灾害分区：输出为空。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="319" />
            <source>No UNITS given: the table by unit was not written.</source>
            <translation>未给出 UNITS：未写出按单元统计的表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="160" />
            <source>Lifeline exposure</source>
            <translation>生命线暴露与易损性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="86" />
            <source>How much of each lifeline network lies in each hazard level, and how badly it is likely to be damaged.

LIFELINES are lines (pipes, cables, roads) or points (substations, towers, pumping stations, bridges); their type comes from ASSET_TYPE_FIELD or one ASSET_TYPE for the whole layer and must be a type of the fragility library (resources/standards/fragility.json, or your FRAGILITY_FILE merged on top), e.g. pipe, water_pipe, gas_pipe, road, overhead_line, substation_high, transmission_tower, bridge.

Hazard levels come from HAZARD zones (polygons with an integer LEVEL_FIELD, e.g. the output of Classify hazard): lines are cut exactly at the zone boundaries. The INTENSITY raster (its unit set by INTENSITY_MEASURE: flood depth m, PGV cm/s, PGA g, Sa(1.0 s) g, PGD inches, wind m/s) is read along each line every quarter of a raster cell (lines are densified and the raster is read at the midpoint of every piece), not only at vertices. Without HAZARD, levels come from the intensity and THRESHOLDS (default: the measure's bands in the library). Length off the raster or on nodata cells is reported as len_uncovered, never as zero hazard. Implausible intensities for the chosen unit (e.g. PGA in cm/s2) stop the run.

Fragility: lognormal curves P(DS &gt;= ds) = Phi(ln(IM/theta)/beta) at the largest intensity along the asset give p_ds1...p_ds4 and p_fail; repair-rate curves (pipes, Hazus RR = 0.0001 PGV^2.25 repairs/km times material and diameter factors from MATERIAL_FIELD and DIAMETER_FIELD in mm) give repair_rate (repairs/km), expected_repairs and p_fail = 1 - exp(-expected_repairs); the road flood rule marks a road failed (p_fail = 1) where the depth exceeds 0.3 m. Sources and verified flags are listed in the library.

OUTPUT: every asset with its attributes plus asset_type, and for lines length_m, len_l0...len_lN and len_uncovered (metres), for points level; then max_level, max_intensity, p_ds1...p_ds4, repair_rate, expected_repairs, p_fail. OUTPUT_TABLE: one row per unit (UNITS + UNIT_ID_FIELD, optional) x asset type x level with unit_id, asset_type, level, count, length_km, expected_repairs and expected_failed (sum of p_fail, shared out by length). Lengths are in metres in a metric CRS.</source>
            <translation>计算每个生命线网络位于各灾害等级中的数量，以及可能受损的程度。

LIFELINES 为线（管道、线缆、道路）或点（变电站、杆塔、泵站、桥梁）；类型取自 ASSET_TYPE_FIELD，或为整个图层指定一个 ASSET_TYPE，必须是易损性库（resources/standards/fragility.json，或叠加其上的 FRAGILITY_FILE）中的类型，例如 pipe、water_pipe、gas_pipe、road、overhead_line、substation_high、transmission_tower、bridge。

灾害等级来自 HAZARD 分区（带整数 LEVEL_FIELD 的面，例如“灾害分级”的输出）：线在分区边界处被精确切分。INTENSITY 强度栅格（单位由 INTENSITY_MEASURE 指定：淹没水深 m、PGV cm/s、PGA g、Sa(1.0 s) g、PGD 英寸、风速 m/s）沿每条线以四分之一像元的步长读取（线被加密，在每一小段的中点读取栅格），而不仅在顶点处读取。没有 HAZARD 时，等级由强度和 THRESHOLDS 确定（默认为库中该指标的分级）。位于栅格之外或无数据像元上的长度记为 len_uncovered，绝不当作零灾害。所选单位下不合理的强度值（如以 cm/s2 表示的 PGA）会终止运行。

易损性：对数正态曲线 P(DS &gt;= ds) = Phi(ln(IM/theta)/beta) 以资产沿线最大强度计算 p_ds1...p_ds4 和 p_fail；维修率曲线（管道，Hazus RR = 0.0001 PGV^2.25 处/公里，乘以由 MATERIAL_FIELD 和 DIAMETER_FIELD（毫米）得到的材质和管径系数）给出 repair_rate（处/公里）、expected_repairs 和 p_fail = 1 - exp(-expected_repairs)；道路淹水规则在水深超过 0.3 米处将道路记为失效（p_fail = 1）。来源和核实标记列于库中。

OUTPUT：每个资产保留原属性并增加 asset_type，线要素另有 length_m、len_l0...len_lN 和 len_uncovered（米），点要素另有 level；然后是 max_level、max_intensity、p_ds1...p_ds4、repair_rate、expected_repairs、p_fail。OUTPUT_TABLE：每个单元（UNITS + UNIT_ID_FIELD，可选）× 资产类型 × 等级一行，字段为 unit_id、asset_type、level、count、length_km、expected_repairs 和 expected_failed（p_fail 之和，按长度分摊）。长度在米制坐标系中以米计量。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="112" />
            <source>Lifelines (lines or points)</source>
            <translation>生命线（线或点）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="113" />
            <source>Pipes, cables and roads as lines; substations, towers, pumping stations and bridges as points.</source>
            <translation>管道、线缆和道路为线；变电站、杆塔、泵站和桥梁为点。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="115" />
            <source>Asset type field</source>
            <translation>资产类型字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="117" />
            <source>Field holding each asset's type (a type of the fragility library, e.g. water_pipe, road, substation_high).</source>
            <translation>保存每个资产类型的字段（易损性库中的类型，如 water_pipe、road、substation_high）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="119" />
            <source>Asset type for the whole layer</source>
            <translation>整个图层的资产类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="125" />
            <source>Pipe material field</source>
            <translation>管材字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="127" />
            <source>Material codes for the repair-rate factors: ACP, PVC, CIP, PE, DCIP, SP, DI (others count as 1).</source>
            <translation>用于维修率系数的材质代码：ACP、PVC、CIP、PE、DCIP、SP、DI（其他按 1 计）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="129" />
            <source>Pipe diameter field (mm)</source>
            <translation>管径字段（毫米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="131" />
            <source>Diameter in millimetres for the repair-rate diameter factor.</source>
            <translation>用于维修率管径系数的管径，单位毫米。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="134" />
            <source>Polygons with an integer hazard level (e.g. the output of Classify hazard). Give zones and/or an intensity raster.</source>
            <translation>带整数灾害等级的面（例如“灾害分级”的输出）。请提供分区和/或强度栅格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="171" />
            <source>Hazard level field</source>
            <translation>灾害等级字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="138" />
            <source>Integer level of each hazard zone (0 = none). Default: level.</source>
            <translation>每个灾害分区的整数等级（0 = 无）。默认：level。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="113" />
            <source>Intensity raster</source>
            <translation>强度栅格</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="141" />
            <source>Hazard intensity (flood depth, PGV, PGA, wind...) in the unit of INTENSITY_MEASURE; read along the lines.</source>
            <translation>灾害强度（淹没水深、PGV、PGA、风速……），单位与 INTENSITY_MEASURE 一致；沿线读取。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="116" />
            <source>Intensity band</source>
            <translation>强度波段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="118" />
            <source>Band of the intensity raster. Default 1.</source>
            <translation>强度栅格的波段。默认 1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="120" />
            <source>Intensity measure</source>
            <translation>强度指标</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="148" />
            <source>What the raster holds and in which unit; it chooses the fragility curves.</source>
            <translation>栅格中保存的量及其单位；据此选择易损性曲线。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="150" />
            <source>Level thresholds for the intensity</source>
            <translation>强度分级阈值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="151" />
            <source>Ascending intensities separating levels when no hazard zones are given, e.g. 0.15,0.5,1,2. Empty: the measure's default bands.</source>
            <translation>未提供灾害分区时用于划分等级的升序强度值，例如 0.15,0.5,1,2。留空：使用该指标的默认分级。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="127" />
            <source>Fragility library (JSON)</source>
            <translation>易损性库（JSON）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="128" />
            <source>Your own curves, merged on top of resources/standards/fragility.json (same structure, see fragility.schema.json).</source>
            <translation>您自己的曲线，叠加在 resources/standards/fragility.json 之上（结构相同，见 fragility.schema.json）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="130" />
            <source>Polygons (districts, sub-districts) for the summary table.</source>
            <translation>用于汇总表的面（区、街道等）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="130" />
            <source>Field naming each unit in the table. Empty: the feature id.</source>
            <translation>在汇总表中命名各单元的字段。留空：使用要素编号。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="161" />
            <source>Lifeline exposure summary</source>
            <translation>生命线暴露汇总</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="177" />
            <source>The lifelines layer could not be loaded.</source>
            <translation>无法加载生命线图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="180" />
            <source>LIFELINES must hold lines (pipes, cables, roads) or points (substations, towers, bridges); this layer holds {kind} geometries.</source>
            <translation>LIFELINES 必须是线（管道、线缆、道路）或点（变电站、杆塔、桥梁）；该图层为{kind}几何。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="166" />
            <source>Give the ASSET_TYPE_FIELD or one ASSET_TYPE for the whole layer (e.g. road, water_pipe, substation_high).</source>
            <translation>请提供 ASSET_TYPE_FIELD，或为整个图层指定一个 ASSET_TYPE（如 road、water_pipe、substation_high）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="169" />
            <source>Give HAZARD zones and/or an INTENSITY raster.</source>
            <translation>请提供 HAZARD 灾害分区和/或 INTENSITY 强度栅格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="183" />
            <source>lifelines</source>
            <translation>生命线设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="185" />
            <source>The lifelines layer has no features with geometry.</source>
            <translation>生命线图层没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="154" />
            <source>hazard zones</source>
            <translation>灾害区</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="204" />
            <source>The hazard level field '{field}' must hold whole numbers (0 = no hazard).</source>
            <translation>灾害等级字段“{field}”必须为整数（0 = 无灾害）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="152" />
            <source>Only file-based rasters (GDAL) can be read; save the intensity raster to a GeoTIFF first.</source>
            <translation>只能读取基于文件的栅格（GDAL）；请先将强度栅格另存为 GeoTIFF。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="212" />
            <source>Levels from the intensity with thresholds {values} {unit}.</source>
            <translation>按强度分级，阈值为 {values} {unit}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="215" />
            <source>THRESHOLDS is ignored: the levels come from the hazard zones.</source>
            <translation>THRESHOLDS 被忽略：等级来自灾害分区。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="272" />
            <source>units</source>
            <translation>单元</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="276" />
            <source>No fragility curve for the asset type '{name}' under {measure}: its p_ds, repair and p_fail fields stay empty.</source>
            <translation>资产类型“{name}”在 {measure} 下没有易损性曲线：其 p_ds、维修和 p_fail 字段为空。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="278" />
            <source>Unknown pipe materials (factor 1 used): {names}.</source>
            <translation>未知管材（按系数 1 计）：{names}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="280" />
            <source>Hazard zones overlap: where they do, the higher level counts.</source>
            <translation>灾害分区相互重叠：重叠处按较高等级计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="238" />
            <source>verified</source>
            <translation>已核实</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="238" />
            <source>unverified</source>
            <translation>未核实</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="239" />
            <source>Curve {curve} ({flag}): {source}</source>
            <translation>曲线 {curve}（{flag}）：{source}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="287" />
            <source>Intensity read every {step:.1f} m along the lines (raster cell about {cell:.1f} m).</source>
            <translation>沿线每 {step:.1f} 米读取一次强度（栅格像元约 {cell:.1f} 米）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="290" />
            <source>{km:.3f} km of {total:.3f} km of lifelines ({pct:.1f} %) are off the intensity raster or on nodata cells: they are counted in len_uncovered, not as zero hazard.</source>
            <translation>生命线 {total:.3f} 公里中有 {km:.3f} 公里（{pct:.1f} %）位于强度栅格之外或无数据像元上：计入 len_uncovered，而不当作零灾害。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="293" />
            <source>{n} lifeline point(s) are off the intensity raster or on nodata cells: their intensity and level stay empty.</source>
            <translation>{n} 个生命线点位于强度栅格之外或无数据像元上：其强度和等级为空。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="295" />
            <source>{km:.3f} km of lifelines lie outside every unit and are not in the table.</source>
            <translation>{km:.3f} 公里生命线位于所有单元之外，未计入汇总表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="297" />
            <source>{n} lifeline point(s) lie outside every unit and are not in the table.</source>
            <translation>{n} 个生命线点位于所有单元之外，未计入汇总表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="253" />
            <source>Input fields replaced by the results: {names}.</source>
            <translation>以下输入字段被结果替换：{names}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="266" />
            <source>Could not create the output layer.</source>
            <translation>无法创建输出图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="280" />
            <source>Could not create the summary table.</source>
            <translation>无法创建汇总表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="82" />
            <source>Walking coverage and allocation</source>
            <translation>避难场所服务覆盖与人口分配</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="60" />
            <source>shelter</source>
            <translation>避难场所</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="85" />
            <source>coverage</source>
            <translation>覆盖</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="85" />
            <source>walking</source>
            <translation>步行</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="85" />
            <source>allocation</source>
            <translation>分配</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="120" />
            <source>Facilities (shelters)</source>
            <translation>设施（避难场所）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="120" />
            <source>Existing shelters or facilities, points or polygons (polygons are attached by a point on their surface).</source>
            <translation>现有避难场所或设施，点或面（面以其内部一点接入）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="122" />
            <source>Capacity field (persons)</source>
            <translation>容量字段（人）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="122" />
            <source>Persons each facility can take. Required for MODE 1; NULL or negative capacities leave the facility out.</source>
            <translation>每个设施可容纳的人数。MODE 1 必需；容量为 NULL 或负数的设施不参与分配。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="125" />
            <source>Facility id field</source>
            <translation>设施编号字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="125" />
            <source>Written to facility_id; the feature id is used when empty.</source>
            <translation>写入 facility_id；为空时使用要素编号。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="60" />
            <source>Demand (population raster, points or polygons)</source>
            <translation>需求（人口栅格、点或面）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="60" />
            <source>Where people are: a population raster, or points / polygons with a population field.</source>
            <translation>人口分布：人口栅格，或带人口字段的点 / 面。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="63" />
            <source>Population field (vector demand)</source>
            <translation>人口字段（矢量需求）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="63" />
            <source>Persons per demand feature. Required for vector demand; NULL or negative counts as 0.</source>
            <translation>每个需求要素的人数。矢量需求必需；NULL 或负数按 0 计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="105" />
            <source>Walkable streets</source>
            <translation>可步行道路</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="105" />
            <source>The street network (lines).</source>
            <translation>道路网络（线）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="106" />
            <source>Road class field</source>
            <translation>道路等级字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="106" />
            <source>The field with the road class (e.g. OSM highway), used with EXCLUDE_CLASSES.</source>
            <translation>道路等级字段（如 OSM highway），与 EXCLUDE_CLASSES 一起使用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="109" />
            <source>Road classes not walkable</source>
            <translation>不可步行的道路等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="109" />
            <source>Comma-separated classes left out of the walking network, e.g. motorway,trunk.</source>
            <translation>不纳入步行网络的道路等级，逗号分隔，例如 motorway,trunk。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="143" />
            <source>Walking time limit (minutes)</source>
            <translation>步行时间上限（分钟）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="143" />
            <source>Minutes of walking; with WALK_KMH it gives the walking limit.</source>
            <translation>步行分钟数；与 WALK_KMH 一起确定步行上限。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="111" />
            <source>Walking speed (km/h)</source>
            <translation>步行速度（公里/小时）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="111" />
            <source>Walking speed, 4-5 km/h in practice.</source>
            <translation>步行速度，实践中为 4-5 公里/小时。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="149" />
            <source>Walking distance limit (m, overrides minutes)</source>
            <translation>步行距离上限（米，优先于分钟）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="149" />
            <source>If above 0, the walking limit in metres (e.g. 500 for emergency shelters).</source>
            <translation>大于 0 时作为以米计的步行上限（例如紧急避难场所 500 米）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="97" />
            <source>Maximum distance to a street (m)</source>
            <translation>到道路的最大距离（米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="114" />
            <source>Facilities and people farther than this from every passable street are not connected.</source>
            <translation>距所有可通行道路超过此距离的设施和人口不接入路网。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="99" />
            <source>Street join tolerance (m)</source>
            <translation>道路连接容差（米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="99" />
            <source>Street end points or vertices closer than this are joined.</source>
            <translation>距离小于此值的道路端点或节点将被连接。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="118" />
            <source>Hazard zones with a level field (e.g. the output of Classify hazard).</source>
            <translation>带等级字段的灾害区（如“灾害分级”的输出）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="120" />
            <source>The field holding the hazard level (default 'level').</source>
            <translation>存放灾害等级的字段（默认 'level'）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="173" />
            <source>Blocking hazard level</source>
            <translation>阻断的灾害等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="173" />
            <source>Streets in zones at or above this level are impassable; facilities in them are out of service.</source>
            <translation>位于该等级及以上灾害区的道路不可通行，其中的设施停用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="163" />
            <source>Mode</source>
            <translation>模式</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="163" />
            <source>0 Nearest facility</source>
            <translation>0 最近设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="163" />
            <source>1 Capacitated allocation</source>
            <translation>1 容量约束分配</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="163" />
            <source>2 Site selection</source>
            <translation>2 选址</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="167" />
            <source>Possible new facility sites for MODE 2.</source>
            <translation>MODE 2 的候选新设施位置。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="172" />
            <source>At most this many candidates are chosen.</source>
            <translation>最多选择的候选点数量。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="174" />
            <source>Stop choosing sites once this percentage of the population is covered (0 = no target).</source>
            <translation>覆盖人口达到此百分比即停止选址（0 = 无目标）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="177" />
            <source>Polygons (districts, neighbourhoods) for the summary table.</source>
            <translation>用于汇总表的面（区、街道、社区）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="177" />
            <source>Written to unit_id; the feature id is used when empty.</source>
            <translation>写入 unit_id；为空时使用要素编号。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="180" />
            <source>Service area buffer (m)</source>
            <translation>服务区缓冲距离（米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="180" />
            <source>Half width of the band drawn around reachable streets for OUTPUT_AREAS.</source>
            <translation>OUTPUT_AREAS 中可达道路两侧绘制带宽的一半。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="182" />
            <source>Demand coverage</source>
            <translation>需求覆盖</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="183" />
            <source>Facility load</source>
            <translation>设施负荷</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="184" />
            <source>Coverage by unit</source>
            <translation>分单元覆盖统计</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="187" />
            <source>Walking service areas</source>
            <translation>步行服务区</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/demand.py" line="103" />
            <source>Choose the POPULATION_FIELD that holds the persons of each demand feature.</source>
            <translation>请选择存放每个需求要素人数的 POPULATION_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="274" />
            <source>The facilities and the streets layers are required.</source>
            <translation>必须提供设施图层和道路图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="294" />
            <source>Walking limit: {m:.0f} m.</source>
            <translation>步行上限：{m:.0f} 米。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="132" />
            <source>streets</source>
            <translation>道路</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="138" />
            <source>{n} street(s) of the excluded classes are not walkable.</source>
            <translation>{n} 条属于排除等级的道路不可步行。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="143" />
            <source>Street network: {nodes} nodes, {edges} edges, {comp} connected part(s); {zero} zero-length and {dup} duplicate edge(s) merged.</source>
            <translation>道路网络：{nodes} 个节点，{edges} 条边，{comp} 个连通部分；已合并 {zero} 条零长度边和 {dup} 条重复边。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="227" />
            <source>facilities</source>
            <translation>设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="229" />
            <source>The facilities layer has no features with geometry.</source>
            <translation>设施图层中没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="234" />
            <source>{n} facilit(ies) have no capacity (NULL); they are left out of the allocation.</source>
            <translation>{n} 个设施没有容量（NULL），不参与分配。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="236" />
            <source>{n} facilit(ies) have a negative capacity; they are left out of the allocation.</source>
            <translation>{n} 个设施的容量为负数，不参与分配。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="238" />
            <source>{n} facilit(ies) have a capacity of 0 and take nobody.</source>
            <translation>{n} 个设施的容量为 0，不接收任何人。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="195" />
            <source>Capacitated allocation (MODE 1) needs the CAPACITY_FIELD.</source>
            <translation>容量约束分配（MODE 1）需要 CAPACITY_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="240" />
            <source>No facility has a valid capacity (all NULL or negative): fill in CAPACITY_FIELD.</source>
            <translation>没有设施具有有效容量（全部为 NULL 或负数）：请填写 CAPACITY_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="255" />
            <source>Hazard level &gt;= {level}: {edges} street edge(s) impassable, {fac} facilit(ies) out of service.</source>
            <translation>灾害等级 ≥ {level}：{edges} 条道路边不可通行，{fac} 个设施停用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="283" />
            <source>The demand layer holds no population (no cell or feature with persons &gt; 0).</source>
            <translation>需求图层中没有人口（没有人数大于 0 的栅格或要素）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="264" />
            <source>candidates</source>
            <translation>候选设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="308" />
            <source>{n} facilit(ies) are farther than {d:.0f} m from any passable street and serve nobody.</source>
            <translation>{n} 个设施距所有可通行道路超过 {d:.0f} 米，无法服务任何人。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="311" />
            <source>{n} demand point(s) ({p:.0f} persons) are farther than {d:.0f} m from any passable street: unserved.</source>
            <translation>{n} 个需求点（{p:.0f} 人）距所有可通行道路超过 {d:.0f} 米：未服务。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="317" />
            <source>Site selection: {k} site(s) chosen; covered persons {before:.0f} -&gt; {after:.0f}.</source>
            <translation>选址：选中 {k} 处；覆盖人数 {before:.0f} -&gt; {after:.0f}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="321" />
            <source>LP upper bound: {bound:.0f} persons; the chosen sites are within {gap:.1f} % of it.</source>
            <translation>线性规划上界：{bound:.0f} 人；所选场址与上界相差 {gap:.1f} % 以内。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="323" />
            <source>Covered: {cov:.0f} of {pop:.0f} persons ({pct:.1f} %).</source>
            <translation>覆盖：{pop:.0f} 人中的 {cov:.0f} 人（{pct:.1f} %）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="337" />
            <source>OUTPUT_TABLE needs UNITS polygons; the table was not written.</source>
            <translation>OUTPUT_TABLE 需要 UNITS 面图层；未输出汇总表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/ahp_matrix_widget.py" line="52" />
            <source>Edit the cells above the diagonal: how much more important the row criterion is than the column criterion (1/9 ... 9).</source>
            <translation>编辑对角线以上的单元格：行指标相对列指标的重要程度（1/9 ... 9）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/ahp_matrix_widget.py" line="168" />
            <source>Enter the criteria first (CRITERIA).</source>
            <translation>请先输入指标（CRITERIA）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/ahp_matrix_widget.py" line="182" />
            <source>Weights: {weights}. lambda max = {lam:.3f}, CI = {ci:.3f}, CR = {cr:.3f}</source>
            <translation>权重：{weights}。lambda max = {lam:.3f}，CI = {ci:.3f}，CR = {cr:.3f}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/ahp_matrix_widget.py" line="185" />
            <source>(consistent)</source>
            <translation>（一致）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/ahp_matrix_widget.py" line="188" />
            <source>(CR &gt;= 0.10: inconsistent, revise the judgements)</source>
            <translation>（CR ≥ 0.10：不一致，请修改判断）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="110" />
            <source>Exposure statistics</source>
            <translation>承灾体暴露统计</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="136" />
            <source>Hazard (zones or raster)</source>
            <translation>灾害（分区或栅格）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="137" />
            <source>Hazard zones with an integer level field, or a continuous hazard raster (then give THRESHOLDS).</source>
            <translation>带整数等级字段的灾害分区，或连续灾害栅格（此时需给出 THRESHOLDS）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="139" />
            <source>Level field (zones)</source>
            <translation>等级字段（分区）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="141" />
            <source>The integer level field of the hazard zones (Classify hazard writes 'level').</source>
            <translation>灾害分区的整数等级字段（“灾害分级”输出的字段为 level）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="143" />
            <source>Thresholds (raster hazard)</source>
            <translation>阈值（栅格灾害）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="144" />
            <source>For a raster hazard: ascending thresholds separated by commas, e.g. 0.1,0.5,1.0 for flood depth in metres.</source>
            <translation>用于栅格灾害：用逗号分隔的升序阈值，例如洪水水深（米）0.1,0.5,1.0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="146" />
            <source>Exposure features</source>
            <translation>承灾体要素</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="147" />
            <source>Points, lines or polygons exposed to the hazard: buildings, roads, facilities...</source>
            <translation>暴露于灾害的点、线或面：建筑、道路、设施……</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="40" />
            <source>Class field</source>
            <translation>分类字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="151" />
            <source>Optional field that groups the features in the table, e.g. TYPE (trimmed, case ignored).</source>
            <translation>可选，用于在汇总表中对要素分组的字段，例如 TYPE（去除首尾空格、不区分大小写）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="153" />
            <source>Value field</source>
            <translation>数值字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="155" />
            <source>Optional numeric field summed per group, e.g. asset value or persons.</source>
            <translation>可选，按组求和的数值字段，例如资产价值或人数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="157" />
            <source>Rule for polygons</source>
            <translation>面要素规则</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="157" />
            <source>Highest level touched</source>
            <translation>接触到的最高等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="157" />
            <source>Level at the representative point</source>
            <translation>代表点处的等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="157" />
            <source>Split by zone (area per level)</source>
            <translation>按分区拆分（各等级面积）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="160" />
            <source>How a polygon gets its level. Lines are always split by zone.</source>
            <translation>面要素取得等级的方式。线要素总是按分区拆分。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="166" />
            <source>Optional population raster: adds the persons per unit and level to the table (class 'population').</source>
            <translation>可选的人口栅格：在汇总表中加入各单元各等级的人数（class 为 population）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="169" />
            <source>Exposed features</source>
            <translation>暴露要素</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="171" />
            <source>Exposure summary</source>
            <translation>暴露统计表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="181" />
            <source>A raster hazard needs THRESHOLDS, e.g. 0.1,0.5,1.0.</source>
            <translation>栅格灾害需要 THRESHOLDS，例如 0.1,0.5,1.0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="186" />
            <source>the exposure layer</source>
            <translation>承灾体图层</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="186" />
            <source>the population raster</source>
            <translation>人口栅格</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="188" />
            <source>The hazard raster is in {crs}, {what} in {other}. Warp the hazard raster to {other} first (Raster &gt; Projections &gt; Warp).</source>
            <translation>灾害栅格的坐标参考系为 {crs}，{what}为 {other}。请先将灾害栅格重投影到 {other}（栅格 &gt; 投影 &gt; 变形）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="192" />
            <source>The hazard must be a polygon layer of zones or a raster.</source>
            <translation>灾害必须是分区面图层或栅格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="194" />
            <source>THRESHOLDS are ignored for hazard zones: their level field is used.</source>
            <translation>灾害分区忽略 THRESHOLDS：使用其等级字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="212" />
            <source>Give EXPOSURE features, an EXPOSURE_RASTER of population, or both.</source>
            <translation>请给出承灾体要素 EXPOSURE、人口栅格 EXPOSURE_RASTER，或两者都给。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="253" />
            <source>Reading the exposure features</source>
            <translation>正在读取承灾体要素</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="301" />
            <source>exposure</source>
            <translation>承灾体</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="238" />
            <source>The exposure layer must hold points, lines or polygons.</source>
            <translation>承灾体图层必须是点、线或面。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="303" />
            <source>The exposure layer has no feature with geometry.</source>
            <translation>承灾体图层没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="258" />
            <source>Intersecting with the hazard</source>
            <translation>正在与灾害求交</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="266" />
            <source>{n} exposure feature(s) lie (partly) outside every unit; those parts are not in the table.</source>
            <translation>{n} 个承灾体要素（部分）位于所有单元之外；这些部分未计入汇总表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="316" />
            <source>Summing the population</source>
            <translation>正在统计人口</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="380" />
            <source>The hazard and the exposure do not overlap: no exposed feature or person was found, the table has no rows.</source>
            <translation>灾害与承灾体没有重叠：未发现暴露的要素或人口，汇总表没有记录。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="398" />
            <source>{n} of {total} feature(s) lie in hazard level 1 or above.</source>
            <translation>{total} 个要素中有 {n} 个位于 1 级及以上灾害区。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="400" />
            <source>{n:.0f} person(s) live in hazard level 1 or above.</source>
            <translation>{n:.0f} 人居住在 1 级及以上灾害区。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="84" />
            <source>Dual-use facility suitability</source>
            <translation>平急两用设施适宜性评价</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="87" />
            <source>suitability</source>
            <translation>适宜性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="87" />
            <source>dual-use</source>
            <translation>平急两用</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="125" />
            <source>Candidate facilities</source>
            <translation>候选设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="125" />
            <source>Existing buildings or sites to evaluate (points or polygons).</source>
            <translation>待评价的现有建筑或场地（点或面）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="127" />
            <source>Type field</source>
            <translation>类型字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="127" />
            <source>The facility type (school, stadium, hotel, 学校, 体育馆, ...).</source>
            <translation>设施类型（school、stadium、hotel、学校、体育馆等）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="129" />
            <source>Type map (type:function|function;...)</source>
            <translation>类型映射（类型:功能|功能;...）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="129" />
            <source>Adds or overrides types, e.g. 'Stadion:shelter|medical;Gudang:supply'. Functions: shelter, isolation, medical, supply.</source>
            <translation>新增或覆盖类型，例如 'Stadion:shelter|medical;Gudang:supply'。功能：shelter、isolation、medical、supply。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="135" />
            <source>Name field</source>
            <translation>名称字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="135" />
            <source>Copied to the name field of the output.</source>
            <translation>复制到输出的 name 字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="137" />
            <source>Effective area field (m²)</source>
            <translation>有效面积字段（平方米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="137" />
            <source>Effective area in m²; when empty or NULL, the polygon area x EFFECTIVE_RATIO. Points need it.</source>
            <translation>有效面积（平方米）；为空或 NULL 时取面要素面积 x EFFECTIVE_RATIO。点要素必须提供。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="140" />
            <source>Effective area ratio</source>
            <translation>有效面积系数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="140" />
            <source>Share of the footprint that is usable (0-1).</source>
            <translation>占地面积中可用的比例（0-1）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="143" />
            <source>Floors field</source>
            <translation>层数字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="143" />
            <source>Number of floors of buildings, for indoor functions (text like '4-7' counts 4).</source>
            <translation>建筑层数，用于室内功能（'4-7' 这样的文本按 4 计）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="145" />
            <source>Shelter class (GB 51143)</source>
            <translation>避难场所类别（GB 51143）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="145" />
            <source>Sets the per-capita area and the minimum area from resources/standards/shelter_standards.json.</source>
            <translation>按 resources/standards/shelter_standards.json 设定人均面积和最小面积。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="147" />
            <source>Per-capita area (m², 0 = class default)</source>
            <translation>人均面积（平方米，0 = 类别默认值）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="147" />
            <source>Overrides the per-capita effective area of the class.</source>
            <translation>覆盖该类别的人均有效面积。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="150" />
            <source>Minimum area (m², -1 = class default)</source>
            <translation>最小面积（平方米，-1 = 类别默认值）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="150" />
            <source>Overrides the minimum effective area of the class.</source>
            <translation>覆盖该类别的最小有效面积。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="158" />
            <source>Exclude from hazard level</source>
            <translation>排除的灾害等级（及以上）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="158" />
            <source>Sites touching a zone at or above this level are not eligible.</source>
            <translation>与该等级及以上灾害区相交的场地不合格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="160" />
            <source>Hazard sources</source>
            <translation>危险源</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="160" />
            <source>Hazardous-chemical sites, active faults, ... Sites closer than SOURCE_BUFFER_M are not eligible.</source>
            <translation>危险化学品场所、活动断层等。距离小于 SOURCE_BUFFER_M 的场地不合格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="162" />
            <source>Safety distance from hazard sources (m)</source>
            <translation>与危险源的安全距离（米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="162" />
            <source>Minimum distance between a site and any hazard source.</source>
            <translation>场地与任一危险源之间的最小距离。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="165" />
            <source>Roads</source>
            <translation>道路</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="165" />
            <source>The street network, for access and walking population.</source>
            <translation>道路网络，用于可达性和步行人口。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="167" />
            <source>The road class (e.g. OSM highway); without it every road counts as a main road.</source>
            <translation>道路等级字段（如 OSM highway）；不设置时所有道路都视为主干道路。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="170" />
            <source>Main road classes</source>
            <translation>主干道路等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="170" />
            <source>Comma-separated classes that count as main roads for access.</source>
            <translation>视为主干道路的等级，逗号分隔，用于可达性。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="172" />
            <source>Population (raster or points / polygons)</source>
            <translation>人口（栅格或点 / 面）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="172" />
            <source>For the population-served criterion.</source>
            <translation>用于服务人口指标。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="175" />
            <source>Population field (vector population)</source>
            <translation>人口字段（矢量人口）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="175" />
            <source>Persons per feature of a vector population layer.</source>
            <translation>矢量人口图层中每个要素的人数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="179" />
            <source>Walking limit for population (m, 0 = class radius)</source>
            <translation>人口统计的步行范围（米，0 = 类别服务半径）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="179" />
            <source>People within this walking distance count as served; 0 uses the service radius of the shelter class.</source>
            <translation>步行距离在此范围内的人口计为服务人口；0 表示采用该避难场所类别的服务半径。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="182" />
            <source>Hospitals</source>
            <translation>医院</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="182" />
            <source>Hospitals, for the proximity criterion.</source>
            <translation>医院，用于就医便利指标。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="184" />
            <source>Lifeline facilities</source>
            <translation>生命线设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="184" />
            <source>Substations, water plants, ... for the lifeline-support criterion.</source>
            <translation>变电站、水厂等，用于生命线保障指标。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="186" />
            <source>Weights (criterion:weight,...)</source>
            <translation>权重（指标:权重,...）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="186" />
            <source>e.g. safety:0.3,access:0.15,capacity:0.2,population:0.15,hospital:0.1,lifeline:0.1; empty = defaults.</source>
            <translation>例如 safety:0.3,access:0.15,capacity:0.2,population:0.15,hospital:0.1,lifeline:0.1；为空则用默认值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="188" />
            <source>Weights table (AHP output)</source>
            <translation>权重表（层次分析法输出）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="188" />
            <source>A table with fields criterion and weight, e.g. the output of AHP weights.</source>
            <translation>含 criterion 与 weight 字段的表，例如层次分析法权重的输出。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="190" />
            <source>Facility suitability</source>
            <translation>设施适宜性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="229" />
            <source>Give either WEIGHTS or WEIGHTS_TABLE, not both.</source>
            <translation>WEIGHTS 与 WEIGHTS_TABLE 只能二选一。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="203" />
            <source>WEIGHTS_TABLE needs the fields criterion and weight (the output of AHP weights).</source>
            <translation>WEIGHTS_TABLE 需要 criterion 和 weight 字段（层次分析法权重的输出）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="204" />
            <source>weights table</source>
            <translation>权重表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="236" />
            <source>The candidate facilities layer is required.</source>
            <translation>必须提供候选设施图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="226" />
            <source>Choose the TYPE_FIELD of the candidate facilities.</source>
            <translation>请选择候选设施的 TYPE_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="242" />
            <source>The candidate layer has no features with geometry.</source>
            <translation>候选设施图层中没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="280" />
            <source>hazard sources</source>
            <translation>危险源</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="264" />
            <source>roads</source>
            <translation>道路</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="273" />
            <source>No road matches MAIN_ROAD_CLASSES; the access criterion is 0 everywhere.</source>
            <translation>没有道路符合 MAIN_ROAD_CLASSES；可达性指标处处为 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="280" />
            <source>hospitals</source>
            <translation>医院</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="315" />
            <source>Shelter class {cls}: {pc} m² per person, minimum area {ma} m².</source>
            <translation>避难场所类别 {cls}：人均 {pc} 平方米，最小面积 {ma} 平方米。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="320" />
            <source>Criteria left out because their layers are missing: {names}; the other weights were renormalised.</source>
            <translation>因缺少图层而剔除的指标：{names}；其余权重已重新归一化。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="322" />
            <source>Weights used: {weights}</source>
            <translation>所用权重：{weights}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="324" />
            <source>Types not in the type table (no emergency function; add them with TYPE_MAP): {types}</source>
            <translation>类型表中没有的类型（无应急功能；可用 TYPE_MAP 添加）：{types}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="327" />
            <source>No candidate is eligible; the reasons field says why for each site.</source>
            <translation>没有合格的候选设施；reasons 字段说明了每处场地的原因。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="329" />
            <source>{n} of {total} candidate(s) are eligible.</source>
            <translation>{total} 个候选设施中有 {n} 个合格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="74" />
            <source>Network criticality</source>
            <translation>网络关键性与孤立分析</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="103" />
            <source>Network (lines)</source>
            <translation>网络（线）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="104" />
            <source>Roads or any linear network; lines join where their end points or shared vertices coincide.</source>
            <translation>道路或任何线状网络；线在端点或共享顶点重合处连接。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="106" />
            <source>Cost factor field</source>
            <translation>成本系数字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="108" />
            <source>Multiplies each line's length (1 = normal, 2 = twice as slow); empty or &lt;= 0 makes the line unusable.</source>
            <translation>乘以每条线的长度（1 = 正常，2 = 慢一倍）；为空或 &lt;= 0 时该线不可用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="110" />
            <source>Failed links (expression)</source>
            <translation>失效路段（表达式）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="112" />
            <source>Lines for which this expression is true fail in the scenario, e.g. "p_fail" &gt;= 0.5 or "max_level" &gt;= 3.</source>
            <translation>该表达式为真的线在情景中失效，例如 "p_fail" &gt;= 0.5 或 "max_level" &gt;= 3。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="114" />
            <source>Failed segments (layer)</source>
            <translation>失效路段（图层）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="115" />
            <source>Alternatively a layer of failed segments: a network line fails when half of it lies within 1 m of them.</source>
            <translation>或者提供失效路段图层：网络线有一半位于其 1 米范围内即视为失效。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="123" />
            <source>Population band</source>
            <translation>人口波段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="125" />
            <source>Band of the population raster. Default 1.</source>
            <translation>人口栅格的波段。默认 1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="46" />
            <source>Population field</source>
            <translation>人口字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="129" />
            <source>Persons per demand point or polygon. Empty: 1 person each.</source>
            <translation>每个需求点或面的人数。留空：每个 1 人。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="425" />
            <source>Population raster unit</source>
            <translation>人口栅格单位</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="425" />
            <source>Persons per km² (density)</source>
            <translation>每平方公里人数（密度）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="132" />
            <source>Destinations (hospitals, shelters...)</source>
            <translation>目的地（医院、避难场所……）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="133" />
            <source>One or more layers of destinations; polygons count at a point inside them.</source>
            <translation>一个或多个目的地图层；面按其内部一点计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="135" />
            <source>Detour limit (fraction)</source>
            <translation>绕行阈值（比例）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="136" />
            <source>A trip longer than (1 + limit) x the trip before counts as a detour. Default 0.5 (50 % longer).</source>
            <translation>行程长于失效前的 (1 + 阈值) 倍即计为绕行。默认 0.5（长 50 %）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="138" />
            <source>Maximum snapping distance (m)</source>
            <translation>最大吸附距离（米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="139" />
            <source>Demand and destinations farther than this from every line are not connected. Default 500 m.</source>
            <translation>距所有线超过该距离的需求点和目的地不接入网络。默认 500 米。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="141" />
            <source>Lines to re-solve for detours (0 = all)</source>
            <translation>重算绕行的线数（0 = 全部）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="143" />
            <source>Detours are computed for the most used lines first; 0 computes them for every line on a shortest path.</source>
            <translation>按使用人数从多到少计算绕行；0 表示对最短路径上的每条线都计算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="148" />
            <source>Demand access</source>
            <translation>需求点通达性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="149" />
            <source>Isolation by unit</source>
            <translation>各单元孤立情况</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="150" />
            <source>Link criticality</source>
            <translation>路段关键性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="156" />
            <source>The network layer could not be loaded.</source>
            <translation>无法加载网络图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="159" />
            <source>NETWORK must hold lines; this layer holds {kind} geometries.</source>
            <translation>NETWORK 必须是线；该图层为{kind}几何。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="163" />
            <source>network</source>
            <translation>网络</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="165" />
            <source>The network layer has no features with geometry.</source>
            <translation>网络图层没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="194" />
            <source>Give either a FAILED expression or a FAILED_LAYER, not both.</source>
            <translation>请只提供 FAILED 表达式或 FAILED_LAYER 之一，不要同时提供。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="198" />
            <source>The FAILED expression does not parse: {error}. Example: "p_fail" &gt;= 0.5</source>
            <translation>FAILED 表达式无法解析：{error}。示例："p_fail" &gt;= 0.5</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="202" />
            <source>The FAILED expression uses fields the network does not have: {names}. Available fields: {available}.</source>
            <translation>FAILED 表达式使用了网络中不存在的字段：{names}。可用字段：{available}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="210" />
            <source>{n} of {total} network line(s) fail ({expr}).</source>
            <translation>{total} 条网络线中有 {n} 条失效（{expr}）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="213" />
            <source>failed segments</source>
            <translation>失效路段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="215" />
            <source>{n} of {total} network line(s) fail (matched to the failed segments).</source>
            <translation>{total} 条网络线中有 {n} 条失效（与失效路段匹配）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/raster.py" line="26" />
            <source>persons per km²</source>
            <translation>每平方公里人数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/raster.py" line="26" />
            <source>persons per cell</source>
            <translation>每像元人数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="235" />
            <source>DESTINATIONS must be vector layers; '{name}' is not.</source>
            <translation>DESTINATIONS 必须是矢量图层；“{name}”不是。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="239" />
            <source>{n} destination(s) from {name}.</source>
            <translation>来自 {name} 的目的地 {n} 个。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="242" />
            <source>The DESTINATIONS layers hold no feature: give at least one hospital, shelter or other destination.</source>
            <translation>DESTINATIONS 图层没有任何要素：请至少提供一个医院、避难场所或其他目的地。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="271" />
            <source>Network: {edges} edges between {nodes} nodes; {bridges} bridge edges (their failure splits the network).</source>
            <translation>网络：{nodes} 个节点之间共 {edges} 条边；其中 {bridges} 条为桥（其失效会使网络分裂）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="277" />
            <source>{n} demand point(s) ({p:.0f} persons) are farther than MAX_SNAP from the network and have no access.</source>
            <translation>{n} 个需求点（{p:.0f} 人）距网络超过 MAX_SNAP，无法通达。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="280" />
            <source>{n} destination(s) are farther than MAX_SNAP from the network and are not used.</source>
            <translation>{n} 个目的地距网络超过 MAX_SNAP，未被使用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="282" />
            <source>{p:.0f} persons cannot reach any destination even before the failures (disconnected parts of the network).</source>
            <translation>{p:.0f} 人在失效前就无法到达任何目的地（网络不连通部分）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="284" />
            <source>Detours re-solved for {n} line(s) on shortest paths; {skipped} line(s) left without a detour count (MAX_DETOUR_LINKS).</source>
            <translation>已对最短路径上的 {n} 条线局部重算绕行；{skipped} 条线未计算绕行人数（MAX_DETOUR_LINKS）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="288" />
            <source>Scenario: {iso:.0f} persons isolated, {det:.0f} persons with a detour.</source>
            <translation>情景：{iso:.0f} 人被孤立，{det:.0f} 人需要绕行。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/maps/export.py" line="564" />
            <source>The layers have nothing to show (no features or no extent): check the layers or give an EXTENT.</source>
            <translation>图层没有可显示的内容（没有要素或没有范围）：请检查图层，或给出地图范围（EXTENT）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="318" />
            <source>No criterion can be scored with the layers given (add AREA_FIELD, HAZARD, ROADS, ...): every score is 0.</source>
            <translation>用现有图层无法为任何指标评分（请补充 AREA_FIELD、HAZARD、ROADS 等）：所有得分均为 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="169" />
            <source>Persons each candidate site could take; gives the load ratio of the chosen sites.</source>
            <translation>每个候选场址可容纳的人数；用于计算所选场址的负荷率。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/vector.py" line="465" />
            <source>Could not write the output ({error}): check that the destination is writable and has room.</source>
            <translation>无法写出结果（{error}）：请检查目标位置是否可写且空间充足。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="109" />
            <source>arrays (every analysis)</source>
            <translation>数组运算（所有分析）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="109" />
            <source>vectorised geometry (every vector analysis)</source>
            <translation>矢量化几何运算（所有矢量分析）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="109" />
            <source>coordinate systems and measuring in metres</source>
            <translation>坐标系与米制量算</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="109" />
            <source>tables and statistics</source>
            <translation>表格与统计</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="109" />
            <source>networks and allocation (coverage, criticality)</source>
            <translation>网络与分配（覆盖、关键性分析）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="201" />
            <source>QGIS from the OSGeo4W installer: run the OSGeo4W setup again, choose Advanced Install and select these packages:</source>
            <translation>通过 OSGeo4W 安装的 QGIS：再次运行 OSGeo4W 安装程序，选择 Advanced Install（高级安装），勾选以下软件包：</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="202" />
            <source>Or open the OSGeo4W Shell (Start menu, as administrator) and run:</source>
            <translation>或者从开始菜单（以管理员身份）打开 OSGeo4W Shell，运行：</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="203" />
            <source>Open Terminal and install them into the Python inside the QGIS app:</source>
            <translation>打开“终端”，安装到 QGIS 应用自带的 Python 中：</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="204" />
            <source>Install the distribution's packages (they are built for the GEOS and PROJ that QGIS uses):</source>
            <translation>安装发行版自带的软件包（与 QGIS 使用的 GEOS、PROJ 一致）：</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="205" />
            <source>This distribution's shapely is older than 2.0. Build shapely 2 against the system GEOS for your user (a PyPI wheel brings its own GEOS, which can crash QGIS):</source>
            <translation>本发行版的 shapely 低于 2.0。请为当前用户基于系统 GEOS 从源码编译 shapely 2（PyPI 的 wheel 自带 GEOS，可能导致 QGIS 崩溃）：</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="206" />
            <source>Install them with your distribution's package manager, or with pip for the Python that QGIS uses:</source>
            <translation>用发行版的包管理器安装，或用 QGIS 所用 Python 的 pip 安装：</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="241" />
            <source>Resilience Planner needs these Python packages in QGIS's Python: {items}.</source>
            <translation>韧性规划工具箱需要在 QGIS 的 Python 中安装以下依赖包：{items}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/dependencies.py" line="242" />
            <source>Restart QGIS afterwards.</source>
            <translation>安装后请重启 QGIS。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="31" />
            <source>Resilience Planner: Python packages</source>
            <translation>韧性规划工具箱：Python 依赖包</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="35" />
            <source>{n} of the Python packages that the analyses need are missing or unusable, so the Resilience Planner algorithms are not available yet.</source>
            <translation>分析所需的 Python 依赖包中有 {n} 个缺少或无法使用，韧性规划工具箱的算法暂不可用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="38" />
            <source>Every Python package that the analyses need was found.</source>
            <translation>分析所需的 Python 依赖包均已找到。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="44" />
            <source>Package</source>
            <translation>依赖包</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="44" />
            <source>Needed for</source>
            <translation>用途</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="44" />
            <source>Found</source>
            <translation>检测结果</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="68" />
            <source>How to install them on this computer ({platform}):</source>
            <translation>在本机（{platform}）上的安装方法：</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="79" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/dependencies_dialog.py" line="80" />
            <source>Copy the command to the clipboard</source>
            <translation>将命令复制到剪贴板</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="70" />
            <source>Python packages…</source>
            <translation>Python 依赖包…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="72" />
            <source>Which Python packages the analyses need, and how to install missing ones</source>
            <translation>分析所需的 Python 依赖包，以及缺失包的安装方法</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="150" />
            <source>How to install…</source>
            <translation>安装方法…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/missing_provider.py" line="32" />
            <source>Missing Python packages: how to install them</source>
            <translation>缺少 Python 依赖包：安装方法</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/missing_provider.py" line="38" />
            <source>The Resilience Planner algorithms are not available until these packages work:</source>
            <translation>以下依赖包可用之前，韧性规划工具箱的算法无法使用：</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/missing_provider.py" line="67" />
            <source>Resilience planning (韧性规划): Python packages missing</source>
            <translation>韧性规划 (Resilience planning)：缺少 Python 依赖包</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/evacuation.py" line="436" />
            <source>The assignment could not be solved ({message}).</source>
            <translation>无法求解分配方案（{message}）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="36" />
            <source>placed</source>
            <translation>已安置</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="37" />
            <source>farther than MAX_SNAP_M from every passable street</source>
            <translation>距所有可通行道路均超过 MAX_SNAP_M</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="38" />
            <source>no usable shelter within the walking limit</source>
            <translation>步行距离上限内没有可用的避难场所</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="39" />
            <source>the shelters in reach are full</source>
            <translation>可达的避难场所已满</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="61" />
            <source>Evacuation and resettlement plan</source>
            <translation>人口转移安置方案</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="64" />
            <source>evacuation</source>
            <translation>疏散</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="60" />
            <source>linear programming</source>
            <translation>线性规划</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="67" />
            <source>Who must move, to which shelter, and who cannot be placed (人口转移安置).

Who must move: the persons of DEMAND (a population raster, or points / polygons with POPULATION_FIELD) inside HAZARD zones of level ≥ EVACUATE_LEVEL; a demand point takes the highest level of the zones it touches.
Where they go: SHELTERS with a capacity (CAPACITY_FIELD, persons; NULL, negative or text capacities leave the shelter out and are counted in the log) that lie outside every zone of level ≥ EVACUATE_LEVEL, over the ROADS network with the streets touching zones of level ≥ BLOCK_LEVEL closed, within MAX_DISTANCE_M of walking (the snap to the nearest passable street + along the streets + the shelter's snap).

Method: the walking distance of every origin-shelter pair within the limit (one limited Dijkstra per shelter); then a transportation linear programme (HiGHS, scipy.optimize.linprog) places the most persons the capacities allow and, with that many placed, minimises the total person-metres walked. Beside it, the greedy 'nearest shelter with room' plan of Walking coverage (MODE 1); the log compares the two for the same number of persons placed.

Outputs: OUTPUT_ORIGINS (points) with origin_id, level, persons, placed, unplaced, shelter_id (the shelter taking most of them), walk_m and walk_min (person-weighted mean walk), max_walk_m, n_shelters (an origin may be split), reason (code) and reason_text (why persons are unplaced: placed / not_on_network / no_shelter_in_reach / shelters_full), and greedy_placed, greedy_shelter_id, greedy_walk_m; OUTPUT_SHELTERS with shelter_id, capacity, usable, load (persons assigned), load_ratio, spare and greedy_load; OUTPUT_FLOWS: a straight line from each origin to each shelter it sends persons to, with persons and walk_m (the network distance); OUTPUT_TABLE per UNITS polygon: to_move (and to_move_l&lt;level&gt; per hazard level), placed, unplaced, mean_walk_m, max_walk_m, capacity (of the usable shelters inside) and capacity_deficit = max(0, to_move - capacity). A run that fails writes nothing.</source>
            <translation>谁需要转移、转移到哪个避难场所、哪些人无法安置（人口转移安置）。

需要转移的人：位于等级 ≥ EVACUATE_LEVEL 的 HAZARD 灾害区内的 DEMAND 人口（人口栅格，或带 POPULATION_FIELD 的点 / 面）；需求点取其所接触各区的最高等级。
去向：有容量（CAPACITY_FIELD，人；容量为空、负数或文本的避难场所不参与，并在日志中计数）且位于所有等级 ≥ EVACUATE_LEVEL 的区域之外的 SHELTERS；沿 ROADS 路网步行，接触等级 ≥ BLOCK_LEVEL 区域的道路封闭；步行距离不超过 MAX_DISTANCE_M（到最近可通行道路的吸附距离 + 沿道路距离 + 避难场所的吸附距离）。

方法：计算上限内每一对起点—避难场所的步行距离（每个避难场所一次限距 Dijkstra）；然后用运输线性规划（HiGHS，scipy.optimize.linprog）在容量允许下安置尽可能多的人，并在安置人数不变的前提下使总人·米最小。同时给出步行覆盖（MODE 1）的贪心“最近且有余量的避难场所”方案；日志在安置人数相同的条件下比较两者。

输出：OUTPUT_ORIGINS（点）含 origin_id、level、persons、placed、unplaced、shelter_id（接收其大部分人口的避难场所）、walk_m 与 walk_min（按人数加权的平均步行距离 / 时间）、max_walk_m、n_shelters（一个起点可分配到多个场所）、reason（代码）与 reason_text（未安置原因：placed / not_on_network / no_shelter_in_reach / shelters_full），以及 greedy_placed、greedy_shelter_id、greedy_walk_m；OUTPUT_SHELTERS 含 shelter_id、capacity、usable、load（分配人数）、load_ratio、spare 与 greedy_load；OUTPUT_FLOWS：从每个起点到其输送人口的每个避难场所的直线，含 persons 与 walk_m（路网距离）；OUTPUT_TABLE 按 UNITS 面统计：to_move（以及各灾害等级的 to_move_l&lt;等级&gt;）、placed、unplaced、mean_walk_m、max_walk_m、capacity（面内可用避难场所容量）与 capacity_deficit = max(0, to_move - capacity)。运行失败时不写出任何结果。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="72" />
            <source>Shelters</source>
            <translation>避难场所</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="72" />
            <source>Shelters, points or polygons (polygons are attached by a point on their surface).</source>
            <translation>避难场所，点或面（面以其内部的一个点连接路网）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="94" />
            <source>Persons each shelter can take. NULL, negative or non-numeric values leave the shelter out (counted in the log).</source>
            <translation>每个避难场所可容纳的人数。为空、负数或非数字的值使该场所不参与分配（在日志中计数）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="75" />
            <source>Shelter id field</source>
            <translation>避难场所编号字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="75" />
            <source>Written to shelter_id; the feature id is used when empty.</source>
            <translation>写入 shelter_id；为空时使用要素编号。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="98" />
            <source>Streets touching zones at or above this level are impassable.</source>
            <translation>接触该等级及以上区域的道路不可通行。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="99" />
            <source>Evacuation hazard level</source>
            <translation>需转移的灾害等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="99" />
            <source>Persons in zones at or above this level must move; shelters in such zones are not used.</source>
            <translation>位于该等级及以上区域内的人口需要转移；这些区域内的避难场所不使用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="98" />
            <source>Walking distance limit (m)</source>
            <translation>步行距离上限（米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="104" />
            <source>Nobody is sent farther than this. Default: the service radius of short-term fixed shelters in resources/standards/shelter_standards.json (1000 m, commonly quoted for GB 51143-2015, not verified).</source>
            <translation>任何人都不会被安排到比此更远的地方。默认值：resources/standards/shelter_standards.json 中短期固定避难场所的服务半径（1000 米，常引用自 GB 51143-2015，未经核实）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="110" />
            <source>Evacuees and their shelter</source>
            <translation>转移人口及其避难场所</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="111" />
            <source>Shelter load (evacuation)</source>
            <translation>避难场所负荷（转移安置）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="112" />
            <source>Evacuation flows</source>
            <translation>转移流向</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="113" />
            <source>Evacuation by unit</source>
            <translation>按单元统计的转移安置</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="121" />
            <source>The shelters, hazard zones and streets layers are required.</source>
            <translation>必须提供避难场所、灾害区和道路图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="132" />
            <source>Choose the CAPACITY_FIELD of the shelters layer (persons each shelter can take).</source>
            <translation>请选择避难场所图层的 CAPACITY_FIELD（每个避难场所可容纳的人数）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="88" />
            <source>shelters</source>
            <translation>避难场所</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="90" />
            <source>The shelters layer has no features with geometry.</source>
            <translation>避难场所图层中没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="138" />
            <source>No shelter has a usable capacity in '{field}' (all NULL, negative, zero or text): fill in the CAPACITY_FIELD.</source>
            <translation>没有避难场所在“{field}”中有可用容量（全部为空、负数、零或文本）：请填写 CAPACITY_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="147" />
            <source>Hazard level &gt;= {level}: {edges} street edge(s) closed; {fac} shelter(s) inside zones of level &gt;= {evac} are not used.</source>
            <translation>灾害等级 &gt;= {level}：{edges} 条道路边封闭；位于等级 &gt;= {evac} 区域内的 {fac} 个避难场所不使用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="154" />
            <source>Nobody lives in hazard zones of level &gt;= {level}: there is no one to evacuate. Check EVACUATE_LEVEL and the HAZARD_LEVEL_FIELD.</source>
            <translation>等级 &gt;= {level} 的灾害区内没有人口：无人需要转移。请检查 EVACUATE_LEVEL 和 HAZARD_LEVEL_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="156" />
            <source>{p:.0f} persons at {n} place(s) must move.</source>
            <translation>{n} 处共 {p:.0f} 人需要转移。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="237" />
            <source>{n} shelter(s) have no capacity (NULL) in '{field}'; they are not used.</source>
            <translation>{n} 个避难场所在“{field}”中没有容量（空值）；不使用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="239" />
            <source>{n} shelter(s) have a capacity in '{field}' that is not a number; they are not used.</source>
            <translation>{n} 个避难场所在“{field}”中的容量不是数字；不使用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="242" />
            <source>{n} shelter(s) have a negative capacity in '{field}'; they are not used.</source>
            <translation>{n} 个避难场所在“{field}”中的容量为负数；不使用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="245" />
            <source>{n} shelter(s) have a capacity of 0 and take nobody.</source>
            <translation>{n} 个避难场所容量为 0，不接收任何人。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="250" />
            <source>{n} shelter(s) are farther than {d:.0f} m from any passable street and take nobody.</source>
            <translation>{n} 个避难场所距任何可通行道路都超过 {d:.0f} 米，不接收任何人。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="253" />
            <source>{n} place(s) with {p:.0f} persons to move are farther than {d:.0f} m from any passable street: unplaced.</source>
            <translation>{n} 处需转移的 {p:.0f} 人距任何可通行道路都超过 {d:.0f} 米：未安置。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="256" />
            <source>No usable shelter is within {d:.0f} m of anyone who must move ({usable} usable shelter(s)): all {p:.0f} persons are unplaced. Add shelters, raise MAX_DISTANCE_M or check the blocked streets.</source>
            <translation>任何需转移者 {d:.0f} 米内都没有可用的避难场所（可用避难场所 {usable} 个）：全部 {p:.0f} 人未安置。请增加避难场所、提高 MAX_DISTANCE_M 或检查封闭的道路。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="259" />
            <source>Optimal plan (LP): {placed:.0f} of {total:.0f} persons placed, {pkm:.1f} person-km walked, mean walk {mean:.0f} m; {unplaced:.0f} unplaced.</source>
            <translation>最优方案（线性规划）：{total:.0f} 人中安置 {placed:.0f} 人，步行 {pkm:.1f} 人·千米，平均步行 {mean:.0f} 米；{unplaced:.0f} 人未安置。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="263" />
            <source>Greedy nearest shelter with room: {placed:.0f} persons placed, {pkm:.1f} person-km walked; {unplaced:.0f} unplaced.</source>
            <translation>贪心“最近且有余量”方案：安置 {placed:.0f} 人，步行 {pkm:.1f} 人·千米；{unplaced:.0f} 人未安置。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/evacuation_plan.py" line="266" />
            <source>Placing the same {placed:.0f} persons as greedy, the optimal plan walks {saved:.1f} person-km ({pct:.1f} %) less.</source>
            <translation>在与贪心方案同样安置 {placed:.0f} 人时，最优方案少步行 {saved:.1f} 人·千米（{pct:.1f} %）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="153" />
            <source>The hazard layer has no field '{field}': choose the HAZARD_LEVEL_FIELD.</source>
            <translation>灾害图层中没有字段“{field}”：请选择 HAZARD_LEVEL_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/life_circle.py" line="40" />
            <source>SERVICE_MINUTES lists {got} value(s) for {n} service layer(s): give one per layer, in order (leave an entry empty for the default).</source>
            <translation>SERVICE_MINUTES 为 {n} 个服务图层给出了 {got} 个值：请按顺序为每个图层给出一个值（留空表示使用默认值）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/life_circle.py" line="52" />
            <source>SERVICE_MINUTES: '{value}' is not a positive number of minutes.</source>
            <translation>SERVICE_MINUTES：“{value}”不是正的分钟数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="65" />
            <source>15-minute life circle</source>
            <translation>15分钟生活圈</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="68" />
            <source>life circle</source>
            <translation>生活圈</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="68" />
            <source>15-minute city</source>
            <translation>15分钟城市</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="68" />
            <source>accessibility</source>
            <translation>可达性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="71" />
            <source>Which everyday services each resident reaches on foot, and the share of residents per unit who reach each service and all of them (社区生活圈).

SERVICES: one layer per service (points, or polygons attached by a point on their surface), e.g. schools, clinics, markets, parks, shelters, elderly care. The service is named by SERVICE_NAMES (comma-separated, in layer order) or by the layer name. Each service has its own walking limit: SERVICE_MINUTES (comma-separated, in layer order; an empty entry takes the default) at WALK_KMH. Defaults come from resources/standards/life_circle.json by a keyword in the service name: 5 min (kindergarten), 10 min (primary school, market, park, shelter), 15 min (middle school, clinic, elderly care, anything else), after the 5-, 10- and 15-minute life circles of GB 50180-2018; those values are commonly quoted and NOT verified against the printed standard (the file says so; edit it to follow your local plan). The log lists the limit used for each service.

Method: walking distance on the ROADS network in metres (snap + along the streets + snap), with one multi-source Dijkstra per service (scipy.sparse.csgraph), limited to its walking limit. With HAZARD, streets touching zones at or above BLOCK_LEVEL are closed and facilities inside them are out of service.

Outputs: OUTPUT_DEMAND (points) with persons, &lt;service&gt;_m (walk to the nearest facility of each service, NULL when beyond its limit), n_reached, n_missing, all_reached and missing (the names of the services not in reach); OUTPUT_TABLE per UNITS polygon with unit_id, population, pct_&lt;service&gt; (% of residents reaching it), pct_all (% reaching every service) and missing (services reached by fewer than TARGET_PCT % of the residents).</source>
            <translation>每位居民步行可达哪些日常服务，以及各单元中可达每项服务和全部服务的居民比例（社区生活圈）。

SERVICES：每项服务一个图层（点，或以其内部一点连接路网的面），例如学校、卫生服务中心、菜市场、公园、避难场所、养老设施。服务名称取自 SERVICE_NAMES（逗号分隔，按图层顺序）或图层名称。每项服务有各自的步行上限：SERVICE_MINUTES（逗号分隔，按图层顺序；留空项使用默认值），按 WALK_KMH 换算。默认值按服务名称中的关键词取自 resources/standards/life_circle.json：5 分钟（幼儿园）、10 分钟（小学、菜市场、公园、避难场所）、15 分钟（初中、卫生服务中心、养老设施及其他），依据 GB 50180-2018 的五分钟、十分钟、十五分钟生活圈；这些数值为常见引用值，未与标准正式文本核对（文件中已注明；可按本地规划修改）。日志列出每项服务采用的上限。

方法：在 ROADS 路网上按米计算步行距离（吸附 + 沿道路 + 吸附），每项服务做一次多源 Dijkstra（scipy.sparse.csgraph），限于其步行上限。提供 HAZARD 时，接触等级 ≥ BLOCK_LEVEL 区域的道路封闭，区内设施停止服务。

输出：OUTPUT_DEMAND（点）含 persons、&lt;服务&gt;_m（到该服务最近设施的步行距离，超出上限为 NULL）、n_reached、n_missing、all_reached 与 missing（不可达服务的名称）；OUTPUT_TABLE 按 UNITS 面统计，含 unit_id、population、pct_&lt;服务&gt;（可达该服务的居民百分比）、pct_all（可达全部服务的百分比）与 missing（可达居民少于 TARGET_PCT % 的服务）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="95" />
            <source>Service facilities (one layer per service)</source>
            <translation>服务设施（每项服务一个图层）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="95" />
            <source>One point or polygon layer per service (schools, clinics, markets, parks, shelters, elderly care...).</source>
            <translation>每项服务一个点或面图层（学校、卫生服务中心、菜市场、公园、避难场所、养老设施……）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="98" />
            <source>Service names</source>
            <translation>服务名称</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="98" />
            <source>Comma-separated names, one per service layer in order; empty: the layer names.</source>
            <translation>逗号分隔的名称，按顺序每个服务图层一个；留空则使用图层名称。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="100" />
            <source>Walking minutes per service</source>
            <translation>各服务步行分钟数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="100" />
            <source>Comma-separated minutes, one per service layer in order, e.g. 10,15,5; an empty entry (or an empty field) takes the default of resources/standards/life_circle.json for that service.</source>
            <translation>逗号分隔的分钟数，按顺序每个服务图层一个，例如 10,15,5；留空项（或整栏留空）使用 resources/standards/life_circle.json 中该服务的默认值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="106" />
            <source>Target share of residents (%)</source>
            <translation>居民可达目标比例（%）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="106" />
            <source>A unit lacks a service when fewer of its residents than this reach it (default 90 %, a benchmark after Barcelona's climate-shelter network, not a standard).</source>
            <translation>当某单元可达某项服务的居民比例低于此值时，视为该单元缺少该服务（默认 90 %，参照巴塞罗那气候避难所网络的基准，并非标准）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="112" />
            <source>Services in reach</source>
            <translation>可达服务</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="113" />
            <source>Life circle by unit</source>
            <translation>按单元统计的生活圈</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="119" />
            <source>Give at least one SERVICES layer (e.g. schools, clinics, markets).</source>
            <translation>请至少提供一个 SERVICES 图层（例如学校、卫生服务中心、菜市场）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="122" />
            <source>The service layer '{name}' must hold points or polygons.</source>
            <translation>服务图层“{name}”必须包含点或面。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="128" />
            <source>SERVICE_NAMES lists {got} name(s) for {n} service layer(s): give one per layer, in order.</source>
            <translation>SERVICE_NAMES 为 {n} 个服务图层给出了 {got} 个名称：请按顺序为每个图层给出一个。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="136" />
            <source>The streets layer is required.</source>
            <translation>必须提供道路图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="154" />
            <source>The service layer '{name}' has no facility (no feature with geometry): add its facilities or leave the layer out.</source>
            <translation>服务图层“{name}”中没有设施（没有带几何的要素）：请添加设施或去掉该图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="158" />
            <source>default for '{key}'</source>
            <translation>“{key}”的默认值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="158" />
            <source>general default</source>
            <translation>通用默认值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="160" />
            <source>given</source>
            <translation>用户指定</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="163" />
            <source>Service '{name}': {n} facilit(ies), {min:g} min ({origin}) = {m:.0f} m.</source>
            <translation>服务“{name}”：{n} 个设施，{min:g} 分钟（{origin}）= {m:.0f} 米。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="187" />
            <source>{n} demand point(s) are farther than {d:.0f} m from any passable street: no service in reach.</source>
            <translation>{n} 个需求点距任何可通行道路都超过 {d:.0f} 米：没有可达的服务。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="192" />
            <source>'{name}': {pct:.1f} % of residents within reach.</source>
            <translation>“{name}”：{pct:.1f} % 的居民可达。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/life_circle.py" line="194" />
            <source>All {n} services within reach: {pct:.1f} % of residents.</source>
            <translation>全部 {n} 项服务均可达：{pct:.1f} % 的居民。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/site_selection.py" line="108" />
            <source>The objective must be 'worst' or 'expected'; got '{value}'.</source>
            <translation>目标必须为“worst”（最不利情景）或“expected”（期望）；当前为“{value}”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/site_selection.py" line="110" />
            <source>Choose at least one site (MAX_NEW &gt;= 1).</source>
            <translation>请至少选择一个站点（MAX_NEW &gt;= 1）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/site_selection.py" line="112" />
            <source>The time limit must be positive (seconds); got {value}.</source>
            <translation>时间上限必须为正数（秒）；当前为 {value}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/site_selection.py" line="118" />
            <source>Scenario probabilities must be non-negative and not all zero.</source>
            <translation>情景概率必须非负且不能全为零。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/site_selection.py" line="180" />
            <source>The site selection found no solution within the time limit ({message}): raise TIME_LIMIT or use fewer candidates.</source>
            <translation>选址在时间上限内未找到解（{message}）：请提高 TIME_LIMIT 或减少候选点。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="55" />
            <source>Robust site selection across hazard scenarios</source>
            <translation>多灾害情景稳健选址</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="58" />
            <source>site selection</source>
            <translation>选址</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="58" />
            <source>scenario</source>
            <translation>情景</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="58" />
            <source>optimisation</source>
            <translation>优化</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="80" />
            <source>Existing shelters</source>
            <translation>已有避难场所</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="80" />
            <source>Shelters that exist already (points or polygons); the people they reach count as covered.</source>
            <translation>已经存在的避难场所（点或面）；其可达的人口计为已覆盖。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="83" />
            <source>Candidate sites</source>
            <translation>候选站点</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="83" />
            <source>Possible new shelter sites (points or polygons).</source>
            <translation>可能新建的避难场所站点（点或面）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="87" />
            <source>Hazard scenarios (one zoning each)</source>
            <translation>灾害情景（每个一个区划）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="87" />
            <source>One hazard zoning (polygons with a level field) per scenario.</source>
            <translation>每个情景一个灾害区划（带等级字段的面）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="91" />
            <source>Scenario probabilities</source>
            <translation>情景概率</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="91" />
            <source>Comma-separated weights, one per scenario in order, for the expected objective; empty: equal weights.</source>
            <translation>逗号分隔的权重，按顺序每个情景一个，用于期望目标；留空为等权。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="93" />
            <source>Objective</source>
            <translation>目标</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="93" />
            <source>Worst case</source>
            <translation>最不利情景</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="93" />
            <source>Expected coverage</source>
            <translation>期望覆盖</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="93" />
            <source>0: maximise the coverage of the worst scenario; 1: maximise the probability-weighted coverage.</source>
            <translation>0：使最差情景的覆盖最大；1：使按概率加权的覆盖最大。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="96" />
            <source>Maximum new sites</source>
            <translation>最多新建站点数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="98" />
            <source>A person is covered within this walk of a shelter (default 500 m: the emergency-shelter radius, about 10 minutes).</source>
            <translation>在此步行距离内可到达避难场所即视为覆盖（默认 500 米：紧急避难场所服务半径，约 10 分钟）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="101" />
            <source>Time limit (s)</source>
            <translation>时间上限（秒）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="101" />
            <source>The solver stops here with the best choice found and reports the optimality gap.</source>
            <translation>求解器在此时停止，给出已找到的最佳选择并报告最优性差距。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="103" />
            <source>Chosen sites</source>
            <translation>选定站点</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="104" />
            <source>Coverage per scenario</source>
            <translation>各情景覆盖</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="112" />
            <source>PROBABILITIES lists {got} value(s) for {n} scenario(s): give one per scenario, in order.</source>
            <translation>PROBABILITIES 为 {n} 个情景给出了 {got} 个值：请按顺序为每个情景给出一个。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="116" />
            <source>PROBABILITIES must be numbers, e.g. 0.7,0.3; got '{text}'.</source>
            <translation>PROBABILITIES 必须为数字，例如 0.7,0.3；当前为“{text}”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="118" />
            <source>PROBABILITIES must be non-negative and not all zero; got '{text}'.</source>
            <translation>PROBABILITIES 必须非负且不能全为零；当前为“{text}”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="125" />
            <source>The candidate sites and the streets layers are required.</source>
            <translation>必须提供候选站点和道路图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="130" />
            <source>The scenario layer '{name}' must hold hazard zones (polygons).</source>
            <translation>情景图层“{name}”必须包含灾害区（面）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="143" />
            <source>The candidate sites layer has no features with geometry.</source>
            <translation>候选站点图层中没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="158" />
            <source>no hazard</source>
            <translation>无灾害</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="163" />
            <source>The scenario layer '{name}' has no field '{field}': choose the HAZARD_LEVEL_FIELD.</source>
            <translation>情景图层“{name}”中没有字段“{field}”：请选择 HAZARD_LEVEL_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="171" />
            <source>Scenario '{name}': {edges} street edge(s) closed, {fac} existing shelter(s) and {cand} candidate(s) out of service.</source>
            <translation>情景“{name}”：{edges} 条道路边封闭，{fac} 个已有避难场所和 {cand} 个候选点停止服务。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="194" />
            <source>Optimal choice of {n} site(s) (proven, gap {gap:.2f} %): objective {value:.0f} persons.</source>
            <translation>{n} 个站点的最优选择（已证明，差距 {gap:.2f} %）：目标值 {value:.0f} 人。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="202" />
            <source>The solver stopped at the time limit ({status}): {n} site(s), objective {value:.0f} persons, at most {gap:.1f} % below the best possible ({bound:.0f}).</source>
            <translation>求解器在时间上限处停止（{status}）：{n} 个站点，目标值 {value:.0f} 人，最多比可能的最优值（{bound:.0f}）低 {gap:.1f} %。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="205" />
            <source>Greedy choice on the same objective: {value:.0f} persons ({diff:.0f} fewer).</source>
            <translation>同一目标下的贪心选择：{value:.0f} 人（少 {diff:.0f} 人）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/decision_inputs.py" line="171" />
            <source>The field holding the hazard level in every scenario layer (default 'level').</source>
            <translation>各情景图层中存放灾害等级的字段（默认“level”）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/supply.py" line="42" />
            <source>NEEDS: '{part}' is not item:amount (e.g. water:15).</source>
            <translation>NEEDS：“{part}”不是“物资:数量”格式（例如 water:15）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/supply.py" line="49" />
            <source>NEEDS: '{part}' needs an item name and a non-negative amount.</source>
            <translation>NEEDS：“{part}”需要物资名称和非负数量。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/supply.py" line="82" />
            <source>Needed items without a stock at the depots: {items}. Give a stock field for each (or leave the item out of NEEDS).</source>
            <translation>以下所需物资在仓库中没有库存：{items}。请为每项给出库存字段（或从 NEEDS 中去掉该物资）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="57" />
            <source>Supply pre-positioning</source>
            <translation>物资前置调度</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="60" />
            <source>supply</source>
            <translation>物资</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="60" />
            <source>depot</source>
            <translation>仓库</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="63" />
            <source>How much of each relief item every shelter needs, and from which depot it comes (物资前置调度).

Needs: the persons of each shelter (PERSONS_FIELD, e.g. 'load' of the Evacuation and resettlement plan) x the per-person amount of each item x DAYS for daily items. Items and amounts: NEEDS as item:amount,... (e.g. water:15,food:0.6) or, when empty, the defaults of resources/standards/supply_needs.json (water 15 L and food 0.6 kg per person per day, one bedding set and one hygiene kit per person; after the Sphere minimum standards, NOT verified against the handbook: edit to follow your plan).
Stocks: DEPOTS hold a stock field per item: by default the field named like the item, or as given in STOCK_FIELDS (item=field,...). NULL, negative or text stocks count as 0 (reported); an item without a stock field stops the run.

Method: driving distance over ROADS (classes in EXCLUDE_CLASSES are not drivable; with HAZARD the streets touching zones at or above BLOCK_LEVEL are closed, e.g. the level of 0.3 m water for cars or 0.6 m for emergency vehicles), one Dijkstra per depot, within MAX_DISTANCE_KM (0 = no limit). Per item a transportation linear programme (HiGHS) delivers the most the stocks allow with the least tonne-kilometres.

Outputs: OUTPUT_FLOWS: a straight line per depot, shelter and item with amount, unit, tonnes, km (network distance) and tonne_km; OUTPUT_TABLE: one row per shelter and item with need, delivered, shortfall and shortfall_pct. A run that fails writes nothing.</source>
            <translation>每个避难场所需要多少各类救灾物资，以及从哪个仓库调运（物资前置调度）。

需求：每个避难场所的人数（PERSONS_FIELD，例如人口转移安置方案输出的“load”）× 每人每项物资的数量（按日物资再 × DAYS）。物资及数量：NEEDS 按“物资:数量,...”给出（例如 water:15,food:0.6），留空时使用 resources/standards/supply_needs.json 的默认值（每人每天饮用水 15 升、食品 0.6 千克，每人一套被褥和一个卫生用品包；参照 Sphere 最低标准，未与手册正式文本核对：请按本地预案修改）。
库存：DEPOTS 每项物资一个库存字段：默认为与物资同名的字段，或按 STOCK_FIELDS（物资=字段,...）指定。为空、负数或文本的库存计为 0（在日志中报告）；缺少库存字段的物资会使运行停止。

方法：沿 ROADS 计算行车距离（EXCLUDE_CLASSES 中的道路等级不可通车；提供 HAZARD 时，接触等级 ≥ BLOCK_LEVEL 区域的道路封闭，例如对应小汽车 0.3 米或应急车辆 0.6 米水深的等级），每个仓库一次 Dijkstra，限于 MAX_DISTANCE_KM（0 为不限）。每项物资求解一个运输线性规划（HiGHS），在库存允许下配送尽可能多的物资，并使吨·千米最小。

输出：OUTPUT_FLOWS：每个仓库、避难场所和物资一条直线，含 amount、unit、tonnes、km（路网距离）与 tonne_km；OUTPUT_TABLE：每个避难场所和物资一行，含 need、delivered、shortfall 与 shortfall_pct。运行失败时不写出任何结果。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="84" />
            <source>Persons field</source>
            <translation>人数字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="84" />
            <source>Persons staying at each shelter, e.g. 'load' of the Evacuation and resettlement plan. NULL, negative or text counts as 0.</source>
            <translation>每个避难场所安置的人数，例如人口转移安置方案输出的“load”。为空、负数或文本计为 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="87" />
            <source>Supply depots</source>
            <translation>物资仓库</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="87" />
            <source>Depots with a stock field per item (e.g. supply-depot sites from Dual-use facility suitability).</source>
            <translation>每项物资带一个库存字段的仓库（例如平急两用设施适宜性评价得到的物资仓储点）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="89" />
            <source>Depot id field</source>
            <translation>仓库编号字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="89" />
            <source>Written to depot_id; the feature id is used when empty.</source>
            <translation>写入 depot_id；为空时使用要素编号。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="92" />
            <source>Stock fields (item=field,...)</source>
            <translation>库存字段（物资=字段,...）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="92" />
            <source>Which depot field holds the stock of each item, e.g. water=stock_w,food=food_kg; an item not listed uses the field named like the item.</source>
            <translation>各物资的库存所在的仓库字段，例如 water=stock_w,food=food_kg；未列出的物资使用与其同名的字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="95" />
            <source>Needs per person (item:amount,...)</source>
            <translation>每人需求（物资:数量,...）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="95" />
            <source>Per-person amounts, e.g. water:15,food:0.6 (daily for items of the standard that are daily; new items are daily). Empty: every item of resources/standards/supply_needs.json.</source>
            <translation>每人数量，例如 water:15,food:0.6（标准中按日计的物资按日计；新物资按日计）。留空：使用 resources/standards/supply_needs.json 中的全部物资。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="98" />
            <source>Days</source>
            <translation>天数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="98" />
            <source>Days of supply for the daily items (default 3 days, a common first-phase horizon).</source>
            <translation>按日物资的保障天数（默认 3 天，常用的第一阶段时长）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="101" />
            <source>Road network (vehicles)</source>
            <translation>道路网络（车辆）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="101" />
            <source>The roads the vehicles use (lines).</source>
            <translation>车辆使用的道路（线）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="106" />
            <source>Road classes not drivable</source>
            <translation>不可通车的道路等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="106" />
            <source>Comma-separated classes left out of the vehicle network, e.g. footway,steps.</source>
            <translation>逗号分隔的、不纳入车辆路网的道路等级，例如 footway,steps。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="109" />
            <source>Streets touching zones at or above this level are closed to the vehicles.</source>
            <translation>接触该等级及以上区域的道路对车辆封闭。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="110" />
            <source>Maximum driving distance (km)</source>
            <translation>最大行车距离（千米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="110" />
            <source>Depots farther than this from a shelter do not serve it (0 = no limit).</source>
            <translation>距避难场所超过此距离的仓库不为其供货（0 为不限）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="113" />
            <source>Shelters and depots farther than this from every passable road are not connected.</source>
            <translation>距所有可通行道路都超过此距离的避难场所和仓库不接入路网。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="114" />
            <source>Supply flows</source>
            <translation>物资流向</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="115" />
            <source>Supply by shelter and item</source>
            <translation>按避难场所和物资统计的供应</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="124" />
            <source>STOCK_FIELDS: '{part}' is not item=field (e.g. water=stock_w).</source>
            <translation>STOCK_FIELDS：“{part}”不是“物资=字段”格式（例如 water=stock_w）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="130" />
            <source>Needed items without a stock field in the depots layer: {items}. Add the fields or map them in STOCK_FIELDS (item=field).</source>
            <translation>以下所需物资在仓库图层中没有库存字段：{items}。请添加字段或在 STOCK_FIELDS 中指定（物资=字段）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="139" />
            <source>The shelters, depots and roads layers are required.</source>
            <translation>必须提供避难场所、仓库和道路图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="147" />
            <source>Choose the PERSONS_FIELD of the shelters layer (persons staying at each shelter).</source>
            <translation>请选择避难场所图层的 PERSONS_FIELD（每个避难场所安置的人数）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="152" />
            <source>{n} shelter(s) have a NULL, negative or text number of persons in '{field}'; counted as 0.</source>
            <translation>{n} 个避难场所在“{field}”中的人数为空、负数或文本；计为 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="155" />
            <source>depots</source>
            <translation>仓库</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="158" />
            <source>The depots layer has no features with geometry.</source>
            <translation>仓库图层中没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="165" />
            <source>{n} depot(s) have a NULL, negative or text stock of '{item}' in '{field}'; counted as 0.</source>
            <translation>{n} 个仓库在“{field}”中“{item}”的库存为空、负数或文本；计为 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="176" />
            <source>Hazard level &gt;= {level}: {edges} road edge(s) closed to the vehicles.</source>
            <translation>灾害等级 &gt;= {level}：{edges} 条道路边对车辆封闭。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="184" />
            <source>No depot can reach any shelter over the open roads: every need is a shortfall.</source>
            <translation>通过未封闭的道路，没有任何仓库能到达任何避难场所：全部需求均为缺口。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/supply_plan.py" line="201" />
            <source>'{item}': need {need:.0f} {unit}, delivered {got:.0f}, shortfall {short:.0f}; {tkm:.1f} tonne-km.</source>
            <translation>“{item}”：需求 {need:.0f} {unit}，已配送 {got:.0f}，缺口 {short:.0f}；{tkm:.1f} 吨·千米。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="58" />
            <source>Cannot read the dependency table {path}: {error}</source>
            <translation>无法读取依赖关系表 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="60" />
            <source>The dependency table {path} is not valid JSON: {error}</source>
            <translation>依赖关系表 {path} 不是有效的 JSON：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="66" />
            <source>A dependency table must be a JSON object with 'systems', 'classes' and 'rules'.</source>
            <translation>依赖关系表必须是含 'systems'、'classes' 和 'rules' 的 JSON 对象。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="72" />
            <source>Dependency table: the class '{cls}' belongs to the unknown system '{system}'. Known systems: {known}.</source>
            <translation>依赖关系表：类别“{cls}”属于未知系统“{system}”。已知系统：{known}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="78" />
            <source>Dependency rule number {n} is not an object.</source>
            <translation>第 {n} 条依赖规则不是对象。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="82" />
            <source>Dependency rule number {n} names the class '{cls}', which is not under 'classes'.</source>
            <translation>第 {n} 条依赖规则引用的类别“{cls}”不在 'classes' 中。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="85" />
            <source>Dependency rule number {n}: '{cls}' is demand (no system) and cannot supply anything.</source>
            <translation>第 {n} 条依赖规则：“{cls}”是需求方（不属于任何系统），不能作为供给方。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="88" />
            <source>Dependency rule number {n}: unknown match '{match}'; use nearest, within, field or network.</source>
            <translation>第 {n} 条依赖规则：未知匹配方式“{match}”；请使用 nearest、within、field 或 network。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="91" />
            <source>Dependency rule number {n}: a 'network' rule needs 'via', the class of the lines that carry the service (e.g. water_pipe).</source>
            <translation>第 {n} 条依赖规则：'network' 规则需要 'via'，即承载该服务的线状资产类别（如 water_pipe）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="94" />
            <source>Dependency rule number {n}: max_distance_m must be a positive number of metres.</source>
            <translation>第 {n} 条依赖规则：max_distance_m 必须是正的米数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="96" />
            <source>Dependency rule number {n}: a 'within' rule needs max_distance_m.</source>
            <translation>第 {n} 条依赖规则：'within' 规则需要 max_distance_m。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/cascade.py" line="98" />
            <source>Dependency rule number {n}: a 'field' rule needs the name of the field holding the supplier id.</source>
            <translation>第 {n} 条依赖规则：'field' 规则需要存放供给方编号的字段名。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="93" />
            <source>A unit of {layer} has no admin code: every unit needs its 12-digit code (统计用区划代码).</source>
            <translation>{layer} 中有单元没有区划代码：每个单元都需要 12 位统计用区划代码。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="96" />
            <source>The admin code '{code}' of {layer} holds characters that are not digits: codes are 12 digits (统计用区划代码), e.g. 330106001001.</source>
            <translation>{layer} 的区划代码“{code}”含有非数字字符：区划代码为 12 位数字（统计用区划代码），例如 330106001001。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="101" />
            <source>The admin codes of {layer} have mixed lengths ({lengths} digits; e.g. '{code}'): use the 12-digit 统计用区划代码 for every unit, padded with trailing zeros.</source>
            <translation>{layer} 的区划代码长度不一（{lengths} 位；例如“{code}”）：请对每个单元使用 12 位统计用区划代码，末尾补零。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="105" />
            <source>The admin code '{code}' of {layer} has no province (its first two digits are 00).</source>
            <translation>{layer} 的区划代码“{code}”没有省级部分（前两位为 00）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="126" />
            <source>The parent id '{parent}' of unit '{unit}' in {layer} is not the id of any unit: fix the parent field (leave it empty for the top level).</source>
            <translation>{layer} 中单元“{unit}”的上级 id“{parent}”不是任何单元的 id：请修正上级字段（最高一级留空）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="136" />
            <source>The parent ids of {layer} form a cycle ({cycle}): every chain of parents must end at a unit without a parent.</source>
            <translation>{layer} 的上级 id 形成循环（{cycle}）：每条上级链都必须终止于没有上级的单元。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="199" />
            <source>Unit '{unit}' of {layer} lies inside unit '{parent}' of the same layer: give only the finest units; the coarser levels are computed from them.</source>
            <translation>{layer} 的单元“{unit}”位于同一图层的单元“{parent}”之内：请只给出最细一级的单元，较粗的层级会由它们汇总得到。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="219" />
            <source>Unit '{unit}' is not in the hierarchy of {layer}.</source>
            <translation>单元“{unit}”不在 {layer} 的层级中。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="65" />
            <source>The depth-damage curve '{name}' holds values that are not numbers.</source>
            <translation>深度-损失曲线“{name}”含有不是数字的值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="62" />
            <source>The depth-damage curve '{name}' needs as many damage factors as depths (at least two); it has {nd} depth(s) and {nf} factor(s).</source>
            <translation>深度-损失曲线“{name}”的损失系数个数必须与深度个数相同（至少两个）；现有 {nd} 个深度、{nf} 个系数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="67" />
            <source>The depths of the depth-damage curve '{name}' must increase strictly ({depths}).</source>
            <translation>深度-损失曲线“{name}”的深度必须严格递增（{depths}）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="71" />
            <source>The depth-damage curve '{name}' has a damage factor of {value:g}: factors are fractions of the maximum damage, from 0 to 1.</source>
            <translation>深度-损失曲线“{name}”有一个损失系数为 {value:g}：损失系数是最大损失的比例，取值 0 到 1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="75" />
            <source>The depth-damage curve '{name}' is not monotone: the damage factor falls from {a:g} at {da:g} m to {b:g} at {db:g} m.</source>
            <translation>深度-损失曲线“{name}”不单调：损失系数从 {da:g} 米处的 {a:g} 降到 {db:g} 米处的 {b:g}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="85" />
            <source>No depth-damage curve set '{name}' in the standards file; available: {names}.</source>
            <translation>标准文件中没有深度-损失曲线集“{name}”；可用的有：{names}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="95" />
            <source>The curve of class '{name}' refers to '{target}', which is not a usable class of the curve set.</source>
            <translation>类别“{name}”的曲线引用了“{target}”，它不是该曲线集中可用的类别。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="109" />
            <source>No maximum-damage region '{name}' in the standards file; available: {names}.</source>
            <translation>标准文件中没有最大损失地区“{name}”；可用的有：{names}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="119" />
            <source>The maximum damage of class '{name}' in region '{region}' is '{value}': give a number of 0 or more.</source>
            <translation>地区“{region}”中类别“{name}”的最大损失为“{value}”：请给出不小于 0 的数字。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="145" />
            <source>The default class '{name}' has no depth-damage curve; use one of: {names}.</source>
            <translation>默认类别“{name}”没有深度-损失曲线；请使用以下之一：{names}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/scenarios.py" line="38" />
            <source>The field '{field}' of {layer} holds text that is not a number in {n} feature(s) (e.g. {examples}): fix those values or choose a numeric field.</source>
            <translation>{layer} 的字段“{field}”在 {n} 个要素中含有不是数字的文字（例如 {examples}）：请修正这些值或选择数值字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="253" />
            <source>RETURN_PERIODS must be numbers of years separated by commas, e.g. 10,50,100; got '{text}'.</source>
            <translation>RETURN_PERIODS 必须是以逗号分隔的年数，例如 10,50,100；现为“{text}”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="256" />
            <source>Give one return period per depth raster: {n} raster(s) but {m} return period(s).</source>
            <translation>每个深度栅格需要一个重现期：有 {n} 个栅格，但有 {m} 个重现期。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="259" />
            <source>Return periods are years greater than 1; got {values}.</source>
            <translation>重现期是大于 1 的年数；现为 {values}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="281" />
            <source>Return periods must increase strictly, in the order of the depth rasters (e.g. 10,50,100); got {values}.</source>
            <translation>重现期必须严格递增，并与深度栅格的顺序一致（例如 10,50,100）；现为 {values}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="286" />
            <source>The no-damage return period ({t0:g} years) must be shorter than the shortest return period ({t1:g} years).</source>
            <translation>无损失重现期（{t0:g} 年）必须短于最短的重现期（{t1:g} 年）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="317" />
            <source>The depth raster {path} holds negative depths: set them to 0 or nodata first (depths are metres of water above the ground).</source>
            <translation>深度栅格 {path} 含有负的水深：请先将其设为 0 或无数据（水深是地面以上的水深，单位米）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/loss.py" line="325" />
            <source>Unknown depth method {method}: use 0 (area-weighted mean) or 1 (maximum).</source>
            <translation>未知的水深取值方法 {method}：请使用 0（面积加权平均）或 1（最大值）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/restoration.py" line="65" />
            <source>A restoration file must be a JSON object with 'classes'.</source>
            <translation>恢复函数文件必须是含 'classes' 的 JSON 对象。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/restoration.py" line="58" />
            <source>Cannot read the restoration file {path}: {error}</source>
            <translation>无法读取恢复函数文件 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/restoration.py" line="60" />
            <source>The restoration file {path} is not valid JSON: {error}</source>
            <translation>恢复函数文件 {path} 不是有效的 JSON：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/restoration.py" line="69" />
            <source>Restoration class '{cls}' needs a 'source' text and a 'verified' true/false flag.</source>
            <translation>恢复类别“{cls}”需要 'source' 文字和 'verified' 真/假标记。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/restoration.py" line="74" />
            <source>Restoration class '{cls}': unknown damage state '{state}'; use slight, moderate, extensive or complete.</source>
            <translation>恢复类别“{cls}”：未知破坏状态“{state}”；请使用 slight、moderate、extensive 或 complete。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/restoration.py" line="85" />
            <source>Restoration class '{cls}', state '{state}': give days_50 and days_100, or mean_days and sd_days (&gt;= 0).</source>
            <translation>恢复类别“{cls}”状态“{state}”：请给出 days_50 和 days_100，或 mean_days 和 sd_days（&gt;= 0）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/restoration.py" line="88" />
            <source>Restoration class '{cls}', state '{state}': the days must be &gt; 0 and days_50 &lt;= days_100.</source>
            <translation>恢复类别“{cls}”状态“{state}”：天数必须大于 0，且 days_50 &lt;= days_100。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/scenarios.py" line="63" />
            <source>{a} and {b} are not results of the same algorithm: fields only in {a}: {fa}; only in {b}: {fb}. Compare tables of the same algorithm and settings.</source>
            <translation>{a} 和 {b} 不是同一算法的结果：仅 {a} 有的字段：{fa}；仅 {b} 有的字段：{fb}。请比较同一算法、同一设置的结果表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/scenarios.py" line="82" />
            <source>{layer} has several rows per unit and key ({keys}) and '{field}' is a ratio that cannot be summed: add the fields that tell the rows apart to KEY_FIELDS.</source>
            <translation>{layer} 中每个单元和键（{keys}）有多行，而“{field}”是不能相加的比率：请把区分这些行的字段加入 KEY_FIELDS。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/scenarios.py" line="107" />
            <source>Give at least two scenarios to compare.</source>
            <translation>请至少给出两个情景进行对比。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/scenarios.py" line="109" />
            <source>Scenario names must differ; got {names}.</source>
            <translation>情景名称必须互不相同；现为 {names}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/scenarios.py" line="114" />
            <source>{layer} has no field '{field}'.</source>
            <translation>{layer} 没有字段“{field}”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/scenarios.py" line="122" />
            <source>{a} and {b} cover different units: only in {a}: {ua}; only in {b}: {ub}. Run both scenarios on the same unit layer.</source>
            <translation>{a} 和 {b} 涉及的单元不同：仅在 {a} 中：{ua}；仅在 {b} 中：{ub}。请在同一单元图层上运行两个情景。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/towers.py" line="45" />
            <source>The fragility library has no point curve for the tower type '{name}' under {measure}. Add one to a FRAGILITY_FILE or choose another intensity measure.</source>
            <translation>易损性库中没有杆塔类型“{name}”在 {measure} 下的点状资产曲线。请在 FRAGILITY_FILE 中添加，或选择其他强度指标。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="153" />
            <source>Missing Python packages: {names}</source>
            <translation>缺少 Python 依赖包：{names}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="235" />
            <source>The current project has unsaved changes. Save them before the sample project replaces it?</source>
            <translation>当前项目有未保存的修改。在示例项目替换它之前是否保存？</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="61" />
            <source>Cascading failures across lifelines</source>
            <translation>生命线级联失效</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="64" />
            <source>Which assets and how many people lose power, water, telecom or road access when lifeline assets fail and the failures spread from one system to the next (生命线级联失效).

ASSETS: the layers of every system and of the demand, e.g. substations, power lines, water plants, pump stations, pipes, telecom sites, roads, people (points or polygons with a population field), hospitals and shelters. Each feature's class is read from CLASS_FIELD (default asset_class) or, where the layer has no such field, is the layer name; classes and systems are those of the dependency table. Ids come from ID_FIELD (default asset_id; otherwise layer:feature id) and must be unique.

DEPENDENCIES: the editable JSON table (default resources/standards/dependencies.json, an example to adapt) of rules 'a &lt;dependent&gt; needs a &lt;needs&gt;': the nearest asset of that class (optionally within max_distance_m), any asset of that class within max_distance_m (e.g. a hospital reached over any road within 200 m), the supplier id written in a field of the dependent (e.g. a pump station's power_from substation), with the nearest as fallback, or a path of working lines of a 'via' class joining it to a working supplier (e.g. people get water while the pipes from a working pump station reach them). An asset works while it has not failed itself and every rule that applies to it has a working supplier; failures spread until nothing changes. Rules whose needed class is not among the inputs are skipped.

MODE: Monte Carlo (RUNS runs, SEED) draws each asset's failure independently from P_FIELD (e.g. p_fail of Lifeline exposure or p_line of Power lines from their towers; empty = 0), all runs propagated at once; or one scenario: the ids listed in FAILED_IDS, or the features where FAILED_EXPRESSION is true (e.g. "max_level" &gt;= 3 or "p_ds3" &gt;= 0.5, evaluated on each layer that has those fields).

Outputs (points, lines, polygons by geometry): asset_id, asset_class, system, layer, failed_direct and failed_cascade (0/1 in a scenario, share of runs in Monte Carlo), out_of_service (their sum), no_&lt;system&gt; (the asset's supply from that system is lost), persons and, in a scenario, round (0 direct, k: failed in round k) and chain (the chain that failed it, e.g. P1 &lt;- S1 &lt;- L1 (direct)). Hospitals and shelters out of service are listed in the log. OUTPUT_TABLE: per unit (UNITS, by the demand's inside point) and system: persons, persons without the system (mean, 5 % and 95 % of the runs) and their share.</source>
            <translation>当生命线资产失效、且失效从一个系统蔓延到另一个系统时，哪些资产、多少人失去供电、供水、通信或道路通行（生命线级联失效）。

ASSETS：各系统及需求方的图层，如变电站、电力线路、水厂、泵站、管道、通信基站、道路、人口（带人口字段的点或面）、医院和避难场所。每个要素的类别读自 CLASS_FIELD（默认 asset_class），图层没有该字段时即为图层名；类别和系统以依赖关系表为准。编号来自 ID_FIELD（默认 asset_id；否则为 图层:要素编号），必须唯一。

DEPENDENCIES：可编辑的 JSON 规则表（默认 resources/standards/dependencies.json，是一个需按实际修改的示例），规则形如“&lt;dependent&gt; 需要 &lt;needs&gt;”：该类别中最近的资产（可限 max_distance_m 以内）、max_distance_m 以内该类别的任一资产（如医院经 200 米内任一道路到达），或写在需求方某字段中的供给方编号（如泵站的 power_from 变电站），为空时取最近者，或由某 'via' 类别的正常线路构成、连通到正常供给方的通路（如从正常泵站出发的管道能到达时，人口即有水）。资产在自身未失效且每条适用规则都有正常的供给方时才正常运行；失效反复传播直到不再变化。所需类别不在输入中的规则被跳过。

MODE：蒙特卡洛（RUNS 次，SEED）按 P_FIELD 独立抽样每个资产的失效（如生命线暴露的 p_fail 或杆塔线路失效的 p_line；为空则为 0），所有模拟一次性同时传播；或单一情景：FAILED_IDS 列出的编号，或 FAILED_EXPRESSION 为真的要素（如 "max_level" &gt;= 3 或 "p_ds3" &gt;= 0.5，在具有这些字段的每个图层上计算）。

输出（按几何分为点、线、面）：asset_id、asset_class、system、layer、failed_direct 和 failed_cascade（情景中为 0/1，蒙特卡洛中为模拟次数占比）、out_of_service（二者之和）、no_&lt;系统&gt;（该资产来自该系统的供给中断）、persons，情景模式下还有 round（0 为直接失效，k 为第 k 轮失效）和 chain（导致其失效的链条，如 P1 &lt;- S1 &lt;- L1 (直接失效)）。停止服务的医院和避难场所列于日志中。OUTPUT_TABLE：按单元（UNITS，以需求方内部点归属）和系统统计人数、失去该系统服务的人数（均值及各次模拟的 5 % 与 95 % 分位数）及其比例。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="94" />
            <source>Failures</source>
            <translation>失效</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="94" />
            <source>Monte Carlo from failure probabilities</source>
            <translation>按失效概率蒙特卡洛模拟</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="94" />
            <source>Scenario: failed ids</source>
            <translation>情景：失效编号</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="94" />
            <source>Scenario: expression</source>
            <translation>情景：表达式</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="96" />
            <source>Sample failures from P_FIELD over RUNS runs, or one scenario from FAILED_IDS or FAILED_EXPRESSION.</source>
            <translation>按 P_FIELD 抽样 RUNS 次失效，或由 FAILED_IDS 或 FAILED_EXPRESSION 给出单一情景。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="98" />
            <source>Failure probability field</source>
            <translation>失效概率字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="99" />
            <source>Field with each asset's failure probability (0-1) for Monte Carlo; missing or empty counts as 0.</source>
            <translation>蒙特卡洛所用的每个资产失效概率字段（0-1）；缺失或为空按 0 计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="101" />
            <source>Failed asset ids</source>
            <translation>失效资产编号</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="102" />
            <source>Ids of the assets that fail in the scenario, separated by commas.</source>
            <translation>情景中失效资产的编号，用逗号分隔。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="104" />
            <source>Failed assets (expression)</source>
            <translation>失效资产（表达式）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="105" />
            <source>QGIS expression true for failed assets, e.g. "max_level" &gt;= 3; evaluated on every layer that has its fields.</source>
            <translation>对失效资产为真的 QGIS 表达式，如 "max_level" &gt;= 3；在具有其字段的每个图层上计算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="107" />
            <source>Monte Carlo runs</source>
            <translation>蒙特卡洛模拟次数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="108" />
            <source>Number of sampled scenarios. The standard error of a share is about sqrt(p(1-p)/runs).</source>
            <translation>抽样情景的数量。比例的标准误约为 sqrt(p(1-p)/次数)。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="110" />
            <source>Random seed</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="111" />
            <source>The same seed gives the same runs.</source>
            <translation>相同的种子得到相同的模拟结果。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="113" />
            <source>Polygons (districts, sub-districts) for the table of persons without service.</source>
            <translation>用于统计失去服务人数的面（区、街道）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="115" />
            <source>Cascade: point assets</source>
            <translation>级联失效：点状资产</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="116" />
            <source>Cascade: line assets</source>
            <translation>级联失效：线状资产</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="117" />
            <source>Cascade: polygon assets</source>
            <translation>级联失效：面状资产</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="118" />
            <source>Persons without service</source>
            <translation>失去服务的人数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="127" />
            <source>Give the FAILED_IDS of the scenario (ids separated by commas).</source>
            <translation>请给出情景的 FAILED_IDS（编号用逗号分隔）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="131" />
            <source>FAILED_IDS names assets that are not in the layers: {ids}.</source>
            <translation>FAILED_IDS 中的资产不在图层中：{ids}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="137" />
            <source>The FAILED_EXPRESSION is empty or does not parse: {error}. Example: "max_level" &gt;= 3</source>
            <translation>FAILED_EXPRESSION 为空或无法解析：{error}。示例："max_level" &gt;= 3</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="145" />
            <source>Layer '{layer}' lacks the fields {names} of the expression: none of its assets fails directly.</source>
            <translation>图层“{layer}”缺少表达式中的字段 {names}：其资产均不直接失效。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="157" />
            <source>No ASSETS layer has the fields the FAILED_EXPRESSION uses.</source>
            <translation>没有任何 ASSETS 图层具有 FAILED_EXPRESSION 所用的字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="163" />
            <source>Dependency table ({flag}): {source}</source>
            <translation>依赖关系表（{flag}）：{source}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="178" />
            <source>The ASSETS layers hold no feature with geometry.</source>
            <translation>ASSETS 图层中没有带几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="276" />
            <source>all</source>
            <translation>全部</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="196" />
            <source>{n} failure probabilities outside 0-1 were clipped to 0-1.</source>
            <translation>{n} 个超出 0-1 的失效概率已截取到 0-1。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="198" />
            <source>{n} asset(s) have no failure probability: they do not fail directly.</source>
            <translation>{n} 个资产没有失效概率：它们不会直接失效。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="206" />
            <source>{n} asset(s) fail directly in the scenario.</source>
            <translation>情景中有 {n} 个资产直接失效。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="208" />
            <source>(direct)</source>
            <translation>(直接失效)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="208" />
            <source>(no supplier in reach)</source>
            <translation>(范围内无供给方)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="208" />
            <source>(network path cut)</source>
            <translation>(网络通路中断)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="210" />
            <source>Failures spread in {k} round(s).</source>
            <translation>失效经 {k} 轮传播。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="269" />
            <source>Rule '{dep} needs {need}' skipped: no {need} among the inputs.</source>
            <translation>规则“{dep} 需要 {need}”被跳过：输入中没有 {need}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="272" />
            <source>{n} {dep} asset(s) have no {need} in reach: they are without it in every run.</source>
            <translation>{n} 个 {dep} 资产在范围内没有 {need}：在每次模拟中都缺少该供给。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="275" />
            <source>Supplier ids that name no asset: {ids}.</source>
            <translation>找不到对应资产的供给方编号：{ids}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="277" />
            <source>No layer has the field '{field}' of rule '{dep} needs {need}': the nearest is used where allowed.</source>
            <translation>没有图层具有规则“{dep} 需要 {need}”的字段“{field}”：在允许时使用最近者。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="287" />
            <source>{cls}: {n} in all, expected out of service {e:.2f}.</source>
            <translation>{cls}：共 {n} 处，期望停止服务 {e:.2f} 处。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/cascade.py" line="290" />
            <source>{cls}: {k} of {n} out of service: {ids}</source>
            <translation>{cls}：{n} 处中有 {k} 处停止服务：{ids}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="51" />
            <source>Compare scenarios</source>
            <translation>情景对比</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="54" />
            <source>Compares the same result of two or more scenarios unit by unit (情景对比): e.g. the Exposure statistics, Walking coverage or Direct economic loss tables of the current and the design flood, or of today's and the planned shelters.

INPUTS: tables (or layers) from the same algorithm and settings, the baseline first; NAMES their scenario names separated by commas (default: the layer names). Inputs with different fields, or covering different units, are refused with the fields or units that differ.

VALUE_FIELD: the quantity to compare (default: the first of loss, coverage_pct, persons_unserved, isolated_persons, value, count that the table has). UNIT_FIELD: the unit column (default unit_code, else unit_id). KEY_FIELDS: the other columns that identify a row, separated by commas (default: those of level_name, parent_code, scenario, return_period, level, class present). Rows with the same unit and keys are summed; coverage_pct and loss_pct are recomputed from their summed parts (covered / population, loss / value), never averaged.

DIRECTION: whether more is better. Automatic: higher is better for coverage_pct, covered, reachable_persons, capacity, persons_assigned; lower is better for everything else (exposed persons, loss, unserved or isolated persons, repairs). THRESHOLD (%): a relative change within it is 'same'.

OUTPUT_TABLE: the unit, the keys, value_&amp;lt;scenario&amp;gt; for each scenario and, for each later scenario against the baseline, change_&amp;lt;scenario&amp;gt; (absolute), change_pct_&amp;lt;scenario&amp;gt; (%) and class_&amp;lt;scenario&amp;gt; (better / same / worse).

UNITS + UNIT_ID_FIELD (ids as in the tables): OUTPUT_MAP, the unit polygons with one value per unit and scenario: the rows matching MAP_FILTER (e.g. class=population;scenario=EAD) and, when the table has levels, with level ≥ MAP_MIN_LEVEL, summed (ratios recomputed). Its fields change, change_pct and change_class (1 better, 0 same, -1 worse; NULL where a unit has no row or no comparable value) compare the last scenario with the baseline; styled with a diverging, bilingual legend.</source>
            <translation>逐单元对比两个或多个情景的同一结果（情景对比）：例如现状洪水与设计洪水、或现有与规划避难场所下的承灾体暴露统计、步行覆盖或直接经济损失表。

INPUTS：同一算法、同一设置得到的表（或图层），基准情景在前；NAMES 为其情景名称，以逗号分隔（默认：图层名）。字段不同或涉及单元不同的输入会被拒绝，并列出不同的字段或单元。

VALUE_FIELD：要对比的量（默认：表中第一个出现的 loss、coverage_pct、persons_unserved、isolated_persons、value、count）。UNIT_FIELD：单元列（默认 unit_code，否则 unit_id）。KEY_FIELDS：其他标识一行的列，以逗号分隔（默认：表中存在的 level_name、parent_code、scenario、return_period、level、class）。单元和键相同的行相加；coverage_pct 和 loss_pct 由相加后的分子分母（covered / population、loss / value）重新计算，从不取平均。

DIRECTION：数值越大越好还是越小越好。自动：coverage_pct、covered、reachable_persons、capacity、persons_assigned 越大越好；其他量（暴露人口、损失、未服务或被孤立人口、修复次数）越小越好。THRESHOLD（%）：相对变化在此范围内为“基本不变”。

OUTPUT_TABLE：单元、键、每个情景的 value_&amp;lt;情景&amp;gt;，以及每个后续情景相对基准的 change_&amp;lt;情景&amp;gt;（绝对变化）、change_pct_&amp;lt;情景&amp;gt;（%）和 class_&amp;lt;情景&amp;gt;（better 改善 / same 基本不变 / worse 变差）。

UNITS + UNIT_ID_FIELD（id 与表中一致）：OUTPUT_MAP 为单元面，每个单元每个情景一个值：符合 MAP_FILTER（例如 class=population;scenario=EAD）且（表中有等级时）level ≥ MAP_MIN_LEVEL 的行相加（比率重新计算）。其字段 change、change_pct 和 change_class（1 改善、0 基本不变、-1 变差；单元没有行或没有可比值时为空）为最后一个情景相对基准的对比；以发散色板和双语图例显示。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="81" />
            <source>Scenario results (baseline first)</source>
            <translation>情景结果（基准在前）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="82" />
            <source>Two or more tables or layers written by the same algorithm with the same settings, the baseline scenario first.</source>
            <translation>同一算法、同一设置写出的两个或多个表或图层，基准情景在前。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="84" />
            <source>Scenario names</source>
            <translation>情景名称</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="85" />
            <source>Names of the scenarios in the order of the inputs, separated by commas, e.g. current,design. Default: the layer names.</source>
            <translation>按输入顺序的情景名称，以逗号分隔，例如 current,design。默认：图层名。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="87" />
            <source>Quantity to compare (field)</source>
            <translation>对比的量（字段）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="88" />
            <source>The field to compare, e.g. loss, value, count, coverage_pct, persons_unserved. Default: the first of loss, coverage_pct, persons_unserved, isolated_persons, value, count that the tables have.</source>
            <translation>要对比的字段，例如 loss、value、count、coverage_pct、persons_unserved。默认：表中第一个出现的 loss、coverage_pct、persons_unserved、isolated_persons、value、count。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="90" />
            <source>Unit field</source>
            <translation>单元字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="91" />
            <source>The field with the unit of each row. Default: unit_code if present, else unit_id.</source>
            <translation>每行所属单元的字段。默认：有 unit_code 时用 unit_code，否则 unit_id。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="93" />
            <source>Key fields</source>
            <translation>键字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="94" />
            <source>Other fields that identify a row, separated by commas, e.g. level,class. Default: those of level_name, parent_code, scenario, return_period, level, class the tables have. Rows with the same unit and keys are summed.</source>
            <translation>其他标识一行的字段，以逗号分隔，例如 level,class。默认：表中存在的 level_name、parent_code、scenario、return_period、level、class。单元和键相同的行相加。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="96" />
            <source>Which direction is better</source>
            <translation>哪个方向更好</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="96" />
            <source>Automatic (by the field)</source>
            <translation>自动（按字段）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="96" />
            <source>Lower is better</source>
            <translation>越小越好</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="96" />
            <source>Higher is better</source>
            <translation>越大越好</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="98" />
            <source>Automatic: higher is better for coverage_pct, covered, reachable_persons, capacity and persons_assigned, lower is better for the other fields (exposed persons, loss, isolated persons...).</source>
            <translation>自动：coverage_pct、covered、reachable_persons、capacity 和 persons_assigned 越大越好，其他字段（暴露人口、损失、被孤立人口……）越小越好。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="100" />
            <source>Threshold for 'same' (%)</source>
            <translation>“基本不变”阈值（%）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="101" />
            <source>A relative change of at most this many percent counts as 'same'.</source>
            <translation>相对变化不超过该百分比时计为“基本不变”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="103" />
            <source>Rows for the map</source>
            <translation>地图使用的行</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="104" />
            <source>Optional conditions field=value separated by semicolons that select the rows summed for the map, e.g. class=population or scenario=EAD.</source>
            <translation>可选条件 字段=值，以分号分隔，用于选择地图中相加的行，例如 class=population 或 scenario=EAD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="106" />
            <source>Lowest hazard level for the map</source>
            <translation>地图的最低灾害等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="107" />
            <source>When the tables have a level field, the map sums the rows of this level and above (1: everything exposed). Rows without a level are left out.</source>
            <translation>表中有 level 字段时，地图对该等级及以上的行求和（1：所有暴露的）。没有等级的行不计入。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="109" />
            <source>Optional unit polygons (the unit layer the scenarios were run on) for the change map.</source>
            <translation>可选的单元面（运行各情景所用的单元图层），用于变化图。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="109" />
            <source>The field of the unit polygons that holds the ids used in the tables.</source>
            <translation>单元面中与表中单元 id 一致的字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="111" />
            <source>Scenario comparison</source>
            <translation>情景对比表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="112" />
            <source>Scenario change map</source>
            <translation>情景变化图</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="118" />
            <source>Give at least two scenario results (INPUTS) to compare.</source>
            <translation>请至少给出两个情景结果（INPUTS）进行对比。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="122" />
            <source>The input '{layer}' is not a table or vector layer.</source>
            <translation>输入“{layer}”不是表或矢量图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="133" />
            <source>Give one scenario name per input: {n} input(s) but {m} name(s).</source>
            <translation>每个输入需要一个情景名称：有 {n} 个输入，但有 {m} 个名称。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="143" />
            <source>Choose VALUE_FIELD, the field to compare: the tables have none of the usual ones ({names}).</source>
            <translation>请选择 VALUE_FIELD（要对比的字段）：表中没有常用字段（{names}）中的任何一个。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="149" />
            <source>Choose UNIT_FIELD: the tables have neither unit_code nor unit_id.</source>
            <translation>请选择 UNIT_FIELD：表中既没有 unit_code 也没有 unit_id。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="162" />
            <source>MAP_FILTER names the field '{field}', which the tables do not have.</source>
            <translation>MAP_FILTER 中的字段“{field}”在表中不存在。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="174" />
            <source>MAP_FILTER must be conditions field=value separated by semicolons, e.g. class=population; got '{text}'.</source>
            <translation>MAP_FILTER 必须是以分号分隔的 字段=值 条件，例如 class=population；现为“{text}”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="185" />
            <source>Comparing the scenarios</source>
            <translation>正在对比情景</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="194" />
            <source>Choose the UNIT_ID_FIELD of the unit polygons.</source>
            <translation>请选择单元面的 UNIT_ID_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="200" />
            <source>No row of the tables matches MAP_FILTER and MAP_MIN_LEVEL: the map would be empty.</source>
            <translation>表中没有符合 MAP_FILTER 和 MAP_MIN_LEVEL 的行：地图将为空。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="208" />
            <source>The unit polygons have no unit with the id(s) {ids} of the tables: choose the UNIT_ID_FIELD that holds the tables' unit ids.</source>
            <translation>单元面中没有表中 id 为 {ids} 的单元：请选择存放表中单元 id 的 UNIT_ID_FIELD。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/compare_scenarios.py" line="217" />
            <source>{b} row(s) better, {s} about the same, {w} worse in {scenario} than in {base} ({field}).</source>
            <translation>与 {base} 相比，{scenario} 中 {b} 行改善、{s} 行基本不变、{w} 行变差（{field}）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="65" />
            <source>Direct economic loss</source>
            <translation>直接经济损失</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="102" />
            <source>Buildings</source>
            <translation>建筑</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="103" />
            <source>Building footprints (polygons).</source>
            <translation>建筑基底（面）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="105" />
            <source>Flood depth raster(s)</source>
            <translation>洪水淹没深度栅格</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="106" />
            <source>One flood depth raster in metres, or several (one per return period, in the order of RETURN_PERIODS).</source>
            <translation>一个以米为单位的洪水淹没深度栅格，或多个（每个重现期一个，顺序与 RETURN_PERIODS 一致）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="108" />
            <source>Return periods (years)</source>
            <translation>重现期（年）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="109" />
            <source>With several depth rasters: their return periods in years, increasing, separated by commas, e.g. 10,50,100. Gives the expected annual damage.</source>
            <translation>有多个深度栅格时：其重现期（年），递增，以逗号分隔，例如 10,50,100。用于计算期望年损失。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="111" />
            <source>No-damage return period (years)</source>
            <translation>无损失重现期（年）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="113" />
            <source>Optional: the return period at and below which floods do no damage (e.g. the protection standard). The loss curve then falls linearly to 0 there; empty: events more frequent than the shortest period are not counted.</source>
            <translation>可选：洪水不造成损失的重现期（及更短的重现期），例如防洪标准。损失曲线在该处线性降为 0；留空：比最短重现期更频繁的事件不计入。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="115" />
            <source>Depth per building</source>
            <translation>建筑水深</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="115" />
            <source>Area-weighted mean over the footprint</source>
            <translation>基底范围内面积加权平均</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="115" />
            <source>Maximum over the footprint</source>
            <translation>基底范围内最大值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="117" />
            <source>How a building's depth is read from the raster: the mean weighted by the area of each cell inside the footprint, or the largest depth of the cells it overlaps.</source>
            <translation>如何从栅格读取建筑的水深：按基底内每个栅格单元面积加权的平均值，或其覆盖栅格单元的最大水深。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="119" />
            <source>Depth thresholds for hazard levels (m)</source>
            <translation>灾害等级水深阈值（米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="120" />
            <source>Ascending depths in metres that split the buildings into hazard levels for the table, e.g. 0.15,0.5,1.0,2.0 (depth below the first is level 0).</source>
            <translation>以米为单位的递增水深，用于在表中把建筑划分为灾害等级，例如 0.15,0.5,1.0,2.0（低于第一个阈值为 0 级）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="122" />
            <source>Occupancy class field</source>
            <translation>用途类别字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="124" />
            <source>Optional field with the building use (e.g. TYPE), mapped to residential / commercial / industrial / public by the aliases in the standards file.</source>
            <translation>可选的建筑用途字段（例如 TYPE），按标准文件中的别名映射为居住 / 商业 / 工业 / 公共。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="126" />
            <source>Default occupancy class</source>
            <translation>默认用途类别</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="126" />
            <source>Residential</source>
            <translation>居住</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="126" />
            <source>Commercial</source>
            <translation>商业</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="126" />
            <source>Industrial</source>
            <translation>工业</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="126" />
            <source>Public</source>
            <translation>公共</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="128" />
            <source>The class of buildings without a class field, or whose value matches no alias.</source>
            <translation>没有类别字段或其值不匹配任何别名的建筑所属类别。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="134" />
            <source>Default number of floors</source>
            <translation>默认层数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="135" />
            <source>Floors of buildings without a floors field or value.</source>
            <translation>没有层数字段或层数值的建筑的层数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="137" />
            <source>Maximum damage per m² field</source>
            <translation>每平方米最大损失字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="139" />
            <source>Optional field with each building's maximum damage (replacement value) per m² of floor area, in the currency of the region; empty values use the value of its class.</source>
            <translation>可选字段：每栋建筑每平方米建筑面积的最大损失（重置价），货币与地区一致；空值使用所属类别的值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="141" />
            <source>Depth-damage standards file (JSON)</source>
            <translation>深度-损失标准文件（JSON）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="141" />
            <source>JSON files (*.json)</source>
            <translation>JSON 文件 (*.json)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="143" />
            <source>Optional JSON file with your own curves and maximum damage values, in the form of resources/standards/depth_damage.json.</source>
            <translation>可选的 JSON 文件，包含您自己的曲线和最大损失值，格式同 resources/standards/depth_damage.json。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="145" />
            <source>Curve set</source>
            <translation>曲线集</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="146" />
            <source>The name of the depth-damage curve set in the standards file (jrc_asia: JRC Asia curves).</source>
            <translation>标准文件中深度-损失曲线集的名称（jrc_asia：JRC 亚洲曲线）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="148" />
            <source>Maximum damage region</source>
            <translation>最大损失地区</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="149" />
            <source>The name of the maximum-damage set in the standards file (china_placeholder: placeholder values in CNY per m², to be replaced).</source>
            <translation>标准文件中最大损失值集的名称（china_placeholder：以元/平方米计的占位值，需替换）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="151" />
            <source>Optional admin polygons for the table (e.g. villages or townships).</source>
            <translation>可选的行政区划面，用于汇总表（例如村或乡镇）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="55" />
            <source>Admin code field (12 digits)</source>
            <translation>区划代码字段（12 位）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="57" />
            <source>Optional 12-digit 统计用区划代码 of each unit: the table then also holds every coarser level (township, county, city, province), summed from the units.</source>
            <translation>可选的每个单元的 12 位统计用区划代码：汇总表将同时包含所有较粗的层级（乡镇、县、市、省），由这些单元汇总得到。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="62" />
            <source>Parent unit id field</source>
            <translation>上级单元 id 字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="154" />
            <source>Building losses</source>
            <translation>建筑损失</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="155" />
            <source>Economic loss summary</source>
            <translation>经济损失汇总</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="165" />
            <source>Cannot read the standards file {path}: {error}</source>
            <translation>无法读取标准文件 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="170" />
            <source>Give at least one flood depth raster (DEPTH).</source>
            <translation>请至少给出一个洪水淹没深度栅格（DEPTH）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="173" />
            <source>The depth layer '{layer}' is not a file-based raster (GDAL): save it as a GeoTIFF first.</source>
            <translation>深度图层“{layer}”不是基于文件的栅格（GDAL）：请先另存为 GeoTIFF。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="179" />
            <source>{n} depth rasters were given: give their RETURN_PERIODS (years, increasing, e.g. 10,100), or run once per raster.</source>
            <translation>给出了 {n} 个深度栅格：请给出它们的 RETURN_PERIODS（年，递增，例如 10,100），或每个栅格分别运行一次。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="185" />
            <source>NO_DAMAGE_PERIOD needs RETURN_PERIODS.</source>
            <translation>NO_DAMAGE_PERIOD 需要 RETURN_PERIODS。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="232" />
            <source>The default class '{name}' has no curve in the curve set.</source>
            <translation>默认类别“{name}”在曲线集中没有曲线。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="237" />
            <source>{n} building(s) have a class value that matches no alias (or none) and count as '{default}': {values}</source>
            <translation>{n} 栋建筑的类别值不匹配任何别名（或为空），按“{default}”计：{values}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="245" />
            <source>The buildings layer could not be loaded.</source>
            <translation>无法加载建筑图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="254" />
            <source>The maximum-damage region has no value for class(es) {names}.</source>
            <translation>最大损失地区缺少类别 {names} 的值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="263" />
            <source>Reading the buildings</source>
            <translation>正在读取建筑</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="271" />
            <source>buildings</source>
            <translation>建筑</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="275" />
            <source>The field '{field}' holds negative values: a maximum damage per m² is 0 or more.</source>
            <translation>字段“{field}”含有负值：每平方米最大损失应不小于 0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="278" />
            <source>{n} building(s) have no number of floors and count {d:g} floor(s).</source>
            <translation>{n} 栋建筑没有层数，按 {d:g} 层计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="291" />
            <source>{n} building(s) lie outside every unit and are not in the table.</source>
            <translation>{n} 栋建筑位于所有单元之外，未计入汇总表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="299" />
            <source>Reading flood depths from {layer}</source>
            <translation>正在从 {layer} 读取洪水淹没深度</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="302" />
            <source>{n} building(s) lie outside the depth raster {layer} and count as dry.</source>
            <translation>{n} 栋建筑位于深度栅格 {layer} 之外，按无水计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="304" />
            <source>{n} building(s) lie partly outside the depth raster {layer}: the part outside counts as dry.</source>
            <translation>{n} 栋建筑部分位于深度栅格 {layer} 之外：栅格外的部分按无水计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="315" />
            <source>Summing the losses</source>
            <translation>正在汇总损失</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="329" />
            <source>Scenario {scenario}: total loss {loss:,.0f} {currency}, {n} building(s) damaged.</source>
            <translation>情景 {scenario}：总损失 {loss:,.0f} {currency}，{n} 栋建筑受损。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="332" />
            <source>Expected annual damage: {loss:,.0f} {currency} per year.</source>
            <translation>期望年损失：每年 {loss:,.0f} {currency}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="78" />
            <source>Exports a plan-ready map (A3 or A4) in one step: the LAYERS in order (the first is drawn on top), a title block (TITLE, SUBTITLE; without a title, the first layer's), a compact legend that lists only what is visible on the map, a scale bar with round lengths in m or km, a north arrow, notes (NOTE: data source, compiler), the DATE, the coordinate reference system and an overview map (OVERVIEW; left out when the map already shows all the layers).

LANGUAGE sets every fixed text on the page (legend title, layer titles and classes of layers read from files, date, coordinate reference system, notes heading, scale unit): Chinese, English or bilingual. It defaults to the QGIS interface language in QGIS and to bilingual in qgis_process.

The map is drawn in the first layer's CRS when it is projected, otherwise in a metric CRS chosen for the data (CGCS2000 Gauss-Krueger in China, UTM elsewhere), so that the scale bar is true. The extent is EXTENT, or all layers with a 5 % margin. Layers read from files (in a model or a batch run) get the plugin's style for their output type; layers of the project keep their own style.

TEMPLATE chooses one of the built-in layouts, TEMPLATE_FILE a layout template (.qpt) of your own; items with the ids map, legend, scalebar, north_arrow, title, subtitle, note, date, crs_note and overview are filled, and labels may use @plan_title, @plan_subtitle, @plan_note, @plan_date and @plan_crs.

With a COVERAGE polygon layer the map becomes an atlas: one page per feature (e.g. each district), zoomed to it, the other features faded, its COVERAGE_NAME_FIELD value in the subtitle; one multi-page PDF (SINGLE_FILE) or one file per feature next to OUTPUT, named &lt;output&gt;_&lt;name&gt;.

FORMAT pdf, png or svg at DPI dots per inch (1-1200). PDF and SVG text stays real, searchable text. PNG pages come with a world file (.pgw). Nothing is left behind when the export fails.</source>
            <translation>一步导出可直接用于规划文本的图件（A3 或 A4）：按顺序绘制图层（LAYERS，第一个在最上层），标题栏（TITLE、SUBTITLE；未给出图名时取第一个图层的名称），只列出图上可见内容的紧凑图例，以米或千米为单位、取整刻度的比例尺，指北针，注记（NOTE：资料来源、编制单位），日期（DATE），坐标系说明，以及鹰眼图（OVERVIEW；地图已显示全部图层范围时省略）。

LANGUAGE 设定图面上所有固定文字的语言（图例标题、从文件读取的图层的名称与分类、日期、坐标系、说明标题、比例尺单位）：中文、英文或中英双语。在 QGIS 中默认为界面语言，在 qgis_process 中默认为双语。

第一个图层为投影坐标系时按其绘图，否则使用为数据选择的米制坐标系（我国为 CGCS2000 高斯-克吕格，其他地区为 UTM），以保证比例尺准确。范围为 EXTENT，或所有图层的范围外扩 5%。从文件读取的图层（模型或批处理中）按其输出类型应用本插件样式；工程中的图层保留各自样式。

TEMPLATE 选择内置布局，TEMPLATE_FILE 使用自定义布局模板（.qpt）；ID 为 map、legend、scalebar、north_arrow、title、subtitle、note、date、crs_note 和 overview 的元素会被填写，标注中也可使用 @plan_title、@plan_subtitle、@plan_note、@plan_date 和 @plan_crs。

给出覆盖面图层（COVERAGE）时生成图集：每个要素（例如每个区）一页并缩放到该要素，其他区域淡化，副标题中加上 COVERAGE_NAME_FIELD 的值；输出为一个多页 PDF（SINGLE_FILE），或在 OUTPUT 旁为每个要素各写一个文件，命名为 &lt;输出名&gt;_&lt;名称&gt;。

格式（FORMAT）为 pdf、png 或 svg，分辨率为 DPI（1–1200）。PDF 和 SVG 中的文字保持为可搜索的真实文字。PNG 附带坐标文件（.pgw）。导出失败时不会留下任何文件。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="116" />
            <source>Map language</source>
            <translation>图面语言</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="118" />
            <source>The language of everything printed on the map besides your own texts: legend title, layer titles and classes, date, coordinate reference system, notes heading and scale unit. The default is the QGIS interface language in QGIS and bilingual in qgis_process.</source>
            <translation>图面上除您自己输入的文字以外所有内容的语言：图例标题、图层名称与分类、日期、坐标系、说明标题和比例尺单位。默认值：在 QGIS 中为界面语言，在 qgis_process 中为中英双语。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="123" />
            <source>The map title, e.g. 综合灾害风险分区图. Empty: the title of the first layer.</source>
            <translation>图名，例如：综合灾害风险分区图。留空：取第一个图层的标题。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="182" />
            <source>The layer '{name}' is a table without geometry: it cannot be drawn on a map. Leave it out of the map layers.</source>
            <translation>图层“{name}”是没有几何的表格，无法绘制在地图上。请将其从地图图层中移除。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/export_plan_map.py" line="185" />
            <source>The layer '{name}' has no valid coordinate reference system: set its CRS in the layer properties first.</source>
            <translation>图层“{name}”没有有效的坐标参考系：请先在图层属性中设置其坐标参考系。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="113" />
            <source>Counts and measures what lies in each hazard level (承灾体暴露统计): buildings, roads, facilities, and people, per admin unit.

HAZARD: hazard zones with an integer LEVEL_FIELD (overlapping zones resolve to the highest level), or a continuous raster classified with THRESHOLDS t1 &lt; t2 &lt; ... (value &lt; t1 is level 0, t1 &lt;= value &lt; t2 level 1, ...) and sampled cell by cell, without polygonising. A raster hazard must be in the CRS of the exposure layer.

EXPOSURE: points take the level where they lie. Polygons follow RULE: 0 the highest level they touch, 1 the level at their representative point, 2 split by zone (area per level). Lines are always split (length per level). CLASS_FIELD groups the features (values trimmed, case ignored); VALUE_FIELD is summed per group (split features contribute by their share of length or area).

UNITS + UNIT_ID_FIELD: a point, or a polygon under rule 0/1, is counted once, in the unit that holds its largest part; split features are split by unit too. Features outside every unit are left out of the table (reported in the log).

OUTPUT: the exposure features with their attributes and level (the highest level reached), unit_id, and for split features len_l0...len_lN (m) or area_l0...area_lN (m²). OUTPUT_TABLE: unit_id, class, level, count (features; a split feature counts in each level it reaches), length_m, area_m2, value.

EXPOSURE_RASTER: a population raster (POPULATION_UNIT: persons per km², the default, or per cell) adds rows of class 'population' with the persons per unit and level in value; whole cells count exactly and boundary cells by area share. Lengths and areas are measured in a metric CRS.</source>
            <translation>统计各灾害等级内的承灾体数量与规模：建筑、道路、设施和人口，按行政单元汇总。

HAZARD：带整数 LEVEL_FIELD 的灾害分区（重叠分区取最高等级），或按 THRESHOLDS t1 &lt; t2 &lt; …… 分级的连续栅格（值 &lt; t1 为 0 级，t1 ≤ 值 &lt; t2 为 1 级……），逐栅格单元直接采样，不做矢量化。栅格灾害须与承灾体图层处于同一坐标参考系。

EXPOSURE：点取其所在位置的等级。面按 RULE：0 取接触到的最高等级，1 取代表点处的等级，2 按分区拆分（各等级面积）。线总是按分区拆分（各等级长度）。CLASS_FIELD 对要素分组（去除首尾空格、不区分大小写）；VALUE_FIELD 按组求和（被拆分的要素按长度或面积比例计入）。

UNITS + UNIT_ID_FIELD：点或规则 0/1 下的面只计一次，计入包含其最大部分的单元；可拆分要素也按单元拆分。位于所有单元之外的要素不计入汇总表（在日志中说明）。

OUTPUT：带原有属性的承灾体要素，以及 level（达到的最高等级）、unit_id，可拆分要素另有 len_l0…len_lN（米）或 area_l0…area_lN（平方米）。OUTPUT_TABLE：unit_id、class、level、count（要素数；被拆分的要素在其到达的每个等级中各计一次）、length_m、area_m2、value。

EXPOSURE_RASTER：人口栅格（POPULATION_UNIT：每平方公里人数（默认）或每格人数）增加 class 为 population 的行，value 为各单元各等级人数；完整栅格单元精确计数，边界栅格单元按面积比例拆分。长度和面积在米制坐标参考系中量算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/hazard_overlay.py" line="85" />
            <source>Overlays several hazard zonings (outputs of Classify hazard, or your own zones with an integer level field) into non-overlapping composite hazard zones (综合灾害分区).

Where zones of one hazard overlap, the highest level is kept (and reported). METHOD 0: the highest level of all hazards. METHOD 1: the levels weighted by WEIGHTS (one per hazard in order, scaled to sum 1; default equal) and summed, then re-classed with SCORE_BREAKS (score below b1 is level 0, b1 ≤ score below b2 level 1, ...). METHOD 2: the number of hazards at or above COUNT_LEVEL. METHOD 3: the highest hazard level x the vulnerability level of the VULNERABILITY zones, looked up in RISK_MATRIX (rows: hazard level 1..n, columns: vulnerability level 1..m; default the 4x4 matrix of resources/standards/risk_matrix.json, an unverified common convention). Outside the vulnerability zones the risk is 0.

OUTPUT fields: level, score (method 0: the level; 1: the weighted sum; 2: the count; 3: hazard level x vulnerability level), dominant (the hazard that decides the level; for method 2 the hazards counted), lvl_&lt;hazard&gt; for each input, vuln_level (method 3) and area_m2. Pieces with identical attributes are dissolved; the zones cover exactly the union of the hazard zones.

With UNITS (admin polygons) and UNIT_ID_FIELD, OUTPUT_TABLE has one row per unit and level: unit_id, level, area_m2, area_share (of the unit) and population from the POPULATION raster (POPULATION_UNIT: persons per km², the default, or per cell). Level 0 is the rest of the unit. Whole cells count exactly, cells on a boundary are split by area, so the levels of a unit add up to its population.

Areas in m², measured in a metric CRS (the inputs' own if suitable, else CGCS2000 Gauss-Krueger in China or UTM elsewhere). Inputs in different CRS are reprojected.</source>
            <translation>将多个灾害分区（“灾害分级”的输出，或带整数等级字段的自有分区）叠加为互不重叠的综合灾害分区。

同一灾种的分区相互重叠时取最高等级（并在日志中说明）。METHOD 0：取所有灾种中的最高等级。METHOD 1：各灾种等级按 WEIGHTS 加权求和（按图层顺序每个灾种一个权重，归一化为和为 1，默认等权），再按 SCORE_BREAKS 重新分级（得分低于 b1 为 0 级，b1 ≤ 得分低于 b2 为 1 级……）。METHOD 2：等级不低于 COUNT_LEVEL 的灾种数。METHOD 3：最高灾害等级 × VULNERABILITY 分区的脆弱性等级，查 RISK_MATRIX（行：灾害等级 1..n，列：脆弱性等级 1..m；默认采用 resources/standards/risk_matrix.json 中的 4×4 矩阵，为未经核实的常用约定）。脆弱性分区以外风险为 0。

OUTPUT 字段：level、score（方法 0：等级；1：加权和；2：灾种数；3：灾害等级 × 脆弱性等级）、dominant（决定等级的灾种；方法 2 为计入的灾种）、每个输入一个 lvl_&lt;灾种&gt;、vuln_level（方法 3）和 area_m2。属性完全相同的图斑会被融合；各分区恰好覆盖所有灾害分区的并集。

给出 UNITS（行政区面）和 UNIT_ID_FIELD 时，OUTPUT_TABLE 每个单元每个等级一行：unit_id、level、area_m2、area_share（占单元面积比例）以及由 POPULATION 栅格统计的 population（POPULATION_UNIT：默认每平方公里人数，或每格人数）。0 级为单元的其余部分。完整栅格单元精确计数，边界上的栅格单元按面积比例拆分，因此一个单元各等级人口之和等于该单元总人口。

面积单位为平方米，在米制坐标参考系中量算（输入自身的坐标系合适时使用之，否则在中国使用 CGCS2000 高斯-克吕格投影，其他地区使用 UTM）。不同坐标参考系的输入会被重投影。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/lifeline_exposure.py" line="120" />
            <source>One asset type for every feature (also used where the asset type field is empty): choose one of the fragility library, or (in models and qgis_process) type the id of a type of your own fragility file, e.g. road or water_pipe.</source>
            <translation>所有要素统一的资产类型（资产类型字段为空时也使用此值）：从易损性曲线库中选择，或（在模型和 qgis_process 中）输入您自己的易损性文件中的类型编号，例如 road 或 water_pipe。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="77" />
            <source>Which failures cut people off from hospitals, shelters or fire stations, and which links matter most.

NETWORK: lines (roads by default; any linear network) joined where their end points or shared vertices coincide; an optional COST_FIELD multiplies each line's length (e.g. 2 = twice as slow). Failed links are chosen by the FAILED expression on the network (e.g. "p_fail" &gt;= 0.5 or "max_level" &gt;= 3, from Lifeline exposure) or by a FAILED_LAYER of failed segments (a line fails when half of it lies within 1 m of them).

DEMAND: a population raster (POPULATION_UNIT: persons per km², the default, or per cell; one demand point per cell centre) or points / polygons with a POPULATION_FIELD (empty: 1 person each). DESTINATIONS: one or more layers (polygons count at a point inside them). Demand and destinations are snapped to the nearest street within MAX_SNAP metres; a point mid-street loses its access when its own street fails, one at a junction (within 0.5 m) keeps it while any street there is open. Distances are network metres (times the cost factor) including both snap distances.

OUTPUT_DEMAND: every demand point with persons, dist_before_m, dist_after_m, isolated (a destination was reachable before the failures, none after) and detour_ratio (after / before). OUTPUT_TABLE per unit (UNITS + UNIT_ID_FIELD, optional): persons, isolated_persons and detour_persons (trip longer by more than DETOUR_LIMIT, a fraction: 0.5 = 50 %).

OUTPUT_LINKS: every network line with its attributes and its single-link criticality on the intact network: isolated_persons (persons who lose all access if that line alone fails; from the bridges and 2-edge-connected components of the graph, without a shortest-path run per line), detour_persons (only lines on somebody's shortest path can lengthen a trip; for them the affected part is re-solved locally; MAX_DETOUR_LINKS limits how many, the most used first, 0 = all; others stay empty), load_persons (persons whose shortest path uses the line), rank (1 = most critical: isolated, then detour, then load), failed (in the scenario) and bridge.</source>
            <translation>哪些失效会使人们无法到达医院、避难场所或消防站，以及哪些路段最为关键。

NETWORK：线（默认道路；任何线状网络均可），在端点或共享顶点重合处连接；可选的 COST_FIELD 乘以每条线的长度（如 2 = 慢一倍）。失效路段由网络上的 FAILED 表达式选出（如 "p_fail" &gt;= 0.5 或 "max_level" &gt;= 3，来自“生命线暴露与易损性”），或由失效路段图层 FAILED_LAYER 给出（一条线有一半位于其 1 米范围内即视为失效）。

DEMAND：人口栅格（POPULATION_UNIT：默认每平方公里人数，或每像元人数；每个像元中心一个需求点），或带 POPULATION_FIELD 的点/面（留空：每个 1 人）。DESTINATIONS：一个或多个图层（面按其内部一点计）。需求点和目的地吸附到 MAX_SNAP 米内最近的街道；位于街道中段的点在其所在街道失效时失去通达，位于路口（0.5 米以内）的点只要该路口仍有一条街道通行就不受影响。距离为网络米数（乘以成本系数），包括两端的吸附距离。

OUTPUT_DEMAND：每个需求点及其 persons、dist_before_m、dist_after_m、isolated（失效前可到达目的地，失效后无法到达）和 detour_ratio（失效后/失效前）。OUTPUT_TABLE 按单元（UNITS + UNIT_ID_FIELD，可选）：persons、isolated_persons 和 detour_persons（行程增加超过 DETOUR_LIMIT，为比例：0.5 = 50 %）。

OUTPUT_LINKS：每条网络线保留原属性，并给出在完好网络上的单路段关键性：isolated_persons（仅该线失效时完全失去通达的人数；由图的桥和 2-边连通分量求得，无需对每条线重算最短路径）、detour_persons（只有位于某人最短路径上的线才会使行程变长；对这些线在受影响部分局部重算；MAX_DETOUR_LINKS 限制重算数量，按使用人数从多到少，0 = 全部；其余为空）、load_persons（最短路径经过该线的人数）、rank（1 = 最关键：先按孤立人数，再按绕行人数，再按负载）、failed（情景中是否失效）和 bridge（是否为桥）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/network_criticality.py" line="274" />
            <source>{n} demand point(s) or destination(s) stand at a junction: they keep their access while any street of that junction is open.</source>
            <translation>{n} 个需求点或目的地位于路口：只要该路口任一条道路畅通，它们就不会失去可达性。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="278" />
            <source>Recovery of lifeline service</source>
            <translation>生命线服务恢复（可恢复性）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="78" />
            <source>How many days until people have power, water, telecom and road access again after a disaster, with the crews you have (可恢复性): a repair schedule and the recovery curve of persons with service over the days.

The assets and the dependency table are those of Cascading failures across lifelines (ASSETS, CLASS_FIELD, ID_FIELD, POPULATION_FIELD, DEPENDENCIES). Each asset's damage state comes from DAMAGE_FIELD (none, slight, moderate, extensive, complete or 0-4); its repair time from REPAIR_DAYS_FIELD where filled, otherwise from the restoration functions (resources/standards/restoration.json or your RESTORATION_FILE: per class and damage state days to 50 % / 100 % functionality, or a Hazus normal curve, repaired after mean + 2 sd days; sources and verified flags are listed in the log; the default values are unverified).

Schedule: each system has its crews (CREWS, e.g. power:3, water:2; others DEFAULT_CREWS; 0 = unlimited, every asset repaired at once, the Hazus view). Jobs are taken in the order of PRIORITY_FIELD (higher first, when given), then greedily by the persons the asset serves (those who lose a system when it alone fails) per crew-day of repair, each by the first free crew of its system; the order is set once. Dependencies are respected: an asset serves from the day its repair ends and all its suppliers serve (a pump is useless until its substation is back). Assets without a restoration function are never repaired (a warning lists them).

OUTPUT_SCHEDULE: damaged assets with repair_days, priority, persons_served, crew, start_day, finish_day and service_day. OUTPUT_CURVE: per unit (UNITS, and 'all') and system, for each day persons, persons_served and share_served. OUTPUT_SUMMARY: days until 50 %, 90 % and 100 % of the persons have service (empty: never). CHART: the city's recovery curves as a PNG (needs matplotlib; without it the chart is skipped with a warning).</source>
            <translation>灾后在现有抢修队伍条件下，需要多少天人们才能重新获得供电、供水、通信和道路通行（可恢复性）：抢修排程及有服务人口随天数变化的恢复曲线。

资产和依赖关系表与“生命线级联失效”相同（ASSETS、CLASS_FIELD、ID_FIELD、POPULATION_FIELD、DEPENDENCIES）。每个资产的破坏状态来自 DAMAGE_FIELD（none、slight、moderate、extensive、complete 或 0-4）；修复时间在 REPAIR_DAYS_FIELD 有值时取该值，否则取恢复函数（resources/standards/restoration.json 或您的 RESTORATION_FILE：按类别和破坏状态给出恢复到 50 % / 100 % 功能的天数，或 Hazus 正态曲线，按均值 + 2 倍标准差天数修复；来源和核实标记列于日志；默认值未经核实）。

排程：每个系统有自己的抢修队（CREWS，如 power:3, water:2；其他系统为 DEFAULT_CREWS；0 = 不限，所有资产同时修复，即 Hazus 的视角）。任务先按 PRIORITY_FIELD（给出时，数值高者优先），再按该资产服务的人数（它单独失效时失去某一系统服务的人）除以修复所需队伍日数贪心排序，由本系统最先空闲的队伍承担；排序只计算一次。依赖关系得到遵守：资产在自身修复完成且其所有供给方恢复服务后才恢复服务（泵站在其变电站恢复前无用）。没有恢复函数的资产永不修复（警告中列出）。

OUTPUT_SCHEDULE：受损资产及 repair_days、priority、persons_served、crew、start_day、finish_day 和 service_day。OUTPUT_CURVE：按单元（UNITS 及 'all'）和系统，逐日的 persons、persons_served 和 share_served。OUTPUT_SUMMARY：50 %、90 % 和 100 % 人口恢复服务所需的天数（为空：永不恢复）。CHART：全区恢复曲线的 PNG 图（需要 matplotlib；没有时跳过并给出警告）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="101" />
            <source>Damage state field</source>
            <translation>破坏状态字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="102" />
            <source>Damage state of each asset: none, slight, moderate, extensive, complete or 0-4. Layers without it are undamaged.</source>
            <translation>每个资产的破坏状态：none、slight、moderate、extensive、complete 或 0-4。没有该字段的图层视为未受损。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="104" />
            <source>Repair days field</source>
            <translation>修复天数字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="105" />
            <source>Crew-days to repair an asset, where you know them better than the restoration functions.</source>
            <translation>修复一个资产所需的队伍日数，用于您比恢复函数更了解的情况。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="107" />
            <source>Priority field</source>
            <translation>优先级字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="108" />
            <source>Higher values are repaired first (e.g. 2 for hospital feeders); ties and empty values follow persons per crew-day.</source>
            <translation>数值高者先修（如医院供电线路取 2）；相同值和空值按每队伍日服务人数排序。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="110" />
            <source>Restoration functions (JSON)</source>
            <translation>恢复函数（JSON）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="111" />
            <source>Your restoration functions (same structure as resources/standards/restoration.json); its classes replace the defaults.</source>
            <translation>您的恢复函数（结构同 resources/standards/restoration.json）；其中的类别替换默认值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="113" />
            <source>Crews per system</source>
            <translation>各系统抢修队数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="114" />
            <source>Repair crews per system, e.g. power:3, water:2, telecom:1, roads:4. 0 = unlimited.</source>
            <translation>各系统的抢修队数，如 power:3, water:2, telecom:1, roads:4。0 = 不限。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="116" />
            <source>Crews of the other systems</source>
            <translation>其他系统的抢修队数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="117" />
            <source>Crews of every system not listed in CREWS. 0 = unlimited.</source>
            <translation>未在 CREWS 中列出的各系统的抢修队数。0 = 不限。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="119" />
            <source>Polygons (districts, sub-districts) for the recovery curves per unit.</source>
            <translation>用于按单元统计恢复曲线的面（区、街道）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="119" />
            <source>Field naming each unit in the tables. Empty: the feature id.</source>
            <translation>表中各单元的名称字段。为空：使用要素编号。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="121" />
            <source>Repair schedule</source>
            <translation>抢修排程</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="122" />
            <source>Recovery curves</source>
            <translation>恢复曲线</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="123" />
            <source>Days to restore service</source>
            <translation>恢复服务所需天数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="124" />
            <source>Recovery chart</source>
            <translation>恢复曲线图</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="124" />
            <source>PNG image (*.png)</source>
            <translation>PNG 图像 (*.png)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="126" />
            <source>The recovery curves of the whole area as a PNG image.</source>
            <translation>全区恢复曲线的 PNG 图像。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="136" />
            <source>CREWS: cannot read '{part}'. Write system:number pairs such as power:3, water:2 (systems: {known}).</source>
            <translation>CREWS：无法读取“{part}”。请写成 系统:数量 的形式，如 power:3, water:2（系统：{known}）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="152" />
            <source>The damage state field '{field}' holds values that are not none, slight, moderate, extensive, complete or 0-4: {values}.</source>
            <translation>破坏状态字段“{field}”中有不是 none、slight、moderate、extensive、complete 或 0-4 的值：{values}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="158" />
            <source>{n} damaged demand feature(s) (people, hospitals, shelters) are not lifeline assets: their damage is not scheduled.</source>
            <translation>{n} 个受损的需求要素（人口、医院、避难场所）不是生命线资产：不安排其修复。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="166" />
            <source>No restoration function for {pairs}: these assets are never repaired and their users never get service back.</source>
            <translation>{pairs} 没有恢复函数：这些资产永不修复，其用户也永不恢复服务。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="171" />
            <source>Restoration {cls} ({flag}): {source}</source>
            <translation>恢复函数 {cls}（{flag}）：{source}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="174" />
            <source>{n} damaged asset(s) to repair.</source>
            <translation>需修复的受损资产 {n} 个。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="197" />
            <source>Service returns only after {days:.0f} days; the curves stop at {cap} days.</source>
            <translation>服务要到 {days:.0f} 天后才恢复；曲线在第 {cap} 天截止。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="218" />
            <source>matplotlib is not available in this QGIS Python: the recovery chart was not drawn (the tables hold the curves).</source>
            <translation>此 QGIS 的 Python 中没有 matplotlib：未绘制恢复曲线图（表格中含有曲线数据）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="231" />
            <source>{p:.0f} persons never get {system} back (a supplier is unrepairable or out of reach).</source>
            <translation>{p:.0f} 人永远无法恢复 {system}（某个供给方无法修复或不在范围内）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="253" />
            <source>Could not create the output table {name}.</source>
            <translation>无法创建输出表 {name}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="276" />
            <source>Days after the disaster</source>
            <translation>灾后天数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/restoration.py" line="277" />
            <source>Persons with service (%)</source>
            <translation>有服务人口（%）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="88" />
            <source>Who can walk to a shelter (or any facility) in time, and where the people go when shelters are full.

Walking distance is measured on the ROADS network in metres: the straight-line distance from a demand point to the nearest passable street + along the streets + the facility's distance to its street. Streets join where their end points or shared vertices coincide (SNAP_TOLERANCE_M); streets that merely cross (bridges, tunnels) do not connect. Road classes in EXCLUDE_CLASSES (ROAD_CLASS_FIELD) are not walkable. One multi-source Dijkstra (scipy.sparse.csgraph) serves all facilities.

The walking limit is MAX_DISTANCE_M if set, otherwise MAX_MINUTES at WALK_KMH (10 min at 4 km/h = 667 m). Points farther than MAX_SNAP_M from every passable street are not connected (reported in the log). With HAZARD (zones with a level field, e.g. from Classify hazard) streets touching zones at or above BLOCK_LEVEL are impassable and facilities inside them are out of service.

DEMAND: a population raster (POPULATION_UNIT: persons per km², the default, or per cell) or points / polygons with POPULATION_FIELD.
MODE 0: everyone goes to the nearest reachable facility; covered = within the limit.
MODE 1: capacitated: each facility (CAPACITY_FIELD, persons) takes the nearest people until full; the others go to the nearest facility with room within the limit, or stay unserved; covered = all persons of the point placed, walk_m = the walk to the facility that took them.
MODE 2: site selection: choose up to MAX_NEW of CANDIDATES to cover the most people (greedy plus swaps), stopping at TARGET_COVERAGE percent; the log reports the LP upper bound.

Outputs: OUTPUT_DEMAND with facility_id, walk_m, walk_min, covered, persons, persons_assigned, persons_unserved; OUTPUT_FACILITIES with facility_id, capacity, in_service, is_new, snap_m, assigned_persons, load_ratio (assigned / capacity) and reachable_persons (persons within the limit of that facility); OUTPUT_TABLE per UNITS polygon with unit_id, population, covered, coverage_pct, capacity (of the facilities inside) and deficit = max(0, population - capacity); OUTPUT_AREAS: walking service area of each facility (street parts it serves within the limit, buffered by AREA_BUFFER_M).</source>
            <translation>计算谁能按时步行到达避难场所（或其他设施），以及场所满员时人员去向。

步行距离在 ROADS 路网上以米计：需求点到最近可通行道路的直线距离 + 沿道路距离 + 设施到其道路的距离。道路在端点或共享节点重合处（SNAP_TOLERANCE_M 容差内）相连；仅交叉而不共点的道路（桥梁、隧道）不相连。EXCLUDE_CLASSES（ROAD_CLASS_FIELD）中的道路等级不可步行。一次多源 Dijkstra（scipy.sparse.csgraph）计算全部设施。

步行上限：设置了 MAX_DISTANCE_M 时取该值，否则为 MAX_MINUTES 分钟以 WALK_KMH 速度行走的距离（4 公里/小时 10 分钟 = 667 米）。距所有可通行道路超过 MAX_SNAP_M 的点不接入路网（写入日志）。提供 HAZARD（带等级字段的灾害区，如“灾害分级”的输出）时，与 BLOCK_LEVEL 及以上灾害区相交的道路不可通行，位于其中的设施停用。

DEMAND：人口栅格（POPULATION_UNIT：每平方公里人数（默认）或每格人数），或带 POPULATION_FIELD 的点 / 面。
MODE 0：每人前往最近的可达设施；在上限内即为覆盖。
MODE 1：容量约束：每个设施（CAPACITY_FIELD，人）按距离由近到远接收人员直至满员；其余人员前往上限内最近的尚有余量的设施，否则为未服务；covered 表示该点人员全部得到安置，walk_m 为到接收其人员的设施的步行距离。
MODE 2：选址：从 CANDIDATES 中选择至多 MAX_NEW 处以覆盖最多人口（贪心加交换改进），覆盖率达到 TARGET_COVERAGE 百分比即停止；日志给出线性规划上界。

输出：OUTPUT_DEMAND，字段 facility_id、walk_m、walk_min、covered、persons、persons_assigned、persons_unserved；OUTPUT_FACILITIES，字段 facility_id、capacity、in_service、is_new、snap_m、assigned_persons、load_ratio（分配人数 / 容量）和 reachable_persons（该设施步行上限内的人数）；OUTPUT_TABLE，按 UNITS 面统计 unit_id、population、covered、coverage_pct、capacity（单元内设施容量）和 deficit = max(0, population - capacity)；OUTPUT_AREAS：各设施的步行服务区（其在上限内服务的道路段，按 AREA_BUFFER_M 缓冲）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="163" />
            <source>MODE 0: everyone goes to the nearest reachable facility. MODE 1: facilities take people up to their capacity. MODE 2: choose new sites among CANDIDATES.</source>
            <translation>MODE 0：每个人去最近的可达设施。MODE 1：各设施按容量接收人口。MODE 2：从 CANDIDATES 中选择新场址。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="167" />
            <source>Candidate sites (site selection)</source>
            <translation>候选场址（选址）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="169" />
            <source>Candidate capacity field (site selection)</source>
            <translation>候选场址容量字段（选址）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="172" />
            <source>Maximum new sites (site selection)</source>
            <translation>最多新增场址数（选址）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="174" />
            <source>Target coverage (%) (site selection)</source>
            <translation>目标覆盖率（%）（选址）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="63" />
            <source>Power lines from their towers</source>
            <translation>杆塔易损性与线路失效</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="66" />
            <source>Which power lines a typhoon, flood or earthquake is likely to bring down, from the towers or poles that carry them (the weak links).

Each tower's failure probability p comes from its fragility curve (resources/standards/fragility.json, or your FRAGILITY_FILE merged on top) at the intensity of the raster cell it stands on: typhoon wind in m/s, flood depth in m, PGA in g... (INTENSITY_MEASURE). Tower types come from TOWER_TYPE_FIELD or TOWER_TYPE (default transmission_tower; distribution_pole for poles). The default wind curves are the NREL erad tool defaults (tower 55 m/s, pole 45 m/s, beta 0.4; not peer reviewed).

Towers are matched to the lines they carry by a line id (TOWER_LINE_FIELD on the towers, several ids separated by commas, and LINE_ID_FIELD on the lines) or, without those, by distance: every tower within TOLERANCE metres of a line carries it. A line fails when any of its towers fails: P_line = 1 - (1 - p_conductor) x product of (1 - p_i). This assumes the towers (and the conductor) fail independently; towers hit by the same storm are in truth positively correlated, so P_line is an upper bound for the given tower probabilities, while the expected number of failed towers (the sum of p_i) is exact. With CONDUCTOR_TYPE (e.g. overhead_line) the conductor's own curve is applied at the largest intensity along the line. Towers off the raster or on nodata cells count as not failing and are counted in n_towers_no_data (and a warning).

OUTPUT (weak links): every line with its attributes plus n_towers, n_towers_no_data, expected_failed_towers, p_towers, max_intensity, p_conductor, p_line, weakest_tower (feature id of the tower with the highest p) and weakest_p. OUTPUT_TOWERS: every tower with tower_type, intensity, p_fail and n_lines (0: carries no line). OUTPUT_TABLE: per unit (UNITS + UNIT_ID_FIELD) towers, expected_failed_towers, lines and expected_failed_lines (a line belongs to the unit holding its midpoint).</source>
            <translation>根据承载线路的杆塔，估计台风、洪水或地震可能使哪些电力线路失效（薄弱环节）。

每基杆塔的失效概率 p 由其易损性曲线（resources/standards/fragility.json，或叠加其上的 FRAGILITY_FILE）在其所在栅格单元的强度下求得：台风风速 m/s、淹没水深 m、PGA g……（INTENSITY_MEASURE）。杆塔类型来自 TOWER_TYPE_FIELD 或 TOWER_TYPE（默认 transmission_tower；电杆用 distribution_pole）。默认风易损性曲线为 NREL erad 工具默认值（铁塔 55 m/s，电杆 45 m/s，beta 0.4；未经同行评审）。

杆塔与其承载线路按线路编号匹配（杆塔上的 TOWER_LINE_FIELD，多个编号用逗号分隔，以及线路上的 LINE_ID_FIELD）；未给出时按距离匹配：距线路 TOLERANCE 米以内的杆塔都承载该线路。任一杆塔失效即线路失效：P_line = 1 - (1 - p_conductor) x 各 (1 - p_i) 之积。这假定各杆塔（及导线）相互独立地失效；同一场台风中的杆塔实际上正相关，因此对给定的杆塔概率而言 P_line 是上界，而失效杆塔期望数（p_i 之和）是精确的。给出 CONDUCTOR_TYPE（如 overhead_line）时，导线自身的曲线按沿线最大强度计算。位于栅格外或无数据单元上的杆塔按不失效计，并计入 n_towers_no_data（同时给出警告）。

OUTPUT（薄弱环节）：每条线路及其属性，另加 n_towers、n_towers_no_data、expected_failed_towers、p_towers、max_intensity、p_conductor、p_line、weakest_tower（p 最高的杆塔的要素编号）和 weakest_p。OUTPUT_TOWERS：每基杆塔及 tower_type、intensity、p_fail 和 n_lines（0：未承载线路）。OUTPUT_TABLE：按单元（UNITS + UNIT_ID_FIELD）统计的 towers、expected_failed_towers、lines 和 expected_failed_lines（线路归入其中点所在的单元）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="89" />
            <source>Towers or poles</source>
            <translation>杆塔或电杆</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="90" />
            <source>Transmission towers or distribution poles as points.</source>
            <translation>输电铁塔或配电电杆（点）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="92" />
            <source>Tower type field</source>
            <translation>杆塔类型字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="94" />
            <source>Field holding each tower's type in the fragility library (transmission_tower, distribution_pole...).</source>
            <translation>存放每基杆塔在易损性库中类型的字段（transmission_tower、distribution_pole……）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="96" />
            <source>Tower type for the whole layer</source>
            <translation>整个图层的杆塔类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="97" />
            <source>Type used for every tower (and where the type field is empty). Default transmission_tower.</source>
            <translation>用于所有杆塔（以及类型字段为空处）的类型。默认 transmission_tower。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="99" />
            <source>Power lines</source>
            <translation>电力线路</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="100" />
            <source>The lines the towers carry.</source>
            <translation>杆塔承载的线路。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="102" />
            <source>Line id field</source>
            <translation>线路编号字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="104" />
            <source>Id of each line, matched against the towers' line id field. Empty: towers are matched by distance.</source>
            <translation>每条线路的编号，与杆塔的线路编号字段匹配。为空：按距离匹配杆塔。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="106" />
            <source>Towers' line id field</source>
            <translation>杆塔的线路编号字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="108" />
            <source>Id(s) of the line(s) each tower carries, separated by commas. Empty: matched by distance.</source>
            <translation>每基杆塔承载线路的编号，多个用逗号分隔。为空：按距离匹配。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="110" />
            <source>Matching tolerance (m)</source>
            <translation>匹配容差（米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="111" />
            <source>Towers within this many metres of a line carry it (when no line ids are given). Default 20 m.</source>
            <translation>距线路在此米数以内的杆塔承载该线路（未给出线路编号时）。默认 20 米。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="114" />
            <source>Hazard intensity (typhoon wind, flood depth, PGA...) in the unit of INTENSITY_MEASURE, read at each tower.</source>
            <translation>灾害强度（台风风速、淹没水深、PGA……），单位同 INTENSITY_MEASURE，在每基杆塔处读取。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="122" />
            <source>What the raster holds and in which unit; it chooses the fragility curves. Default: wind speed in m/s.</source>
            <translation>栅格的内容及单位；据此选择易损性曲线。默认：风速（m/s）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="124" />
            <source>Conductor type</source>
            <translation>导线类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="125" />
            <source>Fragility type of the lines themselves (e.g. overhead_line), applied at the largest intensity along each line. Empty: only the towers count.</source>
            <translation>线路本身的易损性类型（如 overhead_line），按每条线路沿线的最大强度计算。为空：只考虑杆塔。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="132" />
            <source>Weak links (lines)</source>
            <translation>薄弱环节（线路）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="133" />
            <source>Tower failure probabilities</source>
            <translation>杆塔失效概率</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="134" />
            <source>Line failure by unit</source>
            <translation>按单元统计的线路失效</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="140" />
            <source>The towers or the lines layer could not be loaded.</source>
            <translation>无法加载杆塔或线路图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="144" />
            <source>Give the TOWER_TYPE_FIELD or one TOWER_TYPE (e.g. transmission_tower or distribution_pole).</source>
            <translation>请给出 TOWER_TYPE_FIELD 或一个 TOWER_TYPE（如 transmission_tower 或 distribution_pole）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="148" />
            <source>Give both LINE_ID_FIELD (on the lines) and TOWER_LINE_FIELD (on the towers), or neither to match by distance.</source>
            <translation>请同时给出 LINE_ID_FIELD（线路上）和 TOWER_LINE_FIELD（杆塔上），或两者都不给以按距离匹配。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="163" />
            <source>towers</source>
            <translation>杆塔</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="165" />
            <source>power lines</source>
            <translation>电力线路</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="167" />
            <source>The towers and the lines layers both need features with geometry.</source>
            <translation>杆塔图层和线路图层都需要有几何的要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="178" />
            <source>The fragility library has no curve for the conductor type '{name}' under {measure}.</source>
            <translation>易损性库中没有导线类型“{name}”在 {measure} 下的曲线。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="190" />
            <source>{n} line id(s) on the towers name no line: {ids}.</source>
            <translation>杆塔上的 {n} 个线路编号找不到对应线路：{ids}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="222" />
            <source>Some towers have no type: fill TOWER_TYPE_FIELD or give a TOWER_TYPE for them.</source>
            <translation>部分杆塔没有类型：请填写 TOWER_TYPE_FIELD，或为它们给出 TOWER_TYPE。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="229" />
            <source>{n} tower(s) are off the intensity raster or on nodata cells: they count as not failing (n_towers_no_data on their lines).</source>
            <translation>{n} 基杆塔位于强度栅格之外或无数据单元上：按不失效计（计入其线路的 n_towers_no_data）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="232" />
            <source>{n} tower(s) carry no line (n_lines = 0): check TOLERANCE or the line ids.</source>
            <translation>{n} 基杆塔未承载任何线路（n_lines = 0）：请检查 TOLERANCE 或线路编号。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="235" />
            <source>{n} line(s) have no tower matched: their p_line comes from the conductor only (0 without CONDUCTOR_TYPE).</source>
            <translation>{n} 条线路没有匹配到杆塔：其 p_line 仅来自导线（未给 CONDUCTOR_TYPE 时为 0）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/tower_failure.py" line="240" />
            <source>Expected failed towers: {t:.2f}; expected failed lines: {n:.2f} of {total}.</source>
            <translation>失效杆塔期望数：{t:.2f}；失效线路期望数：{n:.2f}（共 {total} 条）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="37" />
            <source>Lifeline and demand layers</source>
            <translation>生命线与需求图层</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="38" />
            <source>Substations, lines, plants, pump stations, pipes, telecom sites, roads, people, hospitals, shelters...</source>
            <translation>变电站、线路、水厂、泵站、管道、通信基站、道路、人口、医院、避难场所……</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="41" />
            <source>Field holding each asset's class of the dependency table (substation, pump_station, people...). A layer without it: its name is the class.</source>
            <translation>存放每个资产在依赖关系表中类别的字段（substation、pump_station、people……）。图层没有该字段时：以图层名为类别。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="43" />
            <source>Id field</source>
            <translation>编号字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="44" />
            <source>Field holding unique asset ids (used by FAILED_IDS and by 'field' rules). A layer without it: layer name:feature id.</source>
            <translation>存放唯一资产编号的字段（供 FAILED_IDS 和 'field' 规则使用）。图层没有该字段时：图层名:要素编号。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="47" />
            <source>Persons per demand feature; layers without it count no persons.</source>
            <translation>每个需求要素的人数；没有该字段的图层不计人数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="49" />
            <source>Dependency table (JSON)</source>
            <translation>依赖关系表（JSON）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="50" />
            <source>Your dependency rules (same structure as resources/standards/dependencies.json). Empty: the example table.</source>
            <translation>您的依赖规则（结构同 resources/standards/dependencies.json）。为空：使用示例表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="59" />
            <source>Give at least one layer in ASSETS.</source>
            <translation>请在 ASSETS 中至少给出一个图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="62" />
            <source>ASSETS must be vector layers; '{name}' is not.</source>
            <translation>ASSETS 必须是矢量图层；“{name}”不是。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="82" />
            <source>Layer '{layer}': the classes {names} are not in the dependency table. Known classes: {known}. Fill CLASS_FIELD or name the layer after its class.</source>
            <translation>图层“{layer}”：类别 {names} 不在依赖关系表中。已知类别：{known}。请填写 CLASS_FIELD，或以类别命名图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="90" />
            <source>ASSETS: the layer '{layer}' has no point, line or polygon geometry.</source>
            <translation>ASSETS：图层“{layer}”没有点、线或面几何。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/assets.py" line="97" />
            <source>Asset ids must be unique across the layers; repeated: {ids}.</source>
            <translation>各图层间的资产编号必须唯一；重复的：{ids}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="49" />
            <source>{step}. {group}</source>
            <translation>{step}. {group}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="195" />
            <source>The outputs this run had begun to write were removed: {paths}.</source>
            <translation>本次运行已开始写入的输出已被删除：{paths}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="245" />
            <source>points</source>
            <translation>点</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="245" />
            <source>lines</source>
            <translation>线</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="245" />
            <source>polygons</source>
            <translation>面</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="260" />
            <source>The layer '{layer}' has no field '{field}' (set in {param}). Choose one of its fields: {available}.</source>
            <translation>图层“{layer}”没有字段“{field}”（在{param}中设置）。请从其字段中选择：{available}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="276" />
            <source>{param} must contain polygons (zones or units), but '{layer}' holds {kind}: choose a polygon layer.</source>
            <translation>{param}必须是面要素（分区或单元），但“{layer}”中是{kind}要素：请选择面图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="278" />
            <source>{param} must contain {wanted}, but '{layer}' holds {kind}: choose another layer.</source>
            <translation>{param}必须是{wanted}要素，但“{layer}”中是{kind}要素：请换用其他图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="278" />
            <source> or </source>
            <translation>或</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="283" />
            <source>The layer '{layer}' ({param}) has no valid coordinate reference system: set its CRS first (Layer Properties &gt; Source), or assign one with Processing &gt; Vector general &gt; Assign projection.</source>
            <translation>图层“{layer}”（{param}）没有有效的坐标参照系：请先设置其坐标参照系（图层属性 &gt; 源），或用 处理 &gt; 矢量通用 &gt; 指定投影 为其指定。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="308" />
            <source>The population raster '{layer}' holds no data (every cell is nodata): it counts 0 persons. Check its nodata value.</source>
            <translation>人口栅格“{layer}”没有数据（所有像元均为无数据值）：人口计为 0。请检查其无数据值设置。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="311" />
            <source>The raster '{layer}' ({param}) holds no data: every cell is nodata. Check its nodata value, or give another raster.</source>
            <translation>栅格“{layer}”（{param}）没有数据：所有像元均为无数据值。请检查其无数据值设置，或换用其他栅格。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="345" />
            <source>Cannot write the output '{output}' to {path}: the folder {folder} does not exist. Choose an existing folder, or create it first.</source>
            <translation>无法将输出“{output}”写入 {path}：文件夹 {folder} 不存在。请选择已有的文件夹，或先创建该文件夹。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="348" />
            <source>Cannot write the output '{output}' to {path}: the folder {folder} is not writable. Choose a folder you can write to, or save to a temporary layer.</source>
            <translation>无法将输出“{output}”写入 {path}：文件夹 {folder} 不可写。请选择有写入权限的文件夹，或保存为临时图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="351" />
            <source>Cannot write the output '{output}' to {path}: that is a folder. Give a file name.</source>
            <translation>无法将输出“{output}”写入 {path}：这是一个文件夹。请给出文件名。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="359" />
            <source>Cannot write the output '{output}' to {path}: '.{ext}' is not a format this output can be saved in. Use one of: {formats}.</source>
            <translation>无法将输出“{output}”写入 {path}：该输出不能保存为“.{ext}”格式。请使用以下格式之一：{formats}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="428" />
            <source>What the population raster's cells hold. Persons per km² (the default, as in the sample raster): each cell counts its density x its true (geodesic) area. Persons per cell: each cell counts its value. The log states the persons read and warns when the numbers look like the other unit.</source>
            <translation>人口栅格像元中存放的内容。每平方公里人数（默认，示例栅格即为此单位）：每个像元的人数 = 密度 × 该像元的真实（椭球面）面积。每格人数：每个像元按其数值计数。日志会给出读取的总人数，并在数值看起来属于另一种单位时发出警告。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="433" />
            <source>Old name, kept for models and scripts: 0 persons per cell, 1 persons per km². Use POPULATION_UNIT.</source>
            <translation>旧参数名，为兼容模型和脚本而保留：0 为每格人数，1 为每平方公里人数。请改用 POPULATION_UNIT。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/base.py" line="435" />
            <source>Old name, kept for models and scripts: True persons per km², False persons per cell. Use POPULATION_UNIT.</source>
            <translation>旧参数名，为兼容模型和脚本而保留：True 为每平方公里人数，False 为每格人数。请改用 POPULATION_UNIT。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/help.py" line="55" />
            <source>{label}: {option}</source>
            <translation>{label}：{option}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/help.py" line="58" />
            <source>“{label}” ({id})</source>
            <translation>“{label}”（{id}）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/crs.py" line="85" />
            <source>The data reach farther than one Gauss–Krüger / UTM zone measures accurately: areas are measured in an Albers equal-area projection fitted to their extent, lengths geodesically on the ellipsoid.</source>
            <translation>数据范围超出单个高斯–克吕格 / UTM 投影带可准确量算的范围：面积在按数据范围拟合的 Albers 等积投影中量算，长度按椭球面测地线量算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/demand.py" line="54" />
            <source>{layer}: {n} feature(s) have a population that is NULL, negative or not a number; counted as 0.</source>
            <translation>{layer}：{n} 个要素的人口为 NULL、负数或非数字，按 0 计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/demand.py" line="79" />
            <source>The {param} layer could not be loaded.</source>
            <translation>无法加载 {param} 图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/demand.py" line="95" />
            <source>{param} must be a population raster or a point / polygon layer; {layer} holds {kind} geometries.</source>
            <translation>{param} 必须是人口栅格或点 / 面图层；{layer} 中是 {kind} 几何。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/raster.py" line="13" />
            <source>The raster {layer} could not be loaded.</source>
            <translation>无法加载栅格 {layer}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/raster.py" line="15" />
            <source>Only file-based rasters (GDAL) can be read: save {layer} to a GeoTIFF first.</source>
            <translation>只能读取基于文件的栅格（GDAL）：请先将 {layer} 另存为 GeoTIFF。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/raster.py" line="31" />
            <source>Population raster {layer} read as {unit}: {persons:.0f} persons in {cells} populated cell(s).</source>
            <translation>人口栅格 {layer} 按{unit}读取：{cells} 个有人口的像元共 {persons:.0f} 人。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/raster.py" line="39" />
            <source>Read as persons per cell, the densest cell of {layer} holds {density:.0f} persons per km² (more than 100 000): the raster probably holds persons per km². If so, set the population raster unit (POPULATION_UNIT) to persons per km².</source>
            <translation>按每格人数读取时，{layer} 中最密集的像元达到每平方公里 {density:.0f} 人（超过 100 000）：该栅格很可能存放的是每平方公里人数。若是如此，请将人口栅格单位（POPULATION_UNIT）设为每平方公里人数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/qgis_io/raster.py" line="47" />
            <source>Read as persons per km², the densest cell of {layer} holds {density:.0f} persons per km² (more than 100 000): the raster probably holds persons per cell. If so, set the population raster unit (POPULATION_UNIT) to persons per cell.</source>
            <translation>按每平方公里人数读取时，{layer} 中最密集的像元达到每平方公里 {density:.0f} 人（超过 100 000）：该栅格很可能存放的是每格人数。若是如此，请将人口栅格单位（POPULATION_UNIT）设为每格人数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="58" />
            <source>Id</source>
            <translation>编号</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="59" />
            <source>Asset types</source>
            <translation>设施类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="61" />
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="62" />
            <source>Form</source>
            <translation>函数形式</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="63" />
            <source>Medians θ</source>
            <translation>中值 θ</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="64" />
            <source>Dispersions β</source>
            <translation>离散度 β</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="65" />
            <source>Repair rate a</source>
            <translation>维修率系数 a</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="66" />
            <source>Repair rate b</source>
            <translation>维修率指数 b</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="67" />
            <source>Threshold</source>
            <translation>阈值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="68" />
            <source>Damage states</source>
            <translation>破坏状态</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="69" />
            <source>Failure state</source>
            <translation>失效状态</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="56" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="71" />
            <source>Verified (true / false)</source>
            <translation>已核实（true / false）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="161" />
            <source>Select a valid curve</source>
            <translation>请选择一条有效曲线</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="649" />
            <source>Fragility library</source>
            <translation>易损性曲线库</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="200" />
            <source>Add a curve</source>
            <translation>添加曲线</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="202" />
            <source>Remove the curve</source>
            <translation>删除曲线</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="261" />
            <source>{n} curve(s), valid.</source>
            <translation>共 {n} 条曲线，校验通过。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/fragility_editor.py" line="295" />
            <source>Save the fragility library</source>
            <translation>保存易损性曲线库</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="42" />
            <source>The raster {path} cannot be read.</source>
            <translation>无法读取栅格 {path}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/checks.py" line="60" />
            <source>The field '{field}' is not in the layer.</source>
            <translation>图层中没有字段“{field}”。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="100" />
            <source>No values</source>
            <translation>没有数值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="129" />
            <source>Hazard classes</source>
            <translation>灾害分级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="137" />
            <source>Start from a preset…</source>
            <translation>从预设方案开始…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="150" />
            <source>Class breaks</source>
            <translation>分级断点</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="159" />
            <source>Level</source>
            <translation>等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="159" />
            <source>Values</source>
            <translation>取值范围</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="159" />
            <source>Area (km²)</source>
            <translation>面积（平方公里）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="159" />
            <source>Share</source>
            <translation>占比</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/hazard_class_editor.py" line="180" />
            <source>Give at least one class break.</source>
            <translation>请至少给出一个分级断点。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/checks.py" line="21" />
            <source>The layer cannot be read (is the file still there?).</source>
            <translation>无法读取该图层（文件是否仍在？）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/checks.py" line="24" />
            <source>The layer has no coordinate reference system: set it in the layer properties.</source>
            <translation>该图层没有坐标参考系：请在图层属性中设置。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/checks.py" line="26" />
            <source>Coordinates in degrees: lengths and areas are measured in a metric CRS chosen automatically.</source>
            <translation>坐标单位为度：长度和面积将在自动选择的米制坐标系中量算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/checks.py" line="30" />
            <source>A temporary layer: save it to a file first (the steps run in the background).</source>
            <translation>临时图层：请先保存为文件（各步骤在后台运行）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/checks.py" line="38" />
            <source>CRS {crs} differs from the admin units ({ref}); it is reprojected on the fly.</source>
            <translation>坐标系 {crs} 与行政单元（{ref}）不同，将自动重投影。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/checks.py" line="47" />
            <source>The layer has no features.</source>
            <translation>该图层没有要素。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/checks.py" line="49" />
            <source>{n} bands: band 1 is read as the population.</source>
            <translation>共 {n} 个波段：以第 1 波段作为人口。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="56" />
            <source>not run</source>
            <translation>未运行</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="57" />
            <source>up to date</source>
            <translation>已是最新</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="58" />
            <source>out of date</source>
            <translation>需要重新运行</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="59" />
            <source>inputs missing</source>
            <translation>缺少输入</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="60" />
            <source>running…</source>
            <translation>运行中…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="61" />
            <source>queued</source>
            <translation>排队中</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="168" />
            <source>Thresholds</source>
            <translation>阈值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="168" />
            <source>Value map</source>
            <translation>取值对应</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="173" />
            <source>e.g. 0.1,0.5,1.0,2.0 or YES:1;NO:0</source>
            <translation>例如 0.1,0.5,1.0,2.0 或 YES:1;NO:0</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="145" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="177" />
            <source>Classification</source>
            <translation>分级方式</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="180" />
            <source>Classes…</source>
            <translation>分级…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="181" />
            <source>The histogram of the values with the class breaks, and the area per class</source>
            <translation>数值直方图、分级断点及各级面积</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="186" />
            <source>Thresholds / value map</source>
            <translation>阈值 / 取值对应</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="261" />
            <source>Choose the field that holds the hazard value.</source>
            <translation>请选择灾害取值字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="263" />
            <source>Give the thresholds, ascending and separated by commas.</source>
            <translation>请填写阈值，按升序排列，以逗号分隔。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="265" />
            <source>Give the value map, e.g. YES:1;NO:0.</source>
            <translation>请填写取值对应，例如 YES:1;NO:0。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="267" />
            <source>Choose a preset, or classify by thresholds or a value map.</source>
            <translation>请选择预设方案，或按阈值、取值对应分级。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="364" />
            <source>Run</source>
            <translation>运行</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="398" />
            <source>Resilience assessment</source>
            <translation>韧性评估</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="415" />
            <source>Study</source>
            <translation>评估设置</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="416" />
            <source>Steps</source>
            <translation>评估步骤</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="441" />
            <source>Scenario</source>
            <translation>情景</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="446" />
            <source>The name of the scenario (its results go into a group of that name)</source>
            <translation>情景名称（其结果放入同名图层组）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="449" />
            <source>New</source>
            <translation>新建</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="450" />
            <source>Add a hazard scenario</source>
            <translation>新增灾害情景</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="486" />
            <source>e.g. 街道, district</source>
            <translation>例如 街道、区县</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="489" />
            <source>Level name</source>
            <translation>层级名称</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="490" />
            <source>Parent code field</source>
            <translation>上级代码字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="492" />
            <source>Hazards of the scenario</source>
            <translation>本情景的灾害</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="494" />
            <source>Add a hazard layer</source>
            <translation>添加灾害图层</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="500" />
            <source>Maximum level</source>
            <translation>最大等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="514" />
            <source>Overlay method</source>
            <translation>叠加方法</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="515" />
            <source>Weights</source>
            <translation>权重</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="519" />
            <source>Intensity raster for lifelines</source>
            <translation>生命线致灾强度栅格</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="524" />
            <source>Population</source>
            <translation>人口</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="529" />
            <source>Persons per km²</source>
            <translation>每平方公里人数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="531" />
            <source>Population field (points / polygons)</source>
            <translation>人口字段（点 / 面）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="532" />
            <source>Raster values</source>
            <translation>栅格取值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="547" />
            <source>Candidate facilities (平急两用)</source>
            <translation>候选设施（平急两用）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="588" />
            <source>Filter (expression)</source>
            <translation>筛选（表达式）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="609" />
            <source>Empty: the roads are the lifeline network</source>
            <translation>留空：以道路作为生命线网络</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="615" />
            <source>Asset type</source>
            <translation>设施类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="641" />
            <source>The shipped library</source>
            <translation>内置曲线库</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="643" />
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="644" />
            <source>Edit the curves of your fragility library</source>
            <translation>编辑自定义易损性曲线库中的曲线</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="670" />
            <source>Parameters</source>
            <translation>参数</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="687" />
            <source>Walking time limit</source>
            <translation>步行时间限值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="688" />
            <source>Walking speed</source>
            <translation>步行速度</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="689" />
            <source>Streets blocked from hazard level</source>
            <translation>道路阻断起始灾害等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="690" />
            <source>Sites excluded from hazard level</source>
            <translation>场地排除起始灾害等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="697" />
            <source>Maps and tables</source>
            <translation>图件与统计表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="702" />
            <source>Beside the project file</source>
            <translation>与项目文件同目录</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="703" />
            <source>Map title</source>
            <translation>图名</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="704" />
            <source>Map notes</source>
            <translation>图注</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="705" />
            <source>Results folder</source>
            <translation>结果文件夹</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="783" />
            <source>Run all</source>
            <translation>全部运行</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="786" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="794" />
            <source>Export map set</source>
            <translation>输出成套图件</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="796" />
            <source>Export tables…</source>
            <translation>导出统计表…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="798" />
            <source>Export as model…</source>
            <translation>导出为模型…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="804" />
            <source>Language of the plan maps and of the table headers</source>
            <translation>规划图件与统计表表头的语言</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="982" />
            <source>Scenario {n}</source>
            <translation>情景 {n}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="419" />
            <source>Resilience assessment: {name}</source>
            <translation>韧性评估：{name}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1243" />
            <source>Fix the problems shown on the Study tab first.</source>
            <translation>请先解决“评估设置”页中提示的问题。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1266" />
            <source>Running: {step}</source>
            <translation>正在运行：{step}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1277" />
            <source>Finished: {step}</source>
            <translation>已完成：{step}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1283" />
            <source>Stopped: {step}</source>
            <translation>已停止：{step}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1311" />
            <source>Run the steps first: there are no tables yet.</source>
            <translation>请先运行各步骤：尚无统计表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1313" />
            <source>Export tables</source>
            <translation>导出统计表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1330" />
            <source>Could not write {path}: {error}</source>
            <translation>无法写入 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1332" />
            <source>{n} tables written to {path}</source>
            <translation>已将 {n} 张表写入 {path}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1336" />
            <source>Export as model</source>
            <translation>导出为模型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1336" />
            <source>Processing models (*.model3)</source>
            <translation>处理模型 (*.model3)</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1353" />
            <source>Run the steps first: there is nothing to export yet.</source>
            <translation>请先运行各步骤：尚无可导出的内容。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1356" />
            <source>Model written to {path}</source>
            <translation>模型已写入 {path}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1356" />
            <source>Could not write {path}</source>
            <translation>无法写入 {path}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="406" />
            <source>Level {level}</source>
            <translation>{level} 级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="395" />
            <source>{persons} persons, {area} km²</source>
            <translation>{persons} 人，{area} 平方公里</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="406" />
            <source>{buildings} buildings, {persons} persons</source>
            <translation>{buildings} 栋建筑，{persons} 人</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="418" />
            <source>Eligible sites</source>
            <translation>合格场所</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="418" />
            <source>{n} of {total}, capacity {capacity} persons</source>
            <translation>{total} 处中 {n} 处，可容纳 {capacity} 人</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="443" />
            <source>Within the walking limit</source>
            <translation>步行时限内可达</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="443" />
            <source>{pct}% of {persons} persons</source>
            <translation>占 {persons} 人的 {pct}%</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="452" />
            <source>Shelter capacity vs demand</source>
            <translation>避难容量与需求</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="452" />
            <source>{capacity} places for {persons} persons</source>
            <translation>{capacity} 个避难位，需求 {persons} 人</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="281" />
            <source>Failed lifeline length</source>
            <translation>失效生命线长度</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="281" />
            <source>{failed} km of {total} km</source>
            <translation>{total} 公里中 {failed} 公里</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="305" />
            <source>Isolated from hospitals</source>
            <translation>与医院隔绝</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="305" />
            <source>{n} persons</source>
            <translation>{n} 人</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="56" />
            <source>1 Hazards: classify and overlay</source>
            <translation>1 灾害：分级与叠加</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="57" />
            <source>2 Exposure</source>
            <translation>2 承灾体暴露</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="59" />
            <source>3 Dual-use facilities</source>
            <translation>3 平急两用设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="60" />
            <source>4 Coverage and allocation</source>
            <translation>4 覆盖与分配</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="61" />
            <source>5 Lifelines</source>
            <translation>5 生命线</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="62" />
            <source>6 Maps and tables</source>
            <translation>6 图件与统计表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="68" />
            <source>Choose the hazard layers of the scenario.</source>
            <translation>请选择本情景的灾害图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="69" />
            <source>Choose the buildings or the roads.</source>
            <translation>请选择建筑或道路图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="70" />
            <source>Choose the candidate facilities and their type field.</source>
            <translation>请选择候选设施及其类型字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="71" />
            <source>Choose the population layer.</source>
            <translation>请选择人口图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="72" />
            <source>Choose the roads.</source>
            <translation>请选择道路图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="73" />
            <source>Choose a lifeline layer or the roads.</source>
            <translation>请选择生命线图层或道路图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="82" />
            <source>Hazard zones: {name}</source>
            <translation>灾害分区：{name}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="85" />
            <source>Lifeline exposure and failure</source>
            <translation>生命线暴露与失效</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="86" />
            <source>Lifeline length per unit and level</source>
            <translation>各单元各等级生命线长度</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="94" />
            <source>Area and population per unit and hazard level</source>
            <translation>各单元各灾害等级面积与人口</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="95" />
            <source>Buildings by hazard level</source>
            <translation>建筑灾害等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="96" />
            <source>Buildings and population per unit and level</source>
            <translation>各单元各等级建筑与人口</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="97" />
            <source>Roads by hazard level</source>
            <translation>道路灾害等级</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="98" />
            <source>Road length per unit, class and level</source>
            <translation>各单元各类各等级道路长度</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="101" />
            <source>Population within walking reach</source>
            <translation>步行可达人口</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="102" />
            <source>Shelter load</source>
            <translation>避难场所负荷</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="103" />
            <source>Shelter coverage per unit</source>
            <translation>各单元避难覆盖</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="120" />
            <source>Hospital access of the population</source>
            <translation>人口医院可达性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="121" />
            <source>Persons isolated from hospitals per unit</source>
            <translation>各单元与医院隔绝人口</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="122" />
            <source>Road criticality</source>
            <translation>道路关键性</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="254" />
            <source>Run these steps first: {steps}</source>
            <translation>请先运行以下步骤：{steps}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="260" />
            <source>Layer '{name}' is a temporary layer: save it to a file first.</source>
            <translation>图层“{name}”是临时图层：请先保存为文件。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="299" />
            <source>A layer of the study is no longer in the project; choose it again.</source>
            <translation>评估所用的某个图层已不在项目中，请重新选择。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="161" />
            <source>Resilience assessment panel…</source>
            <translation>韧性评估面板…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/plugin.py" line="163" />
            <source>The guided assessment: study, steps in planning order, key numbers, maps and tables</source>
            <translation>引导式评估：评估设置、按规划顺序的步骤、关键指标、图件与统计表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="277" />
            <source>{n} exposure features: read and counted in batches of {batch}.</source>
            <translation>{n} 个承灾体要素：按每批 {batch} 个分批读取和统计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/exposure_summary.py" line="278" />
            <source>Reading the exposure features and intersecting with the hazard</source>
            <translation>正在读取承灾体要素并与灾害叠加</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="159" />
            <source>{n} unit(s) of the level '{level}' of {layer} have no id: fill the id field or choose another one.</source>
            <translation>{layer} 的“{level}”级中有 {n} 个单元没有编号：请填写编号字段或另选字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="163" />
            <source>The id '{value}' appears more than once in the level '{level}' of {layer}: choose a field with one value per unit.</source>
            <translation>编号“{value}”在 {layer} 的“{level}”级中出现多次：请选择每个单元取值唯一的字段。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/hierarchy.py" line="186" />
            <source>Unit '{unit}' of the level '{level}' of {layer} lies in no unit of the coarser level '{coarse}' ({n} unit(s) in all): the coarser layers must cover the finer ones.</source>
            <translation>{layer} 的“{level}”级单元“{unit}”不在上一级“{coarse}”的任何单元内（共 {n} 个单元）：上级图层必须覆盖下级单元。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="68" />
            <source>The typology file must hold a JSON object with a 'types' object, like resources/standards/facility_types.json.</source>
            <translation>类型文件须为包含 'types' 对象的 JSON 对象，结构同 resources/standards/facility_types.json。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="93" />
            <source>A facility type has no name (key).</source>
            <translation>有一个设施类型没有名称（键）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="95" />
            <source>Facility type '{type}' must be a JSON object.</source>
            <translation>设施类型“{type}”必须是 JSON 对象。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="98" />
            <source>Facility type '{type}': 'functions' must be a list of {functions}.</source>
            <translation>设施类型“{type}”：'functions' 必须是由 {functions} 组成的列表。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="102" />
            <source>Facility type '{type}': unknown function '{function}'; use {functions}.</source>
            <translation>设施类型“{type}”：未知功能“{function}”；请使用 {functions}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="105" />
            <source>Facility type '{type}': 'indoor' must be true or false.</source>
            <translation>设施类型“{type}”：'indoor' 必须为 true 或 false。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="107" />
            <source>Facility type '{type}': the per-capita area must be a number above 0 (m² per person); got {value}.</source>
            <translation>设施类型“{type}”：人均面积必须是大于 0 的数（平方米/人）；实际为 {value}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="111" />
            <source>Facility type '{type}': the effective-area ratio must be above 0 and at most 1; got {value}.</source>
            <translation>设施类型“{type}”：有效面积比例必须大于 0 且不超过 1；实际为 {value}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="114" />
            <source>Facility type '{type}': 'verified' must be true or false.</source>
            <translation>设施类型“{type}”：'verified' 必须为 true 或 false。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="117" />
            <source>The indoor per-capita area '{name}' must be a number above 0; got {value}.</source>
            <translation>室内人均面积“{name}”必须是大于 0 的数；实际为 {value}。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/core/suitability.py" line="130" />
            <source>Cannot read the typology file {path}: {error}</source>
            <translation>无法读取类型文件 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/editor_wrappers.py" line="56" />
            <source>Choose a JSON file</source>
            <translation>选择 JSON 文件</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/editor_wrappers.py" line="137" />
            <source>Choose the hazard layer (and, for polygons, its value field) first.</source>
            <translation>请先选择灾害图层（面图层还需选择其取值字段）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="45" />
            <source>Type (key)</source>
            <translation>类型（键）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="46" />
            <source>Chinese name</source>
            <translation>中文名称</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="47" />
            <source>English name</source>
            <translation>英文名称</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="48" />
            <source>Aliases</source>
            <translation>别名</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="49" />
            <source>Shelter</source>
            <translation>避难安置</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="50" />
            <source>Isolation</source>
            <translation>隔离</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="51" />
            <source>Medical point</source>
            <translation>医疗应急服务点</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="52" />
            <source>Supply depot</source>
            <translation>物资储备</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="53" />
            <source>Indoor</source>
            <translation>室内</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="54" />
            <source>Per-capita area (m², empty = shelter class)</source>
            <translation>人均面积（平方米，留空 = 按避难场所类别）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="55" />
            <source>Effective-area ratio (empty = parameter)</source>
            <translation>有效面积比例（留空 = 按参数）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="57" />
            <source>Verified</source>
            <translation>已核实</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="87" />
            <source>Dual-use facility typology (平急两用)</source>
            <translation>平急两用设施类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="104" />
            <source>Floor area per isolated person (m²)</source>
            <translation>每名隔离人员的建筑面积（平方米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="105" />
            <source>Floor area per patient at a medical point (m²)</source>
            <translation>医疗应急服务点每名患者的建筑面积（平方米）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="107" />
            <source>Shipped: {iso} / {med} m², verified: {verified} ({note})</source>
            <translation>默认值：{iso} / {med} 平方米，已核实：{verified}（{note}）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="107" />
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="107" />
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="119" />
            <source>Add a type</source>
            <translation>添加类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="121" />
            <source>Remove the type</source>
            <translation>删除该类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="123" />
            <source>Reset to defaults</source>
            <translation>恢复默认值</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="144" />
            <source>{path} could not be read; the defaults are shown.</source>
            <translation>无法读取 {path}；显示的是默认值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="192" />
            <source>A shipped type: uncheck its functions to switch it off.</source>
            <translation>内置类型：取消勾选其功能即可停用。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="218" />
            <source>Shipped types cannot be removed; uncheck their functions instead.</source>
            <translation>内置类型不能删除；请取消勾选其功能。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="242" />
            <source>Facility type '{type}' appears twice.</source>
            <translation>设施类型“{type}”重复出现。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/typology_editor.py" line="267" />
            <source>{n} type(s), valid.</source>
            <translation>{n} 个类型，有效。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="321" />
            <source>e.g. school, clinic, market</source>
            <translation>例如 school、clinic、market</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="324" />
            <source>default</source>
            <translation>默认</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="328" />
            <source>Service name</source>
            <translation>服务名称</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="329" />
            <source>Walking minutes</source>
            <translation>步行时间（分钟）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="453" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="455" />
            <source>Delete this scenario with its results (layers and files)</source>
            <translation>删除该情景及其结果（图层和文件）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="516" />
            <source>Read along the lifelines; a flood-depth raster is also what step 2b's economic loss uses.</source>
            <translation>沿生命线读取；洪水水深栅格同时用于第 2b 步的直接经济损失计算。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="561" />
            <source>The shipped types</source>
            <translation>内置类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="564" />
            <source>Edit the facility types, their emergency functions and per-capita areas</source>
            <translation>编辑设施类型及其应急功能和人均面积</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="569" />
            <source>Facility typology</source>
            <translation>设施类型表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="572" />
            <source>AHP weights…</source>
            <translation>层次分析法权重…</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="573" />
            <source>The criterion weights of the suitability from pairwise comparisons (层次分析法)</source>
            <translation>由两两比较（层次分析法）确定适宜性评价各指标的权重</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="582" />
            <source>Criterion weights</source>
            <translation>指标权重</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="591" />
            <source>Empty: no supply plan</source>
            <translation>留空：不做物资调度</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="595" />
            <source>item=field,… (empty: fields named like the items)</source>
            <translation>物资=字段,…（留空：与物资同名的字段）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="597" />
            <source>Stock fields</source>
            <translation>库存字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="598" />
            <source>Everyday services (15-minute life circle)</source>
            <translation>日常服务设施（15分钟生活圈）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="603" />
            <source>Add a service</source>
            <translation>添加服务设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="622" />
            <source>Add a lifeline layer</source>
            <translation>添加生命线图层</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="626" />
            <source>Power lines and their towers (optional)</source>
            <translation>输电线路及其杆塔（可选）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="631" />
            <source>Tower type</source>
            <translation>杆塔类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="636" />
            <source>Empty: towers within 20 m of a line carry it</source>
            <translation>留空：距线路 20 米以内的杆塔视为承载该线路</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="638" />
            <source>Line id field of the towers</source>
            <translation>杆塔的线路编号字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="694" />
            <source>Evacuate from hazard level</source>
            <translation>需转移的灾害等级（不低于）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="695" />
            <source>Evacuation walking limit</source>
            <translation>转移步行距离上限</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="835" />
            <source>Delete scenario</source>
            <translation>删除情景</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="835" />
            <source>Delete the scenario '{name}' and the layers and files of its results?</source>
            <translation>删除情景“{name}”及其结果的图层和文件？</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="850" />
            <source>Wait for the running steps to finish (or cancel them) first.</source>
            <translation>请等待正在运行的步骤完成（或先取消）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1389" />
            <source>Default weights</source>
            <translation>默认权重</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1418" />
            <source>The default weights of the standards file</source>
            <translation>标准文件中的默认权重</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="257" />
            <source>Supplies: {item}</source>
            <translation>物资：{item}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="257" />
            <source>{delivered} of {need} {unit} delivered, shortfall {shortfall}</source>
            <translation>需求 {need} {unit}，已调运 {delivered}，缺口 {shortfall}</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="267" />
            <source>{pct}% of {persons} persons reach every service</source>
            <translation>{persons} 人中 {pct}% 可步行到达全部服务设施</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="292" />
            <source>{down} of {n} lines likely down (P ≥ 0.5), {towers} of {total} towers expected to fail</source>
            <translation>{n} 条线路中 {down} 条可能中断（P ≥ 0.5），{total} 基杆塔中预计失效 {towers} 基</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="359" />
            <source>{loss} in total, {n} of {total} buildings damaged</source>
            <translation>合计 {loss}，{total} 栋建筑中 {n} 栋受损</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="371" />
            <source>Against the baseline scenario</source>
            <translation>与基准情景相比</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="371" />
            <source>{change:+,.0f} (baseline {base}); units better {better}, worse {worse}</source>
            <translation>{change:+,.0f}（基准 {base}）；改善单元 {better} 个，恶化单元 {worse} 个</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="431" />
            <source>{weights} (CR = {cr})</source>
            <translation>{weights}（CR = {cr}）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="431" />
            <source>inconsistent, revise the matrix</source>
            <translation>一致性不满足，请修改判断矩阵</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="463" />
            <source>Evacuation</source>
            <translation>人口转移安置</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="463" />
            <source>{placed} of {n} persons to move placed, {unplaced} without a place, mean walk {walk} m</source>
            <translation>需转移 {n} 人，已安置 {placed} 人，未安置 {unplaced} 人，平均步行 {walk} 米</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="58" />
            <source>2b Economic loss and scenario comparison</source>
            <translation>2b 直接经济损失与情景对比</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="74" />
            <source>Choose the buildings.</source>
            <translation>请选择建筑图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="75" />
            <source>Give the scenario a flood-depth raster (intensity, flood depth) for the loss.</source>
            <translation>请为该情景指定洪水淹没水深栅格（强度，洪水水深）以计算损失。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="106" />
            <source>Economic loss per unit, level and class</source>
            <translation>按单元、等级和类别的直接经济损失</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="107" />
            <source>Loss against the baseline scenario</source>
            <translation>与基准情景的损失对比</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="108" />
            <source>Loss change map</source>
            <translation>损失变化图</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="117" />
            <source>Power lines: failure from their towers</source>
            <translation>输电线路：按杆塔计算的失效</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="118" />
            <source>Towers: failure probability</source>
            <translation>杆塔：失效概率</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/runner.py" line="119" />
            <source>Tower and line failures per unit</source>
            <translation>各单元杆塔与线路失效</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="64" />
            <source>Optional field holding the id of each unit's parent unit (empty for the top level), instead of admin codes; the units that are nobody's parent are counted, the others are summed from them.</source>
            <translation>可选：存放每个单元上级单元编号的字段（最高一级留空），代替区划代码；只统计不是任何单元上级的单元，其余单元由其下级汇总。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="70" />
            <source>Coarser unit layers (coarse to fine)</source>
            <translation>上级单元图层（由粗到细）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="74" />
            <source>Optional polygon layers of the coarser levels above UNITS, coarsest first (e.g. cities, then districts): each unit belongs to the coarser unit that holds its representative point.</source>
            <translation>可选：UNITS 之上各级的面图层，最粗一级在前（例如先市、后区）：每个单元归入包含其代表点的上级单元。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="80" />
            <source>Id fields of the coarser layers</source>
            <translation>上级图层的编号字段</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="81" />
            <source>The id field of each coarser unit layer, in the same order, separated by commas (one name for all of them if they share it).</source>
            <translation>各上级单元图层的编号字段，顺序相同，用逗号分隔（若各层字段同名，给一个即可）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="86" />
            <source>Level names (coarse to fine)</source>
            <translation>层级名称（由粗到细）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="87" />
            <source>Optional names of the levels for level_name, coarsest first, separated by commas, e.g. 市,区,街道. Empty: 省/市/县/乡/村 for admin codes, the layer names for coarser layers, L0, L1 ... for parent ids.</source>
            <translation>可选：level_name 中各级的名称，最粗一级在前，用逗号分隔，例如 市,区,街道。留空：区划代码用 省/市/县/乡/村，上级图层用图层名，上级编号用 L0、L1 ……</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="119" />
            <source>LEVEL_NAMES gives {n} name(s) for {depth} level(s): give one name per level, coarsest first, separated by commas.</source>
            <translation>LEVEL_NAMES 为 {depth} 个层级给出了 {n} 个名称：请每级给一个名称，最粗一级在前，用逗号分隔。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="136" />
            <source>Give one way to describe the admin levels: UNIT_CODE_FIELD (admin codes), PARENT_FIELD (parent ids) or COARSER_UNITS (coarser layers), not several.</source>
            <translation>请只用一种方式描述行政层级：UNIT_CODE_FIELD（区划代码）、PARENT_FIELD（上级编号）或 COARSER_UNITS（上级图层），不能同时给出多种。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="148" />
            <source>The admin code '{code}' appears more than once in {layer}: every unit needs its own code.</source>
            <translation>区划代码“{code}”在 {layer} 中出现多次：每个单元都需要自己的代码。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="170" />
            <source>COARSER_ID_FIELDS names {n} field(s) for {m} coarser layer(s): give one id field per layer, in the same order (or one for all).</source>
            <translation>COARSER_ID_FIELDS 为 {m} 个上级图层给出了 {n} 个字段：请每个图层给一个编号字段，顺序相同（或给一个供全部使用）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="178" />
            <source>The coarser unit layer '{layer}' must hold polygons.</source>
            <translation>上级单元图层“{layer}”必须是面图层。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="180" />
            <source>The coarser unit layer '{layer}' has no field '{field}' (COARSER_ID_FIELDS).</source>
            <translation>上级单元图层“{layer}”没有字段“{field}”（COARSER_ID_FIELDS）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/admin_levels.py" line="211" />
            <source>Admin levels (行政区划层级): with UNIT_CODE_FIELD (12-digit 统计用区划代码), PARENT_FIELD (parent unit ids) or COARSER_UNITS (coarser unit layers, coarsest first, with COARSER_ID_FIELDS) the table holds every level in one run, with level_name, unit_code and parent_code instead of unit_id: the finest units are computed once and every coarser row is summed from them where the quantity adds (persons, counts, metres, m²); ratios (coverage %, shares) are recomputed from the summed values, not averaged. LEVEL_NAMES names the levels.</source>
            <translation>行政区划层级：给出 UNIT_CODE_FIELD（12 位统计用区划代码）、PARENT_FIELD（上级单元编号）或 COARSER_UNITS（上级单元图层，最粗一级在前，配合 COARSER_ID_FIELDS）时，一次运行即得到所有层级的表，以 level_name、unit_code 和 parent_code 代替 unit_id：只对最细一级单元计算一次，可相加的量（人数、个数、米、平方米）由其逐级求和得到上级各行；比率（覆盖率 %、占比）由求和后的数值重新计算，而不是取平均。LEVEL_NAMES 为各级命名。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="90" />
            <source>Which existing buildings and sites (hotels, schools, stadiums, parks, exhibition halls, warehouses, ...) can serve as shelters, isolation sites, medical points or supply depots in an emergency, how many people they can take, and how suitable they are.

Functions: TYPE_FIELD is matched (case-insensitive, Chinese or English names and aliases) against resources/standards/facility_types.json, or TYPOLOGY_FILE (a JSON in the same schema, e.g. the one the typology editor saves in your QGIS profile) merged on top of it type by type; TYPE_MAP then adds or overrides types, e.g. 'Stadion:shelter|medical;Gudang:supply' (functions: shelter, isolation, medical, supply). A type's own per-capita area and effective-area ratio in the typology replace the class's and EFFECTIVE_RATIO (a non-zero PER_CAPITA_M2 still wins).
Capacity: effective area = AREA_FIELD (m²) or the polygon area x EFFECTIVE_RATIO; floor area = effective area x FLOORS_FIELD (text such as '4-7' counts its first number). capacity_persons = shelter area / per-capita area of the GB 51143 SHELTER_CLASS (indoor types use the floor area); cap_isolation and cap_medical divide the floor area by the per-capita floor areas of the standards file; supply_area_m2 is the floor area. Default per-capita and minimum areas are editable and marked unverified where they are.
Hard constraints (eligible = false, with the reasons in Chinese / English): inside a HAZARD zone of level &gt;= EXCLUDE_LEVEL; closer than SOURCE_BUFFER_M to HAZARD_SOURCES; shelter area below the class minimum; a type without an emergency function.
Criteria scored 0-1: safety (1 - level / EXCLUDE_LEVEL, times the distance to the nearest zone of a higher level over 500 m), access (network distance to the nearest MAIN_ROAD_CLASSES road, 0 at 1000 m), capacity (relative to the largest), population within WALK_LIMIT_M on the network (relative), hospitals (0 at 3 km) and lifelines such as substations or water plants (0 at 2 km). Criteria whose layers are missing are dropped and the weights renormalised (logged).
WEIGHTS: 'safety:0.3,access:0.2,...' or WEIGHTS_TABLE (the output of AHP weights); default weights from the standards file.

OUTPUT: every candidate with site_id, name, type, type_key, functions, eligible, reasons, hazard_level, effective_area_m2, floors, floor_area_m2, one c_&lt;criterion&gt; column per criterion used, score (0-100), grade (适宜 / 较适宜 / 有条件适宜 / 不适宜; ineligible sites are 不适宜), grade_en, capacity_persons, cap_isolation, cap_medical, supply_area_m2, access_m, population and rank (1 = best eligible site).</source>
            <translation>评价现有建筑和场地（酒店、学校、体育场馆、公园、会展中心、仓库等）在紧急情况下能否作为避难场所、隔离场所、医疗应急服务点或物资储备点，能容纳多少人，以及适宜程度。

功能：TYPE_FIELD 与 resources/standards/facility_types.json 中的类型（不区分大小写，中英文名称及别名）匹配，或与 TYPOLOGY_FILE（同一结构的 JSON，例如类型编辑器保存在 QGIS 配置目录中的文件）逐类型叠加后的类型匹配；随后 TYPE_MAP 可新增或覆盖类型，例如 'Stadion:shelter|medical;Gudang:supply'（功能：shelter 避难、isolation 隔离、medical 医疗、supply 物资）。类型表中某类型自带的人均面积和有效面积比例将替代避难场所类别的人均面积和 EFFECTIVE_RATIO（PER_CAPITA_M2 非零时仍以其为准）。
容量：有效面积 = AREA_FIELD（平方米）或面要素面积 x EFFECTIVE_RATIO；建筑面积 = 有效面积 x FLOORS_FIELD（'4-7' 这样的文本取第一个数字）。capacity_persons = 避难面积 / GB 51143 避难场所类别（SHELTER_CLASS）的人均面积（室内类型用建筑面积）；cap_isolation 与 cap_medical 为建筑面积除以标准文件中的人均建筑面积；supply_area_m2 为建筑面积。默认人均面积与最小面积可编辑，未核实者已标注。
刚性约束（eligible = false，并以中文 / 英文列出原因）：位于等级 ≥ EXCLUDE_LEVEL 的 HAZARD 灾害区内；距 HAZARD_SOURCES 不足 SOURCE_BUFFER_M；避难面积低于该类别最小值；类型无应急功能。
指标评分 0-1：安全（1 - 等级 / EXCLUDE_LEVEL，乘以距最近更高等级灾害区的距离除以 500 米）、可达性（沿路网到最近 MAIN_ROAD_CLASSES 道路的距离，1000 米时为 0）、容量（相对最大值）、WALK_LIMIT_M 步行范围内的人口（沿路网，相对值）、医院（3 公里时为 0）及变电站、水厂等生命线设施（2 公里时为 0）。缺少图层的指标将被剔除，其余权重重新归一化（写入日志）。
WEIGHTS：'safety:0.3,access:0.2,...' 或 WEIGHTS_TABLE（层次分析法权重的输出）；默认权重取自标准文件。

OUTPUT：每个候选设施，字段 site_id、name、type、type_key、functions、eligible、reasons、hazard_level、effective_area_m2、floors、floor_area_m2、每个所用指标一列 c_&lt;指标&gt;、score（0-100）、grade（适宜 / 较适宜 / 有条件适宜 / 不适宜；不满足约束者为不适宜）、grade_en、capacity_persons、cap_isolation、cap_medical、supply_area_m2、access_m、population 和 rank（1 = 最优的合格设施）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="131" />
            <source>Typology file (JSON)</source>
            <translation>设施类型文件（JSON）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/facility_suitability.py" line="133" />
            <source>Facility types, their emergency functions, per-capita areas and effective-area ratios, merged on top of resources/standards/facility_types.json (same schema). Edit… opens the typology editor.</source>
            <translation>设施类型及其应急功能、人均面积和有效面积比例，逐类型叠加在 resources/standards/facility_types.json（同一结构）之上。“编辑…”可打开类型编辑器。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="109" />
            <source>the asset type</source>
            <translation>设施类型</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="110" />
            <source>Its class in the dependency table of the cascade (e.g. substation, water_pipe, road)</source>
            <translation>该图层在级联失效依赖关系表中的类别（如 substation、water_pipe、road）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="123" />
            <source>'{name}' is not a lifeline class of the dependency table: choose its cascade class ({known}).</source>
            <translation>“{name}”不是依赖关系表中的生命线类别：请选择其级联类别（{known}）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="617" />
            <source>Cascade class</source>
            <translation>级联类别</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="650" />
            <source>Cascading failures across the lifelines</source>
            <translation>生命线级联失效</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="652" />
            <source>Failures drawn from each lifeline asset's failure probability spread to the assets and people that depend on it (the population points of the hospital access run, the hospitals)</source>
            <translation>按各生命线设施的失效概率抽样失效，并沿依赖关系传播到依赖它的设施和人口（医院可达性分析的人口点、医院）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="661" />
            <source>The shipped example table</source>
            <translation>随插件提供的示例表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="662" />
            <source>Dependency table</source>
            <translation>依赖关系表</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="321" />
            <source>Cascading failures</source>
            <translation>级联失效</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="321" />
            <source>{out} of {n} lifeline assets expected out of service, {spread} of them through others</source>
            <translation>{n} 个生命线设施中预计 {out} 个停止运行，其中 {spread} 个因其他设施失效而停运</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="335" />
            <source>Without {system}</source>
            <translation>{system}中断</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="335" />
            <source>{n} of {persons} persons ({pct}%)</source>
            <translation>{persons} 人中 {n} 人（{pct}%）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="345" />
            <source>Hospitals out of service</source>
            <translation>停止运行的医院</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/numbers.py" line="345" />
            <source>{out} of {n} expected</source>
            <translation>{n} 所中预计 {out} 所</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="684" />
            <source>Floors of the buildings without a number in their floors field, in the economic loss (DEFAULT_FLOORS)</source>
            <translation>楼层字段中没有层数的建筑在直接经济损失中按此层数计（DEFAULT_FLOORS）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="696" />
            <source>Default floors (loss)</source>
            <translation>默认层数（损失）</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="68" />
            <source>Direct economic loss of buildings from flood depth (直接经济损失), by depth-damage curves per occupancy class.

Loss of a building = damage factor at its depth x maximum damage per m² of floor area x floor area, where floor area = footprint area (m², in a metric CRS) x floors.

DEPTH: one flood depth raster (metres), or several of one hazard with their RETURN_PERIODS in years, increasing, in the order of the rasters (e.g. 10,50,100): then the expected annual damage (EAD) is also computed, the area under the loss curve over the annual exceedance probability 1/T by trapezoids. Events rarer than the longest period are not counted; NO_DAMAGE_PERIOD (years, shorter than the shortest period) lets the curve fall to zero loss there, otherwise events more frequent than the shortest period are not counted either. Nodata cells count as dry (0 m); negative depths are refused.

DEPTH_METHOD: 0 the mean depth over the footprint weighted by the exact area of each cell inside it, 1 the largest depth of the cells the footprint overlaps. THRESHOLDS (m) classify each building's depth into hazard levels for the table (a depth below t1 is level 0).

CLASS_FIELD maps each building to residential, commercial, industrial or public through the aliases of the standards file (e.g. School, 学校 → public; values trimmed, case ignored); other values and NULL take DEFAULT_CLASS (counted in the log). FLOORS_FIELD gives the number of floors, as a number or as text the way OpenStreetMap's building:levels holds it: a range such as 4-7 counts its middle (5.5), a bound such as 10+ or &gt;7 the number given; empty, 0 and other text (fix me) → DEFAULT_FLOORS; each conversion is counted in a warning. VALUE_FIELD an optional maximum damage per m² per building (empty → the value of its class); text in it that is not a number is refused.

Curves and maximum damage come from resources/standards/depth_damage.json (CURVE_SET, REGION) or your own STANDARD_FILE of the same form. The shipped curves are the JRC global depth-damage functions for Asia (Huizinga et al. 2017), NOT verified against the report (see each curve's note); public buildings use the commercial curve. The shipped Chinese maximum damage values are PLACEHOLDERS: replace them with local replacement values.

UNITS + UNIT_ID_FIELD: each building is counted in the unit holding its largest part.

OUTPUT: the buildings with occ_class, floors, floor_m2, value_m2 and per raster depth_m, level, damage (factor 0-1) and loss (suffix _rp10, _rp100 ... with several rasters) and ead. OUTPUT_TABLE: unit, scenario, return_period, level, class, count (buildings), floor_m2, value (maximum damage = value per m² x floor area), loss, loss_pct (100 x loss / value, recomputed at every level, not averaged) and currency; scenario EAD rows hold the expected annual damage per year.</source>
            <translation>由洪水淹没深度计算建筑的直接经济损失（直接经济损失），按各用途类别的深度-损失曲线。

建筑损失 = 其水深对应的损失系数 × 每平方米建筑面积的最大损失 × 建筑面积，其中建筑面积 = 基底面积（平方米，在米制坐标系中量算）× 层数。

DEPTH：一个洪水淹没深度栅格（米），或同一灾种的多个栅格及其 RETURN_PERIODS（年，递增，与栅格顺序一致，例如 10,50,100）：此时还计算期望年损失（EAD），即损失曲线在年超越概率 1/T 上的面积（梯形积分）。比最长重现期更稀遇的事件不计入；NO_DAMAGE_PERIOD（年，短于最短重现期）使曲线在该处降为零损失，否则比最短重现期更频繁的事件也不计入。无数据栅格单元按无水（0 米）计；负水深会被拒绝。

DEPTH_METHOD：0 为基底范围内按每个栅格单元落入面积精确加权的平均水深，1 为基底所覆盖栅格单元的最大水深。THRESHOLDS（米）将每栋建筑的水深划分为表中的灾害等级（低于 t1 为 0 级）。

CLASS_FIELD 通过标准文件中的别名把每栋建筑归为居住、商业、工业或公共类（例如 School、学校 → 公共；值去除首尾空格，不区分大小写）；其他值和空值取 DEFAULT_CLASS（在日志中计数）。FLOORS_FIELD 给出层数，可为数字，也可为 OpenStreetMap building:levels 那样的文字：范围（如 4-7）取其中值（5.5），界限（如 10+ 或 &gt;7）取所给数字；空值、0 和其他文字（如 fix me）→ DEFAULT_FLOORS；每种转换都在警告中计数。VALUE_FIELD 为可选的逐栋每平方米最大损失（空 → 所属类别的值）；其中不是数字的文字会被拒绝。

曲线和最大损失来自 resources/standards/depth_damage.json（CURVE_SET、REGION）或您自己的同格式 STANDARD_FILE。随附曲线为 JRC 全球洪水深度-损失函数（亚洲，Huizinga 等 2017），未对照报告核实（见每条曲线的说明）；公共建筑使用商业曲线。随附的中国最大损失值是占位值：请替换为本地重置价。

UNITS + UNIT_ID_FIELD：每栋建筑计入包含其最大部分的单元。

OUTPUT：建筑及其 occ_class、floors、floor_m2、value_m2，以及每个栅格的 depth_m、level、damage（系数 0-1）和 loss（多个栅格时带后缀 _rp10、_rp100……）和 ead。OUTPUT_TABLE：单元、scenario、return_period、level、class、count（建筑数）、floor_m2、value（最大损失 = 每平方米价值 × 建筑面积）、loss、loss_pct（100 × loss / value，在每一层级重新计算，而非取平均）和 currency；scenario 为 EAD 的行给出每年的期望年损失。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="132" />
            <source>Optional field with the number of floors; a range such as 4-7 counts its middle, 10+ or &gt;7 the number given (counted in a warning); empty, 0 and other text use the default number of floors.</source>
            <translation>可选的层数字段；范围（如 4-7）取其中值，10+ 或 &gt;7 取所给数字（在警告中计数）；空值、0 和其他文字使用默认层数。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="217" />
            <source>{n} building(s) give a range of floors in '{field}' (e.g. {examples}): each counts the middle of its range.</source>
            <translation>{n} 栋建筑的“{field}”给出的是层数范围（如 {examples}）：各取其范围的中值。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="220" />
            <source>{n} building(s) give only a bound in '{field}' (e.g. {examples}): each counts the number given.</source>
            <translation>{n} 栋建筑的“{field}”只给出层数界限（如 {examples}）：各取所给数字。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/economic_loss.py" line="223" />
            <source>{n} building(s) hold text in '{field}' that is not a number of floors (e.g. {examples}): they count {d:g} floor(s).</source>
            <translation>{n} 栋建筑的“{field}”含有不是层数的文字（如 {examples}）：按 {d:g} 层计。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/buttons.py" line="16" />
            <source>OK</source>
            <translation>确定</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/buttons.py" line="16" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/buttons.py" line="16" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="177" />
            <source>Scenario '{name}': {n} candidate site(s) are farther than {d:.0f} m from any passable street and cannot be chosen there.</source>
            <translation>情景“{name}”：{n} 处候选场址距所有可通行道路超过 {d:.0f} 米，在该情景下无法入选。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="180" />
            <source>Scenario '{name}': {n} demand point(s) ({p:.0f} persons) are farther than {d:.0f} m from any passable street and count as not covered.</source>
            <translation>情景“{name}”：{n} 个需求点（{p:.0f} 人）距所有可通行道路超过 {d:.0f} 米，计为未覆盖。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/shelter_coverage.py" line="314" />
            <source>{n} candidate site(s) are farther than {d:.0f} m from any passable street and cannot be chosen.</source>
            <translation>{n} 处候选场址距所有可通行道路超过 {d:.0f} 米，无法入选。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/gui/workbench/dock.py" line="1207" />
            <source>Without hospitals and population the cascade counts no persons without service: choose both for the hospital access run to include the people.</source>
            <translation>未选择医院和人口时，级联失效不统计断供人口：请同时选择两者，使医院可达性分析的人口点参与级联。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="61" />
            <source>Choose up to MAX_NEW of the CANDIDATES sites so that the most people can walk to a shelter (an existing FACILITIES one or a chosen site) within MAX_DISTANCE_M, in every hazard scenario.

SCENARIOS: one hazard zoning per scenario (polygons with HAZARD_LEVEL_FIELD, e.g. a 20-year and a 100-year flood); in each, streets touching zones at or above BLOCK_LEVEL are closed and facilities and candidates inside them are out of service. Without scenarios, one scenario without hazard is used.
OBJECTIVE: the worst case (maximise the coverage of the worst scenario) or the expected coverage (weighted by PROBABILITIES, comma-separated in scenario order; empty: equal).

Method: walking distances on the ROADS network as in Walking coverage; maximal covering as a mixed-integer programme (scipy.optimize.milp, HiGHS branch and bound) stopped at TIME_LIMIT seconds; the log gives the optimality gap (0 % = proven optimal). For comparison, the greedy choice on the same objective (one best site at a time); when the solver stops at the time limit with a worse choice, the greedy one is kept.

Outputs: OUTPUT_SITES (the candidates) with site_id, chosen, greedy_chosen; OUTPUT_TABLE with one row per scenario: scenario, probability, population, covered_before (existing facilities only), covered (with the chosen sites), covered_pct, covered_greedy (with the greedy sites).</source>
            <translation>从 CANDIDATES 中最多选出 MAX_NEW 个站点，使在每个灾害情景下都有尽可能多的人能在 MAX_DISTANCE_M 步行范围内到达避难场所（已有的 FACILITIES 或选中的站点）。

SCENARIOS：每个情景一个灾害区划（带 HAZARD_LEVEL_FIELD 的面，例如 20 年一遇和 100 年一遇洪水）；在每个情景中，接触等级 ≥ BLOCK_LEVEL 区域的道路封闭，区内的设施和候选点停止服务。未提供情景时，使用一个无灾害情景。
OBJECTIVE：最不利情景（使覆盖最差情景的覆盖人数最大）或期望覆盖（按 PROBABILITIES 加权，按情景顺序逗号分隔；留空为等权）。

方法：按步行覆盖的方式在 ROADS 路网上计算步行距离；最大覆盖问题按混合整数规划求解（scipy.optimize.milp，HiGHS 分支定界），在 TIME_LIMIT 秒时停止；日志给出最优性差距（0 % 即已证明最优）。作为对比，给出同一目标下的贪心选择（每次选一个最佳站点）；求解器在时间上限处停止且所得方案不如贪心选择时，保留贪心选择。

输出：OUTPUT_SITES（候选点）含 site_id、chosen、greedy_chosen；OUTPUT_TABLE 每个情景一行：scenario、probability、population、covered_before（仅已有设施）、covered（加上选中站点）、covered_pct、covered_greedy（加上贪心站点）。</translation>
        </message>
        <message>
            <location filename="../resilience_plugin/processing/algorithms/robust_siting.py" line="197" />
            <source>The solver stopped at the time limit ({status}) without beating the greedy choice: the greedy sites are kept ({value:.0f} persons, at most {gap:.1f} % below the best possible, {bound:.0f}). Raise TIME_LIMIT for a better choice.</source>
            <translation>求解器在时间上限处停止（{status}），未找到优于贪心选择的方案：保留贪心站点（{value:.0f} 人，最多比可能的最优值 {bound:.0f} 低 {gap:.1f} %）。提高 TIME_LIMIT 可得到更好的选择。</translation>
        </message>
    </context>
</TS>

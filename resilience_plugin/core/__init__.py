"""The analysis itself: numpy, shapely 2, pyproj, GDAL (osgeo) and optionally geopandas.

Nothing in this package imports ``qgis``. Every function takes and returns numpy arrays,
shapely geometry arrays or GeoDataFrames, so it runs from a plain script or notebook too.
"""

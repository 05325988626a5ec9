"""The bridge between QGIS layers and the core's arrays: vectors, rasters, CRS and units."""

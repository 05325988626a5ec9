"""The Processing provider and its algorithms (thin: parameters -> qgis_io -> core -> sinks)."""

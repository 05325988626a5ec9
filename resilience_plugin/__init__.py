"""Resilience Planner (韧性城市规划工具箱) — a QGIS plugin for resilient-city spatial planning."""


def classFactory(iface):  # noqa: N802 - QGIS looks for this name
    from .plugin import ResiliencePlugin

    return ResiliencePlugin(iface)

"""The assessment workbench (韧性评估): a study definition saved in the project, the steps of the
assessment in planning order run as our Processing algorithms in a background task, and the dock
widget that ties them together."""

"""A small part of the Jakarta sample for the workbench tests, and a study on it."""

from osgeo import gdal

from tests.conftest import SAMPLE

# The 4.4 km x 3.3 km part of central Jakarta the model test uses (hospitals, schools, both floods).
BOX = (106.83, -6.20, 106.87, -6.17)
SHELTER_FILTER = "lower(\"TYPE\") IN ('school', 'sports facility', 'government')"
HOSPITAL_FILTER = "lower(\"TYPE\") = 'hospital'"


def make_subset(out):
    """Rasters cut to BOX, vector features touching it kept whole; files under ``out``."""
    for name in ("flood_current_depth", "population"):
        gdal.Translate(str(out / f"{name}.tif"), str(SAMPLE / f"{name}.tif"), projWin=[BOX[0], BOX[3], BOX[2], BOX[1]])
    for lyr in ("roads", "buildings", "kecamatan", "flood_2007_rw"):
        gdal.VectorTranslate(
            str(out / f"{lyr}.gpkg"), str(SAMPLE / "jakarta.gpkg"), layers=[lyr], spatFilter=BOX, layerName=lyr
        )
    return out


def load_layers(data, project):
    """Add the subset's layers to ``project``; returns {name: layer}."""
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    layers = {}
    for name in ("flood_current_depth", "population"):
        layers[name] = QgsRasterLayer(str(data / f"{name}.tif"), name)
    for name in ("roads", "buildings", "kecamatan", "flood_2007_rw"):
        layers[name] = QgsVectorLayer(f"{data / name}.gpkg|layername={name}", name, "ogr")
    for lyr in layers.values():
        assert lyr.isValid(), lyr.name()
        project.addMapLayer(lyr)
    return layers


def jakarta_study(layers, output_dir):
    from resilience_plugin.gui.workbench.study import (
        AdminUnits,
        Buildings,
        Candidates,
        HazardSource,
        Hospitals,
        Population,
        Roads,
        Scenario,
        Study,
    )

    return Study(
        units=AdminUnits(layer=layers["kecamatan"].id(), id_field="KEC_NAME", level_name="kecamatan"),
        scenarios=[
            Scenario(
                name="flood 2007",
                hazards=[
                    HazardSource(layer=layers["flood_current_depth"].id(), name="flood", thresholds="0.1,0.5,1.0,2.0"),
                    HazardSource(
                        layer=layers["flood_2007_rw"].id(),
                        name="historic_flood",
                        field="FLOODPRONE",
                        classification="value_map",
                        value_map="YES:1;NO:0",
                    ),
                ],
                intensity_layer=layers["flood_current_depth"].id(),
            )
        ],
        population=Population(layer=layers["population"].id(), unit="per_km2"),
        buildings=Buildings(
            layer=layers["buildings"].id(), type_field="TYPE", name_field="NAME", floors_field="LEVELS"
        ),
        roads=Roads(layer=layers["roads"].id(), class_field="TYPE"),
        candidates=Candidates(
            layer=layers["buildings"].id(),
            type_field="TYPE",
            name_field="NAME",
            floors_field="LEVELS",
            filter=SHELTER_FILTER,
        ),
        hospitals=Hospitals(layer=layers["buildings"].id(), filter=HOSPITAL_FILTER),
        output_dir=str(output_dir),
    )

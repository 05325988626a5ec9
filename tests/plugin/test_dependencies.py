"""The dependency check tells users what to install."""

from resilience_plugin.dependencies import advice, check_versions, missing_dependencies


def test_this_environment_has_everything():
    assert missing_dependencies() == []


def test_old_or_missing_packages_are_reported():
    found = {"numpy": "1.26.4", "shapely": "1.8.5", "pyproj": None, "pandas": "2.3.3", "scipy": "1.10.1"}
    problems = check_versions(found)
    assert problems == [("shapely", "1.8.5", "2.0"), ("pyproj", None, "3.0")]
    text = advice(problems)
    assert "shapely ≥ 2.0" in text and "1.8.5" in text and "pip install --upgrade shapely pyproj" in text


def test_version_parsing_handles_suffixes():
    assert check_versions({"shapely": "2.1.0rc1"}, (("shapely", "2.0"),)) == []
    assert check_versions({"shapely": "2.0.0.dev0"}, (("shapely", "2.0"),)) == []

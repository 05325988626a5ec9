def test_provider_lists_classifyhazard(provider):
    ids = [a.id() for a in provider.algorithms()]
    assert "resilience:classifyhazard" in ids


def test_provider_lists_every_algorithm(provider):
    ids = sorted(a.id() for a in provider.algorithms())
    assert ids == sorted(f"resilience:{name}" for name in (
        "ahpweights", "applystyle", "classifyhazard", "comparescenarios", "economicloss", "exportplanmap", "exposuresummary",
        "facilitysuitability", "hazardoverlay", "lifelineexposure", "networkcriticality", "sheltercoverage"))

def test_provider_lists_classifyhazard(provider):
    ids = [a.id() for a in provider.algorithms()]
    assert "resilience:classifyhazard" in ids

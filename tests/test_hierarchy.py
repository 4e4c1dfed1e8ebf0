from vnplan.normalize.hierarchy import assign_hierarchy


def test_three_levels_roman_arabic_dotted() -> None:
    codes = ["I", "1", "1.1", "1.2", "2", "2.1", "II", "III", "III"]
    kinds = assign_hierarchy(codes)
    assert kinds[0] == ("group", None)
    assert kinds[1] == ("section", "I")
    assert kinds[2] == ("item", "1")
    assert kinds[5] == ("item", "2")
    assert kinds[6] == ("group", None)


def test_two_levels_roman_sections_with_items_numbered_again() -> None:
    kinds = assign_hierarchy(["I", "1", "2", "II", "1"])
    assert kinds == [("section", None), ("item", "I"), ("item", "I"), ("section", None), ("item", "II")]


def test_one_level_items_only() -> None:
    assert assign_hierarchy(["1", "2", "3"]) == [("item", None)] * 3


def test_arabic_sections_with_dotted_items() -> None:
    assert assign_hierarchy(["1", "1.1", "2", "2.1"])[1] == ("item", "1")

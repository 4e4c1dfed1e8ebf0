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


def test_source_groups_sections_and_items_restarting_under_each_parent() -> None:
    from vnplan.normalize.hierarchy import paths
    from vnplan.normalize.reconcile import check_duplicate_codes
    from vnplan.schemas import Row

    codes = ["A", "I", "1", "2", "II", "1", "2", "B", "I", "1", "1"]
    rows = [
        Row(code=code, kind=kind, parent_code=parent, title=f"row {i}")  # type: ignore[arg-type]
        for i, (code, (kind, parent)) in enumerate(zip(codes, assign_hierarchy(codes), strict=True))
    ]
    assert paths(rows) == ["A", "A/I", "A/I/1", "A/I/2", "A/II", "A/II/1", "A/II/2", "B", "B/I", "B/I/1", "B/I/1"]
    # items 1, 2 again under II and under B/I are the numbering; 1 twice under B/I is a duplicate
    duplicates = check_duplicate_codes(rows)
    assert [(f.row_code, f.pages) for f in duplicates] == [("1", [])]

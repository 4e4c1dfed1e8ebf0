from vnplan.extract.model import SourceDocument
from vnplan.extract.text_export import text_to_pages
from vnplan.normalize.assemble import source_to_document
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


def test_letters_between_a_group_and_its_items_when_the_group_before_had_none() -> None:
    # A public investment plan: group I lists its projects at once, group II splits them into
    # "a. Dự án chuyển tiếp" and "b. Dự án khởi công mới". The letters were ranked below the
    # Arabic items (first used later), so "a" became a child of I's last project.
    codes = ["I", "1", "2", "II", "a", "1", "2", "b", "1", "III", "1"]
    assert assign_hierarchy(codes) == [
        ("group", None), ("item", "I"), ("item", "I"),
        ("group", None), ("section", "II"), ("item", "a"), ("item", "a"), ("section", "II"), ("item", "b"),
        ("group", None), ("item", "III"),
    ]  # fmt: skip


def test_a_row_without_a_code_is_an_item_of_the_nearest_row_holding_rows() -> None:
    codes = ["I", "1", None, "2", "II", "1", None]
    assert [parent for _, parent in assign_hierarchy(codes)] == [None, "I", "I", "I", None, "II", "II"]


def test_rows_marked_by_bullets_are_sub_items_of_the_row_above() -> None:
    """ "I / - - / II / -": headings whose items carry a bullet mark and no code. The headings are
    sections holding the bulleted rows (they were items beside them, and every heading's amount
    was counted twice against the grand total)."""
    codes = ["I", None, None, "II", None]
    bullets = [False, True, True, False, True]
    assert assign_hierarchy(codes, bullets) == [
        ("section", None),
        ("item", "I"),
        ("item", "I"),
        ("section", None),
        ("item", "II"),
    ]


def test_an_item_with_a_bulleted_breakdown_leaves_its_siblings_items() -> None:
    """ "1 / - / 2 / 3": only the row the bullets hang under holds children."""
    assert assign_hierarchy(["1", None, "2", "3"], [False, True, False, False]) == [
        ("section", None),
        ("item", "1"),
        ("item", None),
        ("item", None),
    ]


def test_a_plan_of_headings_and_bulleted_items_adds_up() -> None:
    text = (
        "ĐVT: triệu đồng\n"
        "TT\tNội dung\tTổng kinh phí\tNgân sách tỉnh\tĐơn vị thụ hưởng\n"
        "\tTổng cộng\t1.500\t1.100\t400\n"
        "I\tĐào tạo nghề\t900\t600\t300\n"
        "-\tLớp kỹ thuật\t500\t350\t150\n"
        "-\tLớp quản lý\t400\t250\t150\n"
        "II\tHội chợ\t600\t500\t100\n"
        "-\tGian hàng hội chợ\t600\t500\t100\n"
    )
    document = source_to_document(
        SourceDocument(path="plan.txt", sha256="0" * 64, kind="text", pages=text_to_pages(text))
    )
    assert [(row.code, row.kind, row.parent_code) for row in document.items] == [
        ("I", "section", None),
        (None, "item", "I"),
        (None, "item", "I"),
        ("II", "section", None),
        (None, "item", "II"),
    ]
    assert not [f for f in document.findings if f.severity in ("error", "warning")]


def test_a_heading_after_dotted_items_whose_own_heading_code_was_lost() -> None:
    """Held-out Augraphy (9601 h04): heading "1" under II unread, so its items "1.1"–"1.4" opened a
    level of their own, and every later heading ("2", "3", "4") became a child of the dotted item
    above it: "2.1" under II, "3" under "2.4". A plain code after dotted ones heads their level;
    one that numbers from 1 again under a dotted row stays its item."""
    codes = ["II", None, "1.4", "2", "2.1", "2.2", "3", "3.1"]
    parents = [parent for _, parent in assign_hierarchy(codes)]
    assert parents == [None, "II", "II", "II", "2", "2", "II", "3"]
    codes = ["I", "1.1", "1", "2", "1.2"]  # items numbered again under 1.1
    assert [parent for _, parent in assign_hierarchy(codes)] == [None, "I", "1.1", "1.1", "I"]

"""vnplan: Vietnamese plan documents (scans, PDFs, OCR text exports) -> a validated dataset.

>>> from vnplan import extract_document
>>> doc = extract_document("samples/text/000_8939c4b136b1e13b.txt")
>>> doc.items_frame()  # pandas DataFrame of the budget rows
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["PlanDocument", "__version__", "extract_document"]

if TYPE_CHECKING:
    from vnplan.pipeline import extract_document
    from vnplan.schemas import PlanDocument


def __getattr__(name: str) -> Any:
    # The pipeline pulls in pandas, OpenCV and pydantic models: imported on first use, so that
    # `vnplan --help` and the small commands answer at once.
    if name == "extract_document":
        from vnplan.pipeline import extract_document

        return extract_document
    if name == "PlanDocument":
        from vnplan.schemas import PlanDocument

        return PlanDocument
    raise AttributeError(f"module 'vnplan' has no attribute {name!r}")

"""vnplan: Vietnamese plan documents (scans, PDFs, OCR text exports) -> a validated dataset.

>>> from vnplan import extract_document
>>> doc = extract_document("samples/text/000_8939c4b136b1e13b.txt")
>>> doc.items_frame()  # pandas DataFrame of the budget rows
"""

from vnplan.pipeline import extract_document
from vnplan.schemas import PlanDocument

__version__ = "0.1.0"
__all__ = ["PlanDocument", "__version__", "extract_document"]

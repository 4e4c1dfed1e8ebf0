"""Character error rates between a reference text and vnplan's text of the same page.

Two figures, because a page's reading order is not one thing: a table row read cell by cell
(vnplan) and the same row read line by line (pdftotext) hold the same words in another order.

* ``word_cer``: order-free. Both texts are cut into whitespace-separated words, each list is
  sorted, and the character edit distance between the two sorted, space-joined lists is divided
  by the reference's length. A word broken in two (``Quy ề n`` for ``Quyền``), a lost or changed
  letter, a missing or extra word all count; the order of words does not.
* ``ordered_cer``: the same distance on the texts as they are (whitespace collapsed). It adds the
  differences of reading order, so it is an upper bound on what a reader of the text would see.
"""

from __future__ import annotations

import unicodedata

from rapidfuzz.distance import Levenshtein

# Characters that are layout, not text: soft hyphens and zero-width marks that some extractors
# keep and others drop.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"))


def text_to_words(text: str) -> list[str]:
    """NFC words of a text, invisible characters dropped."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE).split()


def word_cer(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edits, reference length) between the sorted word lists of two texts."""
    ref = " ".join(sorted(text_to_words(reference)))
    hyp = " ".join(sorted(text_to_words(hypothesis)))
    return Levenshtein.distance(ref, hyp), len(ref)


def ordered_cer(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edits, reference length) between two texts in their own order, whitespace collapsed."""
    ref = " ".join(text_to_words(reference))
    hyp = " ".join(text_to_words(hypothesis))
    return Levenshtein.distance(ref, hyp), len(ref)

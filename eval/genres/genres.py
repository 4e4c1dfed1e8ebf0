"""The documents of the corpus: one builder per genre (g_*.py), in a fixed order, each drawn from
its own seed so that changing one genre does not redraw the others."""

from __future__ import annotations

import random
from collections.abc import Callable

from .content import PROVINCES
from .g_estimates import (
    bao_cao_tai_chinh,
    du_toan_don_gia,
    du_toan_so_sanh,
    ke_hoach_theo_nam,
    phan_bo_kinh_phi_su_nghiep,
)
from .g_investment import ctmtqg_phan_bo, dau_tu_cong_nam, dau_tu_cong_trung_han
from .g_plans import khuyen_cong_khac, khuyen_nong, xuc_tien_thuong_mai
from .g_tables import bang_diem, bien_che, chi_tieu_dvt, thong_ke
from .model import Document

GENRES: list[Callable[[random.Random, str, int], Document]] = [
    dau_tu_cong_nam,
    dau_tu_cong_trung_han,
    ctmtqg_phan_bo,
    du_toan_don_gia,
    du_toan_so_sanh,
    phan_bo_kinh_phi_su_nghiep,
    khuyen_nong,
    xuc_tien_thuong_mai,
    khuyen_cong_khac,
    bao_cao_tai_chinh,
    ke_hoach_theo_nam,
    chi_tieu_dvt,
    bang_diem,
    bien_che,
    thong_ke,
]


def build_documents(seed: int) -> list[Document]:
    rng = random.Random(seed)
    provinces = list(PROVINCES)
    docs = []
    for i, make in enumerate(GENRES):
        sub = random.Random(rng.randint(0, 2**31))
        province = provinces[i % len(provinces)]
        docs.append(make(sub, province, sub.randint(2021, 2025)))
    return docs

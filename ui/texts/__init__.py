"""UI texts of features kept in their own modules (merged into :data:`ui.i18n.TEXT`).

Each module defines ``TEXT: dict[str, dict[str, str]]`` with keys prefixed by its feature
(e.g. ``hh.`` for the household page); keys must not collide with ``ui/i18n.py``'s.
"""
from __future__ import annotations

import importlib
import pkgutil


def extra_texts() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, value in getattr(module, "TEXT", {}).items():
            if key in merged:
                raise ValueError(f"duplicate UI text key {key!r} in ui/texts/{info.name}.py")
            merged[key] = value
    return merged

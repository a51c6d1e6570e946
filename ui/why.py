"""The reason under a table for its "–" and "∞" cells, in the user's language (codes from
:mod:`views.undefined`, texts ``why.*`` in ``ui/texts/undefined.py``)."""
from __future__ import annotations

from ui.i18n import t


def why_note(codes: list[str], lang: str) -> str | None:
    """One sentence naming the reason of each code (None without codes)."""
    codes = list(dict.fromkeys(codes))
    if not codes:
        return None
    return t("why.note", lang, items="; ".join(t(f"why.{c}", lang) for c in codes))


def show_why(container, codes: list[str], lang: str) -> None:
    """A caption with :func:`why_note` in ``container`` (st or a column), nothing without codes."""
    note = why_note(codes, lang)
    if note:
        container.caption(note)

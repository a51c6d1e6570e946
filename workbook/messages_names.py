"""Problem messages of the upload work on names (merged into :data:`workbook.messages.MESSAGES`).

code → (English, Vietnamese); the same conventions as :mod:`workbook.messages`.
"""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}

"""Problem messages of the upload work on names (merged into :data:`workbook.messages.MESSAGES`).

code → (English, Vietnamese); the same conventions as :mod:`workbook.messages`. Raised by
:mod:`workbook.names`.
"""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "name.mapped": (
        "'{value}' in '{col}' is read as {label} (in {count} cell(s), the first on this row). Write {label} to make it explicit.",
        "'{value}' ở cột '{col}' được hiểu là {label} (ở {count} ô, ô đầu tiên ở dòng này). Ghi {label} để rõ ràng.",
    ),
    "name.mapped_user": (
        "'{value}' in '{col}' is read as {label}, as you chose.",
        "'{value}' ở cột '{col}' được hiểu là {label}, theo lựa chọn của bạn.",
    ),
    "name.ambiguous": (
        "'{value}' in '{col}' could mean {candidates}. Write the one you mean, or choose it in the app after uploading.",
        "'{value}' ở cột '{col}' có thể là {candidates}. Ghi rõ loại bạn muốn, hoặc chọn trong ứng dụng sau khi tải tệp lên.",
    ),
}

"""Problem messages of the upload work on limits (merged into :data:`workbook.messages.MESSAGES`).

code → (English, Vietnamese); the same conventions as :mod:`workbook.messages`. Counts come as
``(english, vietnamese)`` pairs already grouped the language's way (200,000 / 200.000).
"""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "limits.extent": (
        "Sheet '{name}': a cell at {cell} is outside the limits (rows ≤ {rows}, columns ≤ {columns}). "
        "Delete the stray cell, or the rows and columns beyond your data (select them, right-click → "
        "Delete), save and upload again. An administrator can raise the limits with "
        "ENERGY_SCENARIOS_MAX_ROWS / ENERGY_SCENARIOS_MAX_COLUMNS.",
        "Sheet '{name}': ô {cell} nằm ngoài giới hạn (số dòng ≤ {rows}, số cột ≤ {columns}). Xóa ô "
        "thừa đó, hoặc các dòng và cột nằm ngoài dữ liệu (chọn chúng, nhấp chuột phải → Xóa), lưu lại "
        "rồi tải lên lại. Quản trị viên có thể tăng giới hạn bằng ENERGY_SCENARIOS_MAX_ROWS / "
        "ENERGY_SCENARIOS_MAX_COLUMNS.",
    ),
    "limits.cells": (
        "The sheets hold {cells} cells from A1 to their last cell (the largest: sheet '{name}' up to "
        "{cell}); the limit is {limit} cells per file. Delete the rows and columns beyond your data, "
        "or split the workbook into several files. An administrator can raise the limit with "
        "ENERGY_SCENARIOS_MAX_CELLS.",
        "Các sheet có {cells} ô tính từ A1 đến ô cuối (lớn nhất: sheet '{name}' đến ô {cell}); giới "
        "hạn là {limit} ô cho một tệp. Xóa các dòng và cột nằm ngoài dữ liệu, hoặc tách sổ làm việc "
        "thành nhiều tệp. Quản trị viên có thể tăng giới hạn bằng ENERGY_SCENARIOS_MAX_CELLS.",
    ),
    "limits.text_length": (
        "{where}a text of {length} characters is longer than Excel can store in one cell ({limit}). "
        "Shorten it (keep long notes in a separate document) and save again.",
        "{where}một đoạn chữ dài {length} ký tự, vượt quá mức Excel lưu được trong một ô ({limit}). "
        "Rút gọn lại (ghi chú dài nên để ở tài liệu riêng) rồi lưu lại.",
    ),
    "limits.variants": (
        "The sheet '{sheet}' names {count} variants; the limit is {limit} per file. Delete the lines of "
        "the variants you do not need, or split them over several files. An administrator can raise "
        "the limit with ENERGY_SCENARIOS_MAX_VARIANTS.",
        "Sheet '{sheet}' có {count} phương án; giới hạn là {limit} phương án cho một tệp. Xóa các dòng "
        "của phương án không cần, hoặc chia ra nhiều tệp. Quản trị viên có thể tăng giới hạn bằng "
        "ENERGY_SCENARIOS_MAX_VARIANTS.",
    ),
    "limits.time": (
        "Reading the file took longer than {seconds} s, the limit for one upload, and was stopped; your "
        "current scenario is unchanged. Delete unused sheets, rows and formatting, or split the workbook, "
        "and try again. An administrator can raise the limit with ENERGY_SCENARIOS_PARSE_SECONDS.",
        "Đọc tệp mất hơn {seconds} giây, vượt giới hạn cho một lần tải lên, nên đã dừng; kịch bản hiện "
        "tại không thay đổi. Xóa các sheet, dòng và định dạng không dùng, hoặc tách sổ làm việc, rồi "
        "thử lại. Quản trị viên có thể tăng giới hạn bằng ENERGY_SCENARIOS_PARSE_SECONDS.",
    ),
    "limits.memory": (
        "Reading the file needed more than {limit} MB of memory, the limit for one upload, and was "
        "stopped; your current scenario is unchanged. Delete unused sheets, rows and columns (often a "
        "stray cell far below or right of the data), or split the workbook. An administrator can raise "
        "the limit with ENERGY_SCENARIOS_PARSE_MEMORY_MB.",
        "Đọc tệp cần hơn {limit} MB bộ nhớ, vượt giới hạn cho một lần tải lên, nên đã dừng; kịch bản "
        "hiện tại không thay đổi. Xóa các sheet, dòng và cột không dùng (thường là một ô thừa nằm xa "
        "bên dưới hoặc bên phải dữ liệu), hoặc tách sổ làm việc. Quản trị viên có thể tăng giới hạn "
        "bằng ENERGY_SCENARIOS_PARSE_MEMORY_MB.",
    ),
    "limits.crashed": (
        "The spreadsheet reader stopped on this file ({detail}), most often because the file needs more "
        "than the {limit} MB of memory allowed for one upload; your current scenario is unchanged. "
        "Delete unused sheets, rows and columns (often a stray cell far below or right of the data), "
        "open the file in Excel, save it again and retry.",
        "Trình đọc bảng tính đã dừng khi đọc tệp này ({detail}), thường do tệp cần nhiều hơn {limit} MB "
        "bộ nhớ cho phép cho một lần tải lên; kịch bản hiện tại không thay đổi. Xóa các sheet, dòng và "
        "cột không dùng (thường là một ô thừa nằm xa bên dưới hoặc bên phải dữ liệu), mở tệp bằng Excel, "
        "lưu lại rồi thử lại.",
    ),
}

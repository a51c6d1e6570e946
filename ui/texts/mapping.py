"""UI texts of the mapping step (names the file uses that fit several choices or none); keys
start with ``map.``."""
from __future__ import annotations

TEXT = {
    "map.title": {"vi": "Chọn ý nghĩa của các tên trong tệp", "en": "Tell the app what the file's names mean"},
    "map.intro": {
        "vi": "Tệp chỉ còn lỗi ở các tên chưa rõ nghĩa. Chọn ý nghĩa của từng tên rồi bấm **Áp dụng và mở tệp**: "
              "tệp được đọc lại với các lựa chọn này, lựa chọn được giữ trong phiên làm việc và tệp tải về ghi "
              "đúng tên chuẩn.",
        "en": "The file's only errors are names the app cannot place. Choose what each one means and press "
              "**Apply and open the file**: the file is read again with your choices, which are kept for the "
              "session, and the downloaded workbook writes the standard names.",
    },
    "map.pick": {
        "vi": "'{value}' – cột '{col}', sheet '{sheet}' (dòng {rows})",
        "en": "'{value}' – column '{col}', sheet '{sheet}' (row {rows})",
    },
    "map.placeholder": {"vi": "Chọn…", "en": "Choose…"},
    "map.apply": {"vi": "Áp dụng và mở tệp", "en": "Apply and open the file"},
    "map.missing": {
        "vi": "Hãy chọn ý nghĩa cho mọi tên trước khi áp dụng.",
        "en": "Choose a meaning for every name before applying.",
    },
    "map.gone": {
        "vi": "Không còn tệp đã tải lên (ví dụ sau khi đổi ngôn ngữ); hãy tải tệp lên lại.",
        "en": "The uploaded file is no longer there (e.g. after a language switch); upload it again.",
    },
}

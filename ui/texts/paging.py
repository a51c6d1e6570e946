"""UI texts of large tables shown in pages with a search (:mod:`ui.paging`); keys start with ``page.``."""

TEXT = {
    "page.find": {"vi": "Tìm dòng", "en": "Find rows"},
    "page.find_placeholder": {"vi": "ví dụ: lò hơi xưởng 2", "en": "e.g. boiler workshop 2"},
    "page.find_help": {
        "vi": "Gõ một hoặc nhiều từ: chỉ hiện các dòng có đủ các từ đó (ở bất kỳ cột chữ nào). Không phân biệt "
              "chữ hoa và dấu: “lo hoi” tìm được “Lò hơi”.",
        "en": "Type one or more words: only rows holding all of them (in any text column) are shown. Case and "
              "Vietnamese marks are ignored: “lo hoi” finds “Lò hơi”."},
    "page.page": {"vi": "Trang (trên {pages})", "en": "Page (of {pages})"},
    "page.rows": {"vi": "Dòng {first}–{last} trên {n} dòng. Bảng đầy đủ có trong tệp tải về.",
                  "en": "Rows {first}–{last} of {n}. The whole table is in the downloads."},
    "page.found": {"vi": "{k} trên {n} dòng khớp với từ tìm.", "en": "{k} of {n} rows match the search."},
    "page.none": {"vi": "Không có dòng nào (trên {n}) khớp với “{q}”.", "en": "No row (of {n}) matches “{q}”."},
    "page.added_at_end": {"vi": "Dòng thêm mới được đặt ở cuối bảng (trang cuối).",
                          "en": "New rows go to the end of the sheet (the last page)."},
}

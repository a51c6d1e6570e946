"""Problem messages in English and Vietnamese, keyed by a stable code.

Every message says what is wrong and how to fix it. Placeholders ``{sheet}`` and ``{col}`` are
filled with the sheet's and column's label in each language; any other placeholder value may be
a pair ``(english, vietnamese)``.
"""
from __future__ import annotations

from workbook import messages_limits, messages_names, messages_reading
from workbook.model import ERROR, Problem
from workbook.schema import sheet_spec

MESSAGES: dict[str, tuple[str, str]] = {
    "file.not_found": (
        "The file {path} does not exist. Check the path and try again.",
        "Không tìm thấy tệp {path}. Kiểm tra lại đường dẫn.",
    ),
    "file.empty": (
        "The file is empty. Choose the Excel workbook (.xlsx) of your scenario.",
        "Tệp rỗng. Hãy chọn tệp Excel (.xlsx) của kịch bản.",
    ),
    "file.too_large": (
        "The file is {size_mb} MB; the limit is {limit_mb} MB. Delete unused sheets or rows and save again.",
        "Tệp có dung lượng {size_mb} MB; giới hạn là {limit_mb} MB. Xóa các sheet hoặc dòng không dùng rồi lưu lại.",
    ),
    "file.not_xlsx": (
        "This is not an Excel workbook (.xlsx). In Excel choose File → Save As → 'Excel Workbook (*.xlsx)', or start from the template.",
        "Đây không phải tệp Excel (.xlsx). Trong Excel chọn Tệp → Lưu thành → 'Excel Workbook (*.xlsx)', hoặc dùng tệp mẫu.",
    ),
    "file.xls_legacy": (
        "This is an old Excel 97–2003 file (.xls). Open it in Excel and save it as 'Excel Workbook (*.xlsx)'.",
        "Đây là tệp Excel 97–2003 cũ (.xls). Mở bằng Excel và lưu lại dạng 'Excel Workbook (*.xlsx)'.",
    ),
    "file.encrypted": (
        "The workbook is password-protected. Remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it) and save again.",
        "Tệp đang được đặt mật khẩu. Gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại.",
    ),
    "file.xlsb": (
        "This is a binary workbook (.xlsb). Save it as 'Excel Workbook (*.xlsx)'.",
        "Đây là tệp Excel nhị phân (.xlsb). Hãy lưu lại dạng 'Excel Workbook (*.xlsx)'.",
    ),
    "file.zip_bomb": (
        "The workbook unpacks to {detail}, more than the safety limit; it was refused. Save a smaller copy from Excel.",
        "Tệp giải nén ra {detail}, vượt giới hạn an toàn nên bị từ chối. Hãy lưu một bản nhỏ hơn từ Excel.",
    ),
    "file.xml_entities": (
        "The workbook contains XML entity declarations (DOCTYPE in {part}), which Excel never writes; it was refused for safety. Open it in Excel and save it again.",
        "Tệp chứa khai báo thực thể XML (DOCTYPE trong {part}), Excel không bao giờ tạo ra; tệp bị từ chối để an toàn. Mở bằng Excel và lưu lại.",
    ),
    "file.corrupt": (
        "The file cannot be read as a workbook ({detail}). Open it in Excel, save it again as .xlsx and retry.",
        "Không đọc được tệp ({detail}). Mở bằng Excel, lưu lại dạng .xlsx rồi thử lại.",
    ),
    "sheet.missing": (
        "The sheet '{sheet}' is missing. Add a sheet named '{name_vi}' or '{name_en}' (see the template).",
        "Thiếu sheet '{sheet}'. Thêm sheet tên '{name_vi}' hoặc '{name_en}' (xem tệp mẫu).",
    ),
    "sheet.duplicate": (
        "Two sheets are both '{sheet}' ('{name}' is ignored). Keep one of them.",
        "Có hai sheet cùng là '{sheet}' (bỏ qua '{name}'). Chỉ giữ một sheet.",
    ),
    "sheet.unknown": (
        "The sheet '{name}' is not part of the scenario format; it is ignored.",
        "Sheet '{name}' không thuộc định dạng kịch bản; được bỏ qua.",
    ),
    "sheet.empty": (
        "The sheet '{sheet}' has no data rows. Add at least one row below the header.",
        "Sheet '{sheet}' không có dòng dữ liệu. Thêm ít nhất một dòng dưới dòng tiêu đề.",
    ),
    "header.not_found": (
        "No header row found in the sheet '{sheet}'. One of the first rows must hold column names such as {expected}.",
        "Không tìm thấy dòng tiêu đề trong sheet '{sheet}'. Một trong các dòng đầu phải có tên cột như {expected}.",
    ),
    "column.missing": (
        "The column '{col}' is missing from the sheet '{sheet}'. Add a column headed '{name_vi}' or '{name_en}'.",
        "Sheet '{sheet}' thiếu cột '{col}'. Thêm cột có tiêu đề '{name_vi}' hoặc '{name_en}'.",
    ),
    "column.unknown": (
        "The column '{header}' is not part of the format; it is ignored.",
        "Cột '{header}' không thuộc định dạng; được bỏ qua.",
    ),
    "column.duplicate": (
        "The column '{col}' appears twice; the second one ('{header}') is ignored.",
        "Cột '{col}' xuất hiện hai lần; cột thứ hai ('{header}') được bỏ qua.",
    ),
    "cell.not_a_number": (
        "'{value}' in '{col}' is text, not a number. Type the number itself (for example 1385 or 1.5) so that Excel stores it as a number; text such as '1,5' or '1.385' is not guessed.",
        "'{value}' ở cột '{col}' là chữ, không phải số. Hãy nhập lại con số (ví dụ 1385 hoặc 1,5) để Excel lưu dạng số; chữ như '1,5' hay '1.385' không được tự đoán.",
    ),
    "cell.negative": (
        "{value} in '{col}' is negative. Enter a quantity of zero or more.",
        "{value} ở cột '{col}' là số âm. Nhập giá trị từ 0 trở lên.",
    ),
    "cell.out_of_range": (
        "{value} in '{col}' is outside the allowed range {min}–{max}. Correct the value.",
        "{value} ở cột '{col}' nằm ngoài khoảng cho phép {min}–{max}. Sửa lại giá trị.",
    ),
    "cell.not_integer": (
        "{value} in '{col}' must be a whole number (for example 2021).",
        "{value} ở cột '{col}' phải là số nguyên (ví dụ 2021).",
    ),
    "cell.not_allowed": (
        "'{value}' is not an allowed value of '{col}'. Use one of: {allowed}.",
        "'{value}' không phải giá trị hợp lệ của cột '{col}'. Dùng một trong: {allowed}.",
    ),
    "cell.required": (
        "'{col}' is empty but required. Fill it in.",
        "Cột '{col}' đang trống nhưng bắt buộc. Hãy điền giá trị.",
    ),
    "cell.not_a_date": (
        "'{value}' in '{col}' is not a date. Enter a date (for example 2024-01-01).",
        "'{value}' ở cột '{col}' không phải ngày. Nhập ngày (ví dụ 2024-01-01).",
    ),
    "field.unknown": (
        "'{value}' is not a known field of the sheet '{sheet}'; it is ignored.",
        "'{value}' không phải thông tin của sheet '{sheet}'; được bỏ qua.",
    ),
    "fuel.unknown": (
        "The fuel '{value}' is not in the factor library nor in your Factors sheet. Use a fuel of the library (the closest: {examples}), add it to the Factors sheet, or give your own factor in '{factor_col}'.",
        "Nhiên liệu '{value}' không có trong thư viện hệ số hoặc sheet Hệ số. Dùng một nhiên liệu trong thư viện (gần nhất: {examples}), thêm vào sheet Hệ số, hoặc nhập hệ số riêng ở cột '{factor_col}'.",
    ),
    "unit.incompatible": (
        "A quantity in {unit} cannot apply to {fuel}: the library has its factor only per {units} (no heating value or density to convert). Give the quantity in {units}, or your own factor per {unit} in '{factor_col}'.",
        "Lượng tính bằng {unit} không áp dụng được cho {fuel}: thư viện chỉ có hệ số theo {units} (không có nhiệt trị hay khối lượng riêng để quy đổi). Nhập lượng theo {units}, hoặc nhập hệ số riêng theo {unit} ở cột '{factor_col}'.",
    ),
    "activity.incomplete": (
        "The row has no emissions to compute: give fuel, quantity and unit, or a known result in '{known_col}'.",
        "Dòng này chưa tính được phát thải: nhập nhiên liệu, lượng và đơn vị, hoặc kết quả đã biết ở cột '{known_col}'.",
    ),
    "category.scope_mismatch": (
        "The category '{value}' belongs to scope {expected}, not scope {scope}. Change the scope or the category.",
        "Hạng mục '{value}' thuộc phạm vi {expected}, không phải phạm vi {scope}. Sửa phạm vi hoặc hạng mục.",
    ),
    "target.years": (
        "The target year {target_year} must be after the base year {base_year}. Correct one of the years.",
        "Năm mục tiêu {target_year} phải sau năm cơ sở {base_year}. Sửa lại một trong hai năm.",
    ),
    "target.no_reduction": (
        "The target has no reduction. Give a reduction in % or in tonnes.",
        "Mục tiêu chưa có mức giảm. Nhập mức giảm theo % hoặc theo tấn.",
    ),
    "measure.missing_inputs": (
        "The measure cannot be computed: for '{method}' give {needed}.",
        "Chưa tính được giải pháp: với phương pháp '{method}' cần nhập {needed}.",
    ),
    "measure.unit_incompatible": (
        "The saving in {unit} cannot apply to {fuel}. Use a unit the factor library has for this fuel ({units}).",
        "Lượng tiết kiệm tính bằng {unit} không áp dụng được cho {fuel}. Dùng đơn vị có trong thư viện cho nhiên liệu này ({units}).",
    ),
    "measure.switch_unknown": (
        "The new energy '{value}' (energy switch) has no factor for {unit}. Use a library fuel and a unit it has.",
        "Năng lượng mới '{value}' (chuyển dịch năng lượng) không có hệ số theo {unit}. Dùng nhiên liệu trong thư viện và đơn vị phù hợp.",
    ),
    "measure.negative_saving": (
        "The rate after ({after}) is higher than before ({before}): the measure would use more energy. Check the two rates.",
        "Định mức sau ({after}) cao hơn trước ({before}): giải pháp sẽ dùng nhiều năng lượng hơn. Kiểm tra lại hai định mức.",
    ),
    "measure.fuel_not_used": (
        "No emission source of the site uses {fuel}{where}: this measure saves nothing in the inventory. Check the fuel, site and source.",
        "Không có nguồn phát thải nào của cơ sở dùng {fuel}{where}: giải pháp không giảm được gì trong kiểm kê. Kiểm tra nhiên liệu, cơ sở và nguồn.",
    ),
    "measure.exceeds_source": (
        "The saving ({saving} {unit}) is larger than what the source still uses after the measures above it ({available} {unit}); only {pct} % is counted.",
        "Lượng tiết kiệm ({saving} {unit}) lớn hơn lượng nguồn còn dùng sau các giải pháp phía trên ({available} {unit}); chỉ tính {pct} %.",
    ),
    "measure.lifetime_invalid": (
        "A lifetime of {value} years saves nothing. Leave '{col}' blank for 'lasts the whole analysis period' (no replacement, no salvage) or give the years.",
        "Tuổi thọ {value} năm thì không tiết kiệm được gì. Để trống '{col}' nếu giải pháp dùng suốt thời gian phân tích (không thay thế, không giá trị thu hồi), hoặc nhập số năm.",
    ),
    "measure.duplicate_id": (
        "The ID '{value}' is already used by the measure on row {first}. Give every measure its own ID (financing and the 5W1H plan refer to it).",
        "Mã '{value}' đã dùng cho giải pháp ở dòng {first}. Mỗi giải pháp cần một mã riêng (nguồn vốn và kế hoạch 5W1H tham chiếu theo mã).",
    ),
    "measure.unit_missing": (
        "The known saving has no unit and the inventory has no single unit for {fuel}: the measure saves nothing. Fill in '{col}' (for example {units}).",
        "Lượng tiết kiệm đã biết chưa có đơn vị và kiểm kê không có một đơn vị duy nhất cho {fuel}: giải pháp chưa tiết kiệm được gì. Hãy điền '{col}' (ví dụ {units}).",
    ),
    "measure.unit_from_inventory": (
        "'{col}' is blank: {unit}, the unit the inventory uses for {fuel}, is taken. Fill it in to make it explicit.",
        "'{col}' đang trống: dùng {unit}, đơn vị của {fuel} trong kiểm kê. Hãy điền đơn vị để rõ ràng.",
    ),
    "plan.start_window": (
        "The latest start ({latest}) is before the earliest start ({earliest}): the least-cost plan cannot start this measure in any year. Correct one of the two years.",
        "Năm bắt đầu muộn nhất ({latest}) trước năm bắt đầu sớm nhất ({earliest}): kế hoạch chi phí thấp nhất không thể bắt đầu giải pháp này vào năm nào. Sửa lại một trong hai năm.",
    ),
    "plan.year_range": (
        "{value} in '{col}' is outside the years of the plan ({first}–{last}, after the base year): {effect}. Enter a year in that range.",
        "{value} ở cột '{col}' nằm ngoài các năm của kế hoạch ({first}–{last}, sau năm cơ sở): {effect}. Nhập một năm trong khoảng đó.",
    ),
    "budget.negative": (
        "The budget {value} is negative: the plan takes it as 0 (no investment that year). Enter zero or more, or leave it blank for unlimited.",
        "Ngân sách {value} là số âm: kế hoạch coi là 0 (không đầu tư năm đó). Nhập giá trị từ 0 trở lên, hoặc để trống nếu không giới hạn.",
    ),
    "budget.duplicate_year": (
        "The year {year} is also on row {first}: the two budgets are added together. Keep one row per year if that is not meant.",
        "Năm {year} cũng có ở dòng {first}: hai ngân sách được cộng lại. Chỉ giữ một dòng cho mỗi năm nếu không có ý đó.",
    ),
    "grid.year_missing": (
        "The library has no grid factor for {year}; {used} tCO2/MWh of {used_year} is used instead.",
        "Thư viện không có hệ số lưới điện năm {year}; dùng {used} tCO2/MWh của năm {used_year}.",
    ),
    "factor.duplicate": (
        "The Factors sheet defines {fuel} per {dimension} twice; the last row wins.",
        "Sheet Hệ số khai báo {fuel} theo {dimension} hai lần; dòng cuối được dùng.",
    ),
    "variant.no_name": (
        "This line has no variant name; it is ignored. Fill in '{col}' with the name of the variant the line belongs to.",
        "Dòng này không có tên phương án nên bị bỏ qua. Điền cột '{col}' bằng tên phương án của dòng.",
    ),
    "variant.unknown_sheet": (
        "'{value}' in '{col}' is not a sheet of the scenario; the line is ignored. Use one of: {allowed}.",
        "'{value}' ở cột '{col}' không phải sheet của kịch bản nên dòng bị bỏ qua. Dùng một trong: {allowed}.",
    ),
    "variant.unknown_column": (
        "'{value}' in '{col}' is not a column or field of the sheet '{target}'; the line is ignored. Write the header as in that sheet, for example '{example}'.",
        "'{value}' ở cột '{col}' không phải cột hay thông tin của sheet '{target}' nên dòng bị bỏ qua. Ghi tiêu đề như trong sheet đó, ví dụ '{example}'.",
    ),
    "variant.bad_record": (
        "'{value}' in '{col}' is not a record number; the line is ignored. Enter a whole number from 1 (1 = the first record of the sheet '{target}').",
        "'{value}' ở cột '{col}' không phải số thứ tự bản ghi nên dòng bị bỏ qua. Nhập số nguyên từ 1 (1 = bản ghi đầu tiên của sheet '{target}').",
    ),
    "variant.duplicate_cell": (
        "The variant '{name}' gives '{field}' of {where} twice (also on row {first}); this later line wins. Delete one of the two lines.",
        "Phương án '{name}' ghi '{field}' của {where} hai lần (cả ở dòng {first}); dòng sau này được dùng. Xóa một trong hai dòng.",
    ),
    "variant.main_lines": (
        "'{name}' is the variant held by the main sheets, so its {count} line(s) here are ignored. Change the main sheets instead, or delete these lines.",
        "'{name}' là phương án nằm trong các sheet chính nên {count} dòng của nó ở đây bị bỏ qua. Hãy sửa các sheet chính, hoặc xóa các dòng này.",
    ),
    "variant.two_main": (
        "Both '{first}' and '{name}' are marked '{mark}'; '{first}' (the first) is taken as the variant in the main sheets. Clear the mark of the other one.",
        "Cả '{first}' và '{name}' đều được đánh dấu '{mark}'; '{first}' (dòng đầu) được coi là phương án trong các sheet chính. Xóa dấu của phương án kia.",
    ),
    "internal.error": (
        "Unexpected error while reading the file ({detail}). Your current scenario is unchanged; please send the file to the trainer.",
        "Lỗi không mong đợi khi đọc tệp ({detail}). Kịch bản hiện tại không thay đổi; vui lòng gửi tệp cho giảng viên.",
    ),
}


#: Where a problem of a variant is, put before its message: ``(english, vietnamese)`` templates.
# messages of the upload hardening, kept in their own modules (one per area)
for _extra in (messages_limits.MESSAGES, messages_reading.MESSAGES, messages_names.MESSAGES):
    _clash = set(_extra) & set(MESSAGES)
    if _clash:  # pragma: no cover - a programming error caught by any test that imports this
        raise ValueError(f"duplicate problem codes: {sorted(_clash)}")
    MESSAGES.update(_extra)

IN_VARIANT = ("Variant '{name}': ", "Phương án '{name}': ")
IN_VARIANT_SHEET = ("Variant '{name}', sheet '{sheet_en}': ", "Phương án '{name}', sheet '{sheet_vi}': ")
IN_VARIANT_RECORD = ("Variant '{name}', sheet '{sheet_en}', record {record}: ",
                     "Phương án '{name}', sheet '{sheet_vi}', bản ghi {record}: ")
#: Wording of the places named in ``variant.duplicate_cell``.
A_RECORD = ("record {record} of the sheet '{sheet_en}'", "bản ghi {record} của sheet '{sheet_vi}'")
THE_SHEET = ("the sheet '{sheet_en}'", "sheet '{sheet_vi}'")
#: Shown for an empty cell quoted in a message.
EMPTY = ("(empty)", "(trống)")
#: The writer's refusal when the Variants sheet would not fit in an Excel sheet.
TOO_MANY_VARIANT_LINES = (
    "The variants need {lines:,} lines in the Variants sheet, more than the {limit:,} rows of an Excel "
    "sheet. Keep fewer variants, or fewer changed tables per variant, and download again.",
    "Các phương án cần {lines:,} dòng trong sheet Phương án, nhiều hơn {limit:,} dòng của một sheet "
    "Excel. Hãy giữ ít phương án hơn, hoặc ít bảng thay đổi hơn trong mỗi phương án, rồi tải lại.",
)


def problem(code: str, sheet: str | None = None, row: int | None = None, column: str | None = None,
            severity: str = ERROR, **values) -> Problem:
    """Build a :class:`Problem` with both messages filled in.

    ``sheet`` and ``column`` are canonical keys; their labels in each language fill ``{sheet}``
    and ``{col}``. A value given as a 2-tuple is ``(english, vietnamese)``.
    """
    en_tpl, vi_tpl = MESSAGES[code]
    spec = sheet_spec(sheet)
    col = next((c for c in spec.columns if c.key == column), None) if spec else None

    def fill(template: str, lang: str) -> str:
        ctx = {k: (v[0] if lang == "en" else v[1]) if isinstance(v, tuple) else v
               for k, v in values.items()}
        ctx.setdefault("sheet", spec.label(lang) if spec else (sheet or ""))
        ctx.setdefault("col", col.label(lang) if col else (column or ""))
        ctx.setdefault("name_vi", col.vi if col else (spec.vi if spec else ""))
        ctx.setdefault("name_en", col.en if col else (spec.en if spec else ""))
        return template.format(**ctx)

    return Problem(sheet, row, column, code, severity, fill(en_tpl, "en"), fill(vi_tpl, "vi"))

"""Problem messages of the upload work on reading (merged into :data:`workbook.messages.MESSAGES`).

code → (English, Vietnamese); the same conventions as :mod:`workbook.messages`.
"""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "cell.error_value": (
        "'{col}' holds the Excel error {value} (a formula that failed, for example a lookup that found nothing). An error is never read as empty or zero: correct the formula or type the value (clear the cell if there is none).",
        "Cột '{col}' chứa lỗi Excel {value} (công thức bị lỗi, ví dụ hàm tra cứu không tìm thấy). Lỗi không bao giờ được đọc thành ô trống hay số 0: hãy sửa công thức hoặc nhập giá trị (xóa ô nếu không có giá trị).",
    ),
    "cell.error_value_ignored": (
        "The cell {ref} holds the Excel error {value}. It is outside the columns the scenario reads, so it changes nothing; correct or clear it if a value you typed depends on it.",
        "Ô {ref} chứa lỗi Excel {value}. Ô này nằm ngoài các cột kịch bản đọc nên không ảnh hưởng; hãy sửa hoặc xóa nếu một giá trị bạn nhập phụ thuộc vào nó.",
    ),
    "cell.percent_converted": (
        "'{col}' is formatted as a percentage in Excel ({count} cell(s) from this row on, e.g. {stored} shown as {shown} %): read as {shown} %, the way Excel shows it.",
        "Cột '{col}' được định dạng phần trăm trong Excel ({count} ô từ dòng này, ví dụ {stored} hiển thị là {shown} %): được đọc là {shown} %, đúng như Excel hiển thị.",
    ),
    "cell.percent_format": (
        "The cell shows {shown} % but '{col}' is not a percentage; the value it holds, {stored}, is used. If you meant {stored}, remove the percentage format (Home → Number → General); otherwise type the intended value.",
        "Ô hiển thị {shown} % nhưng cột '{col}' không phải tỷ lệ phần trăm; giá trị ô đang lưu, {stored}, được dùng. Nếu đúng là {stored}, hãy bỏ định dạng phần trăm (Trang chủ → Số → General); nếu không, nhập lại giá trị mong muốn.",
    ),
    "cell.text_too_long": (
        "The text in '{col}' reaches {length} characters, the most an Excel cell can hold (32,767): a longer text (from a file not saved by Excel) is cut there, so the cell is not read. Shorten it.",
        "Nội dung ở cột '{col}' đạt {length} ký tự, mức tối đa một ô Excel chứa được (32.767): văn bản dài hơn (từ tệp không lưu bằng Excel) bị cắt tại đó nên ô không được đọc. Hãy rút ngắn.",
    ),
    "cell.date_before_1900": (
        "'{value}' in '{col}' is before 1 January 1900 (or an Excel date number of 0 or less), which Excel cannot hold as a date. Enter the real date, for example 2024-01-01.",
        "'{value}' ở cột '{col}' là ngày trước 01/01/1900 (hoặc số ngày Excel bằng 0 hay âm), Excel không lưu được dạng ngày. Nhập đúng ngày, ví dụ 2024-01-01.",
    ),
    "sheet.hidden_used": (
        "The sheet '{name}', read as '{sheet}', is {hidden} in Excel: its data is used. Unhide it to check it (right-click a sheet tab → Unhide), or delete it if it is an old copy.",
        "Sheet '{name}', được đọc làm '{sheet}', đang {hidden} trong Excel: dữ liệu của nó được dùng. Hãy hiện sheet để kiểm tra (nhấp phải vào thẻ sheet → Unhide), hoặc xóa nếu là bản cũ.",
    ),
    "sheet.hidden_skipped": (
        "The {hidden} sheet '{name}' also matches '{sheet}'; the visible sheet '{used}' is read and '{name}' is ignored.",
        "Sheet '{name}' ({hidden}) cũng khớp với '{sheet}'; sheet đang hiện '{used}' được đọc và '{name}' được bỏ qua.",
    ),
    "sheet.formats_unchecked": (
        "The cell formats of the sheet '{sheet}' could not be checked ({detail}): percentages and Excel error values in it may be read as plain numbers and empty cells. Open the file in Excel, save it again and retry.",
        "Không kiểm tra được định dạng ô của sheet '{sheet}' ({detail}): số phần trăm và lỗi Excel trong sheet có thể bị đọc thành số thường và ô trống. Mở tệp bằng Excel, lưu lại rồi thử lại.",
    ),
    "financing.unknown_measure": (
        "No measure has the ID '{value}': this financing row applies to no measure and is left out of every result. Use the ID of a row of the Measures sheet ({ids}), or '*' for all measures.",
        "Không có giải pháp nào mang mã '{value}': dòng nguồn vốn này không áp dụng cho giải pháp nào và không được tính vào kết quả. Dùng mã của một dòng trong sheet Giải pháp ({ids}), hoặc '*' cho mọi giải pháp.",
    ),
}

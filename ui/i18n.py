"""UI text in Vietnamese (the deck's own terms) and English.

``t(key, lang, **values)`` returns the text for a key; a missing key is a bug caught by the
i18n test (every key has both languages).
"""
from __future__ import annotations

LANGS = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANG = "vi"

TEXT: dict[str, dict[str, str]] = {
    "app.title": {"vi": "Kịch bản tiết kiệm năng lượng", "en": "Energy-saving scenarios"},
    "app.caption": {
        "vi": "Từ kiểm kê khí nhà kính đến mục tiêu, giải pháp và kế hoạch đầu tư.",
        "en": "From the GHG inventory to targets, measures and an investment plan.",
    },
    "app.page_failed": {
        "vi": "Trang này gặp lỗi khi tính toán. Kịch bản của bạn vẫn được giữ nguyên; hãy hoàn tác thay đổi vừa rồi hoặc tải kịch bản về và gửi cho giảng viên.",
        "en": "This page failed while computing. Your scenario is unchanged; undo your last change, or download the scenario and send it to the trainer.",
    },
    "sidebar.source": {"vi": "Nguồn kịch bản", "en": "Scenario source"},
    "sidebar.source.sample": {"vi": "Tệp mẫu", "en": "Sample"},
    "sidebar.source.upload": {"vi": "Tải tệp lên", "en": "Upload"},
    "sidebar.source.keep": {"vi": "Tiếp tục chỉnh sửa", "en": "Keep editing"},
    "sidebar.sample_pick": {"vi": "Chọn tệp mẫu", "en": "Choose a sample"},
    "sidebar.sample_load": {"vi": "Mở tệp mẫu", "en": "Open the sample"},
    "sidebar.upload": {"vi": "Tệp Excel kịch bản (.xlsx)", "en": "Scenario workbook (.xlsx)"},
    "sidebar.current": {"vi": "Đang dùng: **{name}**", "en": "Current scenario: **{name}**"},
    "sidebar.edited": {"vi": "(đã chỉnh sửa)", "en": "(edited)"},
    "sidebar.download": {"vi": "Tải kịch bản về (.xlsx)", "en": "Download the scenario (.xlsx)"},
    "sidebar.template": {"vi": "Tải tệp mẫu trống", "en": "Download an empty template"},
    "sidebar.library": {"vi": "Thư viện hệ số v{version}", "en": "Factor library v{version}"},
    "upload.loaded": {"vi": "Đã mở tệp **{name}**.", "en": "Loaded **{name}**."},
    "upload.failed": {
        "vi": "Không mở được **{name}**: {n} lỗi. Kịch bản trước đó vẫn được giữ nguyên. Sửa các lỗi dưới đây rồi tải lại.",
        "en": "Could not load **{name}**: {n} error(s). Your previous scenario is still loaded. Fix the problems below and upload again.",
    },
    "upload.notes": {"vi": "Ghi chú khi đọc tệp ({n})", "en": "Notes from reading the file ({n})"},
    "problems.sheet": {"vi": "Sheet", "en": "Sheet"},
    "problems.row": {"vi": "Dòng", "en": "Row"},
    "problems.column": {"vi": "Cột", "en": "Column"},
    "problems.severity": {"vi": "Mức độ", "en": "Severity"},
    "problems.message": {"vi": "Vấn đề và cách sửa", "en": "Problem and how to fix it"},
    "severity.error": {"vi": "Lỗi", "en": "Error"},
    "severity.warning": {"vi": "Cảnh báo", "en": "Warning"},
    "severity.info": {"vi": "Ghi chú", "en": "Note"},
    "page.inventory": {"vi": "Kiểm kê KNK", "en": "GHG inventory"},
    "page.targets": {"vi": "Mục tiêu", "en": "Targets"},
    "page.measures": {"vi": "Giải pháp TKNL", "en": "Measures"},
    "page.finance": {"vi": "Tài chính", "en": "Finance"},
    "page.mv": {"vi": "Thực hiện & M&V", "en": "Implementation & M&V"},
    "coming.title": {"vi": "Sắp ra mắt", "en": "Coming soon"},
    "coming.body": {
        "vi": "Trang **{page}** đang được xây dựng. Dữ liệu của trang này trong tệp Excel (sheet {sheets}) đã được đọc, kiểm tra và giữ nguyên khi tải về.",
        "en": "The **{page}** page is being built. Its data in the workbook (sheet {sheets}) is already read, checked and kept when you download.",
    },
    "inv.title": {"vi": "Kiểm kê khí nhà kính – Phạm vi 1, 2, 3", "en": "Greenhouse-gas inventory – Scopes 1, 2, 3"},
    "inv.caption": {
        "vi": "{company} · năm cơ sở {year} · phát thải = dữ liệu hoạt động × hệ số phát thải (GHG Protocol)",
        "en": "{company} · base year {year} · emissions = activity data × emission factor (GHG Protocol)",
    },
    "inv.grid_short": {"vi": "hệ số lưới điện {ef} tCO2/MWh ({year})", "en": "grid factor {ef} tCO2/MWh ({year})"},
    "inv.grid_own": {"vi": "giá trị riêng", "en": "company value"},
    "inv.total": {"vi": "Tổng phát thải", "en": "Total emissions"},
    "inv.scope1": {"vi": "Phạm vi 1 (trực tiếp)", "en": "Scope 1 (direct)"},
    "inv.scope2": {"vi": "Phạm vi 2 (gián tiếp)", "en": "Scope 2 (indirect)"},
    "inv.scope3": {"vi": "Phạm vi 3", "en": "Scope 3"},
    "inv.unit_t": {"vi": "tCO2e/năm", "en": "tCO2e/yr"},
    "inv.share_of_total": {"vi": "{pct} tổng", "en": "{pct} of total"},
    "inv.summary": {"vi": "Tổng hợp theo hạng mục", "en": "Summary by category"},
    "inv.by_site": {"vi": "Theo cơ sở", "en": "By site"},
    "inv.sources": {"vi": "Các nguồn phát thải", "en": "Emission sources"},
    "inv.mix": {"vi": "Cơ cấu phát thải: phạm vi → hạng mục → nguồn", "en": "Emission mix: scope → category → source"},
    "inv.pareto": {"vi": "Nguồn phát thải lớn nhất (Pareto 80 %)", "en": "Largest sources (Pareto 80 %)"},
    "inv.pareto_note": {
        "vi": "{n} trên {total} nguồn chiếm {pct} tổng phát thải.",
        "en": "{n} of {total} sources make {pct} of the total.",
    },
    "inv.cumulative": {"vi": "Lũy kế %", "en": "Cumulative %"},
    "inv.editor": {"vi": "Dữ liệu hoạt động (chỉnh sửa trực tiếp)", "en": "Activity data (edit in place)"},
    "inv.editor_help": {
        "vi": "Sửa, thêm hoặc xóa dòng; mọi số liệu trên các trang được tính lại ngay. Tải kịch bản về để lưu thay đổi.",
        "en": "Edit, add or delete rows; every figure on every page is recomputed at once. Download the scenario to keep your changes.",
    },
    "inv.row_problems": {"vi": "Các dòng chưa tính được ({n})", "en": "Rows that cannot be computed ({n})"},
    "inv.row_problem": {"vi": "Dòng {row}: {msg}", "en": "Row {row}: {msg}"},
    "inv.empty": {
        "vi": "Chưa có dữ liệu hoạt động. Thêm dòng vào bảng bên dưới hoặc tải lên một tệp.",
        "en": "No activity data yet. Add rows to the table below or upload a workbook.",
    },
    "inv.how": {"vi": "Cách tính các con số này", "en": "How is this computed"},
    "inv.how_formula": {
        "vi": "**Phát thải (tCO2e) = Lượng tiêu thụ × Hệ số phát thải** (quy đổi đơn vị khi cần); rò rỉ môi chất lạnh: kg × GWP / 1000. Tỷ lệ % = phát thải của nguồn / tổng phát thải × 100.",
        "en": "**Emissions (tCO2e) = quantity × emission factor** (units converted where needed); refrigerant leaks: kg × GWP / 1000. Share % = the source's emissions / total × 100.",
    },
    "inv.grid.company_value": {
        "vi": "Hệ số lưới điện: **{ef} tCO2/MWh**, giá trị riêng của công ty (sheet Công ty).",
        "en": "Grid factor: **{ef} tCO2/MWh**, the company's own value (Company sheet).",
    },
    "inv.grid.grid_ef_year": {
        "vi": "Hệ số lưới điện: **{ef} tCO2/MWh** năm {year}, theo năm được chọn trong sheet Công ty. Nguồn: {source}.",
        "en": "Grid factor: **{ef} tCO2/MWh** for {year}, the year chosen in the Company sheet. Source: {source}.",
    },
    "inv.grid.nearest_before_requested": {
        "vi": "Hệ số lưới điện: **{ef} tCO2/MWh** năm {year}: thư viện không có năm được chọn nên dùng năm gần nhất trước đó. Nguồn: {source}.",
        "en": "Grid factor: **{ef} tCO2/MWh** for {year}: the library has no value for the chosen year, so the latest earlier year is used. Source: {source}.",
    },
    "inv.grid.base_year": {
        "vi": "Hệ số lưới điện: **{ef} tCO2/MWh** năm {year}, năm gần nhất không sau năm cơ sở. Nguồn: {source}.",
        "en": "Grid factor: **{ef} tCO2/MWh** for {year}, the latest year not after the base year. Source: {source}.",
    },
    "inv.grid.latest": {
        "vi": "Hệ số lưới điện: **{ef} tCO2/MWh** năm {year}, năm mới nhất của thư viện (chưa có năm cơ sở). Nguồn: {source}.",
        "en": "Grid factor: **{ef} tCO2/MWh** for {year}, the library's latest year (no base year given). Source: {source}.",
    },
    "inv.gwp": {"vi": "GWP theo bộ IPCC {gwp}.", "en": "GWP from IPCC {gwp}."},
    "col.no": {"vi": "TT", "en": "No."},
    "col.scope": {"vi": "Phạm vi", "en": "Scope"},
    "col.category": {"vi": "Hạng mục", "en": "Category"},
    "col.source": {"vi": "Nguồn phát thải", "en": "Source"},
    "col.site": {"vi": "Cơ sở", "en": "Site"},
    "col.tco2e": {"vi": "Lượng phát thải CO2e (tấn/năm)", "en": "CO2e emissions (t/yr)"},
    "col.share": {"vi": "Tỷ lệ %", "en": "Share %"},
    "col.quantity": {"vi": "Lượng tiêu thụ", "en": "Quantity"},
    "col.factor": {"vi": "Hệ số phát thải", "en": "Emission factor"},
    "col.calc": {"vi": "Phép tính", "en": "Calculation"},
    "col.factor_source": {"vi": "Nguồn hệ số", "en": "Factor source"},
    "col.toe": {"vi": "TOE", "en": "TOE"},
    "row.scope_total": {"vi": "Phát thải Phạm vi {scope}", "en": "Scope {scope} emissions"},
    "row.total": {"vi": "Tổng phát thải", "en": "Total emissions"},
    "scope.label": {"vi": "Phạm vi {scope}", "en": "Scope {scope}"},
    "factor.row": {"vi": "hệ số riêng của dòng", "en": "the row's own factor"},
    "factor.known": {"vi": "kết quả đã biết", "en": "known result"},
}


def t(key: str, lang: str, **values) -> str:
    """Text for ``key`` in ``lang`` ("vi" or "en"), formatted with ``values``."""
    entry = TEXT[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text

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
    "tgt.title": {"vi": "Thiết lập mục tiêu giảm phát thải", "en": "Setting the reduction target"},
    "tgt.caption": {
        "vi": "Phát thải năm cơ sở lấy từ trang Kiểm kê: Phạm vi 1 {s1} t, Phạm vi 2 {s2} t, Phạm vi 3 {s3} t.",
        "en": "Base-year emissions come from the inventory page: Scope 1 {s1} t, Scope 2 {s2} t, Scope 3 {s3} t.",
    },
    "tgt.type": {"vi": "Loại mục tiêu", "en": "Target type"},
    "tgt.type.absolute": {"vi": "Mục tiêu tuyệt đối", "en": "Absolute target"},
    "tgt.type.physical_intensity": {"vi": "Mục tiêu cường độ vật lý", "en": "Physical-intensity target"},
    "tgt.type.economic_intensity": {"vi": "Mục tiêu cường độ kinh tế", "en": "Economic-intensity target"},
    "tgt.scope": {"vi": "Phạm vi áp dụng", "en": "Scopes covered"},
    "tgt.scope_line": {"vi": "Phạm vi {scope}", "en": "Scope {scope}"},
    "tgt.base_year": {"vi": "Năm cơ sở", "en": "Base year"},
    "tgt.target_year": {"vi": "Năm mục tiêu", "en": "Target year"},
    "tgt.mode": {"vi": "Mức giảm tính theo", "en": "Reduction given as"},
    "tgt.mode.pct": {"vi": "% so với năm cơ sở", "en": "% of the base year"},
    "tgt.mode.t": {"vi": "tấn CO2e", "en": "tonnes CO2e"},
    "tgt.reduction": {"vi": "Tổng giảm phát thải", "en": "Total reduction"},
    "tgt.method": {"vi": "Dạng lộ trình", "en": "Path"},
    "tgt.method.linear": {"vi": "Tuyến tính", "en": "Linear"},
    "tgt.method.compound": {"vi": "Giảm đều %/năm", "en": "Constant % per year"},
    "tgt.split": {"vi": "Mục tiêu riêng cho một phạm vi (như tài liệu: Phạm vi 1 giảm 10 %)", "en": "A sub-target for one scope (as in the deck: Scope 1 -10 %)"},
    "tgt.split_scope": {"vi": "Phạm vi có mục tiêu riêng", "en": "Scope with its own target"},
    "tgt.split_pct": {"vi": "Mức giảm riêng (%)", "en": "Its reduction (%)"},
    "tgt.growth": {"vi": "Tăng trưởng thông thường – BAU (%/năm)", "en": "Business-as-usual growth (%/yr)"},
    "tgt.output_base": {"vi": "Sản lượng năm cơ sở", "en": "Base-year output"},
    "tgt.value_added_base": {"vi": "Giá trị gia tăng năm cơ sở", "en": "Base-year value added"},
    "tgt.bad_years": {
        "vi": "Năm mục tiêu ({target}) phải sau năm cơ sở ({base}). Sửa một trong hai năm; mục tiêu trước đó vẫn được giữ.",
        "en": "The target year ({target}) must be after the base year ({base}). Change one of them; the previous target is kept.",
    },
    "tgt.path": {"vi": "Lộ trình giảm phát thải", "en": "Reduction path"},
    "tgt.bau": {"vi": "Thông thường (BAU)", "en": "Business as usual (BAU)"},
    "tgt.ref15": {"vi": "SBTi 1,5 °C (4,2 %/năm)", "en": "SBTi 1.5 °C (4.2 %/yr)"},
    "tgt.refwb": {"vi": "SBTi dưới 2 °C (2,5 %/năm)", "en": "SBTi well-below 2 °C (2.5 %/yr)"},
    "tgt.table": {"vi": "Bảng lộ trình theo năm", "en": "Path by year"},
    "tgt.base": {"vi": "năm cơ sở", "en": "base year"},
    "tgt.pct_of_base": {"vi": "% {line} so với năm cơ sở", "en": "{line} as % of base"},
    "tgt.sbti": {"vi": "So sánh với tốc độ theo khoa học (SBTi)", "en": "Compared with science-based rates (SBTi)"},
    "tgt.sbti_rate": {
        "vi": "Tốc độ giảm tuyến tính {rate} %/năm so với năm cơ sở. SBTi yêu cầu {r15} %/năm cho 1,5 °C (giảm {need15} % đến {year}) và {rwb} %/năm cho dưới 2 °C (giảm {needwb} %).",
        "en": "Linear reduction rate {rate} %/yr of the base year. SBTi asks {r15} %/yr for 1.5 °C ({need15} % by {year}) and {rwb} %/yr for well-below 2 °C ({needwb} %).",
    },
    "tgt.sbti_timeframe": {
        "vi": "Khung thời gian {years} năm nằm ngoài 5–10 năm của mục tiêu ngắn hạn SBTi.",
        "en": "The {years}-year timeframe is outside SBTi's 5–10 years for near-term targets.",
    },
    "tgt.sbti_coverage": {
        "vi": "Mục tiêu chỉ bao phủ {pct} % phát thải Phạm vi 1+2; SBTi yêu cầu ít nhất 95 %.",
        "en": "The target covers only {pct} % of Scope 1+2 emissions; SBTi requires at least 95 %.",
    },
    "tgt.sbti_scope3": {
        "vi": "Phạm vi 3 chiếm {pct} % tổng phát thải (≥ 40 %): SBTi yêu cầu thêm mục tiêu Phạm vi 3.",
        "en": "Scope 3 is {pct} % of the total (≥ 40 %): SBTi also requires a Scope 3 target.",
    },
    "tgt.intensity": {"vi": "Cường độ phát thải và phát thải tuyệt đối tương ứng", "en": "Intensity and the absolute emissions it implies"},
    "tgt.intensity_cols": {"vi": "Cường độ (tCO2e/đơn vị)|Sản lượng|Phát thải tương ứng (tCO2e)|Thay đổi so với năm cơ sở", "en": "Intensity (tCO2e/unit)|Output|Implied emissions (tCO2e)|Change vs base year"},
    "tgt.w.target.intensity_allows_growth": {
        "vi": "Mục tiêu cường độ này vẫn cho phép phát thải tuyệt đối TĂNG: sản lượng tăng nhanh hơn cường độ giảm.",
        "en": "This intensity target still lets absolute emissions GROW: output grows faster than intensity falls.",
    },
    "tgt.w.target.no_activity": {
        "vi": "Chưa có sản lượng năm cơ sở (sheet Sản xuất hoặc Công ty): lộ trình được vẽ như mục tiêu tuyệt đối.",
        "en": "No base-year output (Production or Company sheet): the path is drawn as an absolute target.",
    },
    "tgt.w.target.split_negative": {
        "vi": "Mục tiêu riêng của một phạm vi giảm ít hơn mức tổng cần: phạm vi còn lại phải xuống dưới 0.",
        "en": "The sub-target cuts less than the total needs: the other scope would have to go below zero.",
    },
    "tgt.types": {"vi": "Ưu và nhược điểm của các loại mục tiêu", "en": "Pros and cons of the target types"},
    "tgt.pros": {"vi": "Ưu điểm", "en": "Pros"},
    "tgt.cons": {"vi": "Nhược điểm", "en": "Cons"},
    "tgt.how": {"vi": "Cách tính lộ trình", "en": "How is this computed"},
    "tgt.how_linear": {
        "vi": "Tuyến tính: E(y) = E₀ × (1 − R × (y − y₀)/(T − y₀)). Ở đây E₀ = {e0} t, R = {r} %, y₀ = {y0}, T = {t}: mỗi năm giảm {step} t; năm {t}: {e0} × (1 − {r} %) = {et} t.",
        "en": "Linear: E(y) = E₀ × (1 − R × (y − y₀)/(T − y₀)). Here E₀ = {e0} t, R = {r} %, y₀ = {y0}, T = {t}: {step} t less each year; in {t}: {e0} × (1 − {r} %) = {et} t.",
    },
    "tgt.how_compound": {
        "vi": "Giảm đều: E(y) = E₀ × (1 − R)^((y − y₀)/(T − y₀)), tức giảm {a} % mỗi năm. E₀ = {e0} t, R = {r} %, năm {t}: {et} t.",
        "en": "Constant rate: E(y) = E₀ × (1 − R)^((y − y₀)/(T − y₀)), i.e. {a} % less each year. E₀ = {e0} t, R = {r} %, in {t}: {et} t.",
    },
    "tgt.how_split": {
        "vi": "Phạm vi {sub} theo lộ trình riêng (−{p} %); phạm vi còn lại = tổng − Phạm vi {sub} theo từng năm (như bảng của tài liệu).",
        "en": "Scope {sub} follows its own path (−{p} %); the other scope = total − Scope {sub}, year by year (as in the deck's table).",
    },
    "tgt.how_sbti": {
        "vi": "Tốc độ tuyến tính = R / (T − y₀) = {r} % / {n} = {rate} %/năm; SBTi 1,5 °C cần 4,2 %/năm × {n} = {need} %.",
        "en": "Linear rate = R / (T − y₀) = {r} % / {n} = {rate} %/yr; SBTi 1.5 °C needs 4.2 %/yr × {n} = {need} %.",
    },
    "tgt.others": {"vi": "Các mục tiêu khác trong sheet Mục tiêu", "en": "Other targets in the Targets sheet"},
    "tgt.default_name": {"vi": "Mục tiêu giảm phát thải", "en": "Reduction target"},
    "tgt.split_name": {"vi": "Phạm vi {scope} – mục tiêu riêng", "en": "Scope {scope} sub-target"},
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

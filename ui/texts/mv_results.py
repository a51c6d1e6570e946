"""UI texts of the M&V results (meters, driver notes, adjustments); keys start with ``mv.``.

The warning texts ``mv.w.<code>`` translate the codes of :data:`results.mv.RESULT_CODES`; those
with ``{drivers}``, ``{months}``, ``{names}`` or ``{rows}`` are filled by ``ui.mv_view.warning_text``.
"""

TEXT = {
    "mv.meter": {"vi": "Công tơ", "en": "Meter"},
    "mv.meter_help": {
        "vi": "Mỗi nhiên liệu / đơn vị của sheet Đo lường là một công tơ với mô hình đường cơ sở riêng.",
        "en": "Each fuel / unit of the Metering sheet is a meter with its own baseline model."},
    "mv.settings_help": {
        "vi": "Lựa chọn được lưu trong sheet Đo lường & kiểm chứng của kịch bản (có trong tệp tải về và báo cáo).",
        "en": "Your choices are saved in the scenario's M&V settings sheet (in the download and the report)."},
    "mv.drivers_default": {
        "vi": "Mặc định: các yếu tố có số liệu đủ mọi tháng cơ sở, không cố định, không toàn 0.",
        "en": "Default: every driver with data in all baseline months that is neither constant nor all zero."},
    "mv.adjustments_sheet": {
        "vi": "Điều chỉnh không thường xuyên (sheet Điều chỉnh không thường xuyên): số dương làm tăng đường cơ sở "
              "của tháng đó, theo đơn vị của công tơ; để trống nhiên liệu = công tơ đầu tiên.",
        "en": "Non-routine adjustments (the Non-routine adjustments sheet): a positive amount raises that month's "
              "baseline, in the meter's unit; a blank fuel means the first meter."},
    "mv.no_model": {
        "vi": "Chưa lập được mô hình đường cơ sở hoặc chưa có tháng giai đoạn báo cáo cho công tơ này; xem các cảnh "
              "báo ở trên.",
        "en": "No baseline model, or no reporting month, for this meter yet; see the warnings above."},
    "mv.w.mv.driver_all_zero": {
        "vi": "{drivers}: bằng 0 ở mọi tháng cơ sở (ví dụ không sưởi), không mang thông tin nên không đưa vào mô hình",
        "en": "{drivers}: 0 in every baseline month (e.g. no heating), so it carries no information and is left out "
              "of the model"},
    "mv.w.mv.driver_constant": {
        "vi": "{drivers}: cùng một giá trị ở mọi tháng cơ sở, không tách được khỏi hằng số nên không đưa vào mô hình",
        "en": "{drivers}: the same value in every baseline month, which cannot be told apart from the intercept, "
              "so it is left out of the model"},
    "mv.w.mv.driver_incomplete": {
        "vi": "{drivers}: thiếu số liệu ở một số tháng cơ sở nên không dùng mặc định (chọn để dùng, các tháng thiếu "
              "bị bỏ qua)",
        "en": "{drivers}: missing in some baseline months, so not used by default (choose it to use it; those months "
              "are then left out)"},
    "mv.w.mv.driver_no_data": {
        "vi": "{drivers}: không có số liệu giai đoạn cơ sở cho công tơ này nên không đưa vào mô hình",
        "en": "{drivers}: no baseline data for this meter, so it is left out of the model"},
    "mv.w.mv.unknown_driver": {
        "vi": "Không phải yếu tố ảnh hưởng của sheet Đo lường (bỏ qua): {names}",
        "en": "Not a driver column of the Metering sheet (ignored): {names}"},
    "mv.w.mv.no_change_point_driver": {
        "vi": "Mô hình điểm gãy cần CDD, HDD hoặc một yếu tố ảnh hưởng khác có số liệu",
        "en": "A change-point model needs CDD, HDD or another driver with data"},
    "mv.w.mv.adjustment_outside": {
        "vi": "Điều chỉnh ở tháng không thuộc giai đoạn báo cáo của công tơ (không tính): {months}",
        "en": "Adjustments in months outside the meter's reporting period (not counted): {months}"},
    "mv.w.mv.adjustment_no_meter": {
        "vi": "Điều chỉnh có nhiên liệu / đơn vị không khớp công tơ nào (không tính), bản ghi: {rows}",
        "en": "Adjustments whose fuel / unit match no meter (not counted), records: {rows}"},
}

"""First steps: the welcome on the first screen and the pointer to the next step on every page."""
from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "guide.what": {
        "vi": "**Công cụ này đi theo phương pháp của khóa đào tạo:** từ kiểm kê khí nhà kính đến mục tiêu giảm "
              "phát thải, các giải pháp tiết kiệm năng lượng, kế hoạch đầu tư có nguồn vốn và đo lường – kiểm "
              "chứng (M&V). Mọi con số đều có giải thích “cách tính”.",
        "en": "**This tool follows the training's method:** from a greenhouse-gas inventory to a reduction target, "
              "energy-saving measures, a financed investment plan and measurement and verification (M&V). "
              "Every number comes with “how is this computed”."},
    "guide.open_sample": {
        "vi": "Đang mở **nhà máy mẫu của khóa đào tạo** ({name}): xem thử, sửa số liệu, hoặc dùng tệp của bạn.",
        "en": "Open now: **the training's sample factory** ({name}): explore it, change its numbers, or use your "
              "own workbook."},
    "guide.open_own": {
        "vi": "Đang mở: **{name}**.",
        "en": "Open now: **{name}**."},
    "guide.explore": {"vi": "Xem các bước với tệp mẫu", "en": "Explore the sample, step by step"},
    "guide.explore_help": {
        "vi": "Bắt đầu từ kiểm kê bên dưới, rồi đi tiếp sang Mục tiêu.",
        "en": "Start with the inventory below, then go on to Targets."},
    "guide.upload": {"vi": "Mở tệp Excel của bạn", "en": "Upload your workbook"},
    "guide.template": {"vi": "Tải tệp mẫu trống để điền", "en": "Download the empty template"},
    "guide.template_help": {
        "vi": "Tệp Excel có sẵn các sheet, cột, danh sách chọn và hướng dẫn; điền xong rồi mở lại ở đây.",
        "en": "An Excel file with every sheet, column, drop-down list and a guide; fill it in and upload it here."},
    "guide.hide": {"vi": "Ẩn phần giới thiệu", "en": "Hide this introduction"},
    "guide.next": {"vi": "**Bước tiếp theo:**", "en": "**Next step:**"},
    "guide.next.targets": {
        "vi": "đặt mục tiêu giảm phát thải và xem khoảng cách cần thu hẹp",
        "en": "set the reduction target and see the gap to close"},
    "guide.next.measures": {
        "vi": "chọn giải pháp TKNL để thu hẹp khoảng cách",
        "en": "choose energy-saving measures that close the gap"},
    "guide.next.plan": {
        "vi": "tìm kế hoạch chi phí thấp nhất đạt mục tiêu trong ngân sách",
        "en": "find the least-cost plan that meets the target within the budget"},
    "guide.next.finance": {
        "vi": "đánh giá tài chính (NPV, IRR, hoàn vốn) và chọn nguồn vốn",
        "en": "judge the finances (NPV, IRR, payback) and choose the financing"},
    "guide.next.mv": {
        "vi": "lập kế hoạch thực hiện 5W1H và đo lường – kiểm chứng kết quả",
        "en": "plan the implementation (5W1H) and measure and verify the results"},
    "guide.next.compare": {
        "vi": "so sánh các phương án (ví dụ: bản gốc và bản đã chỉnh sửa)",
        "en": "compare variants (for example the original and your changes)"},
    "guide.next.inventory": {
        "vi": "quay lại kiểm kê KNK của nhà máy",
        "en": "back to the factory's GHG inventory"},
    "guide.next.report": {
        "vi": "**Mang kết quả về:** tải báo cáo Excel, báo cáo PDF cho ban giám đốc và hình biểu đồ ở thanh bên.",
        "en": "**Take the results home:** download the Excel report, the PDF board report and the chart images "
              "from the sidebar."},
    "guide.household_case": {
        "vi": "**Đây là một ví dụ riêng, không thuộc kịch bản nhà máy:** trường hợp một hộ gia đình ở "
              "Massachusetts (Hoa Kỳ, tính bằng USD) từ tài liệu thứ hai của khóa học. Các số liệu ở đây không "
              "ảnh hưởng đến các trang của nhà máy.",
        "en": "**A separate case, not part of the factory scenario:** a household in Massachusetts (US, in USD) "
              "from the course's second document. Nothing here changes the factory pages."},
    "inv.other_sources": {"vi": "{n} nguồn khác", "en": "{n} other sources"},
    "inv.top_n": {"vi": "Số nguồn vẽ riêng trên biểu đồ", "en": "Sources drawn one by one in the charts"},
    "inv.top_n_help": {
        "vi": "Các nguồn còn lại được cộng vào một mục “nguồn khác”; bảng bên trên và tệp tải về vẫn có đủ "
              "từng dòng.",
        "en": "The remaining sources are summed into one “other sources” item; the tables above and the "
              "downloads keep every row."},
    "nav.factory": {"vi": "Nhà máy – các bước", "en": "The factory, step by step"},
    "nav.other": {"vi": "Ví dụ riêng", "en": "A separate case"},
}

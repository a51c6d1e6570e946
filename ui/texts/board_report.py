"""UI texts of the PDF board report's download (views.board_report); keys start with ``board.``."""

TEXT = {
    "board.download": {"vi": "Báo cáo cho Ban lãnh đạo (.pdf)", "en": "Board report (.pdf)"},
    "board.download_help": {
        "vi": "Vài trang A4 của kịch bản đang mở: kiểm kê → mục tiêu và phần còn thiếu → giải pháp → tài chính "
              "(có so sánh phương án vốn) → M&V, với biểu đồ, tóm tắt và giả định. Cần Chromium trên máy chủ; "
              "mất vài giây.",
        "en": "A few A4 pages of the open scenario: inventory → target and gap → measures → finance (with the "
              "financing options) → M&V, with charts, a summary and the assumptions. Needs Chromium on the "
              "server; takes a few seconds."},
    "board.no_browser": {
        "vi": "Báo cáo PDF cần trình duyệt Chromium trên máy chủ (gói 'chromium' của Debian); báo cáo Excel vẫn dùng được.",
        "en": "The PDF report needs the Chromium browser on the server (Debian's 'chromium' package); the Excel report "
              "still works."},
}

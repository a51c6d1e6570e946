"""UI texts of saved sessions, undo/redo and confirmations; keys start with ``session.``."""

TEXT = {
    "session.header": {"vi": "Phiên làm việc", "en": "Your session"},
    "session.link": {
        "vi": "Mọi thay đổi được lưu tự động. Mở lại liên kết này (kể cả ngày mai, trên tab khác) để làm tiếp:",
        "en": "Every change is saved as you go. Open this link again (tomorrow too, in another tab) to continue:"},
    "session.link_help": {
        "vi": "Liên kết chứa mã phiên riêng của bạn: ai có liên kết thì xem và sửa được phiên này. Phiên không dùng quá {days} ngày sẽ bị xóa.",
        "en": "The link holds your own session code: whoever has it can see and change this session. Sessions unused for {days} days are deleted."},
    "session.fresh": {"vi": "Bắt đầu phiên mới", "en": "Start afresh"},
    "session.fresh_help": {
        "vi": "Mở phiên mới với tệp mẫu. Phiên hiện tại vẫn mở lại được bằng liên kết ở trên.",
        "en": "Opens a new session with the sample. This session stays available at the link above."},
    "session.restored": {"vi": "Đã mở lại phiên đã lưu ({n} phương án).",
                         "en": "Your saved session is back ({n} variant(s))."},
    "session.unknown": {
        "vi": "Không tìm thấy phiên của liên kết này (có thể đã hết hạn sau {days} ngày không dùng). Đã mở phiên mới với tệp mẫu.",
        "en": "The session of this link was not found (it may have expired after {days} days unused). A new session with the sample is open."},
    "session.unsaved": {
        "vi": "Không lưu được phiên vào cơ sở dữ liệu; hãy tải kịch bản về để giữ công việc. ({error})",
        "en": "The session could not be saved to the database; download the scenario to keep your work. ({error})"},
    "session.undo": {"vi": "↶ Hoàn tác", "en": "↶ Undo"},
    "session.redo": {"vi": "↷ Làm lại", "en": "↷ Redo"},
    "session.undo_help": {"vi": "Hoàn tác thay đổi kịch bản gần nhất (tối đa {n} bước).",
                          "en": "Undo the last change to the scenario (up to {n} steps)."},
    "session.redo_help": {"vi": "Làm lại thay đổi vừa hoàn tác.", "en": "Redo the change just undone."},
    "session.undone": {"vi": "Đã hoàn tác: {what}", "en": "Undone: {what}"},
    "session.redone": {"vi": "Đã làm lại: {what}", "en": "Redone: {what}"},
    # what a step did (shown after undo/redo)
    "session.step.edit": {"vi": "chỉnh sửa bảng/thông số", "en": "an edit of a table or setting"},
    "session.step.open": {"vi": "mở tệp {name}", "en": "opening {name}"},
    "session.step.add": {"vi": "thêm phương án từ {name}", "en": "adding variants from {name}"},
    "session.step.duplicate": {"vi": "nhân bản thành {name}", "en": "duplicating as {name}"},
    "session.step.rename": {"vi": "đổi tên thành {name}", "en": "renaming to {name}"},
    "session.step.delete": {"vi": "xóa phương án {name}", "en": "deleting the variant {name}"},
    # confirmations
    "session.confirm_title": {"vi": "Xác nhận", "en": "Please confirm"},
    "session.confirm_replace": {
        "vi": "Mở **{name}** sẽ thay thế {n} phương án đang có trong phiên{edited}. Bạn vẫn có thể hoàn tác sau đó.",
        "en": "Opening **{name}** replaces the {n} variant(s) of this session{edited}. You can still undo afterwards."},
    "session.confirm_edited": {"vi": " (có chỉnh sửa chưa tải về)", "en": " (with edits not downloaded)"},
    "session.confirm_delete": {
        "vi": "Xóa phương án **{name}**? Bạn vẫn có thể hoàn tác sau đó.",
        "en": "Delete the variant **{name}**? You can still undo afterwards."},
    "session.confirm_fresh": {
        "vi": "Bắt đầu phiên mới với tệp mẫu? Phiên hiện tại vẫn mở lại được bằng liên kết của nó; hãy sao chép liên kết trước.",
        "en": "Start a new session with the sample? This session stays available at its link; copy the link first."},
    "session.yes_replace": {"vi": "Thay thế", "en": "Replace"},
    "session.yes_add": {"vi": "Thêm thành phương án mới", "en": "Add as new variants"},
    "session.yes_delete": {"vi": "Xóa", "en": "Delete"},
    "session.yes_fresh": {"vi": "Bắt đầu phiên mới", "en": "Start afresh"},
    "session.cancel": {"vi": "Hủy", "en": "Cancel"},
}

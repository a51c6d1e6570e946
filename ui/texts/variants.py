"""UI texts of scenario variants and their comparison page; keys start with ``variants.``/``cmp.``."""

TEXT = {
    "variants.first": {"vi": "Phương án 1", "en": "Variant 1"},
    "variants.numbered": {"vi": "Phương án {n}", "en": "Variant {n}"},
    "variants.pick": {"vi": "Phương án đang mở ({n} phương án)", "en": "Open variant ({n} in this session)"},
    "variants.manage": {"vi": "Quản lý phương án", "en": "Manage variants"},
    "variants.name": {"vi": "Tên phương án", "en": "Variant name"},
    "variants.name_help": {
        "vi": "Tên cho bản sao mới hoặc tên mới của phương án đang mở (tối đa 60 ký tự, không trùng).",
        "en": "The name of a new copy, or the new name of the open variant (up to 60 characters, unique)."},
    "variants.duplicate": {"vi": "Nhân bản", "en": "Duplicate"},
    "variants.duplicate_help": {"vi": "Tạo bản sao của phương án đang mở và mở bản sao đó.",
                                "en": "Copy the open variant and open the copy."},
    "variants.rename": {"vi": "Đổi tên", "en": "Rename"},
    "variants.rename_help": {"vi": "Đặt tên ở ô trên cho phương án đang mở.",
                             "en": "Give the open variant the name typed above."},
    "variants.delete": {"vi": "Xóa", "en": "Delete"},
    "variants.delete_help": {"vi": "Xóa phương án đang mở (phải còn ít nhất một phương án).",
                             "en": "Delete the open variant (at least one must remain)."},
    "variants.caption": {
        "vi": "Mọi thay đổi trên các trang thuộc về phương án đang mở. Tệp tải về chứa tất cả phương án "
              "(sheet Phương án) và mở lại đủ khi tải lên.",
        "en": "Every change on the pages belongs to the open variant. The downloaded workbook holds all "
              "variants (the Variants sheet) and brings them all back when uploaded."},
    "variants.duplicated": {"vi": "Đã tạo “{name}” từ “{source}” và mở nó.",
                            "en": "Created “{name}” from “{source}” and opened it."},
    "variants.renamed": {"vi": "Đã đổi tên “{old}” thành “{name}”.", "en": "Renamed “{old}” to “{name}”."},
    "variants.deleted": {"vi": "Đã xóa “{name}”.", "en": "Deleted “{name}”."},
    "variants.err_empty": {"vi": "Hãy nhập tên phương án.", "en": "Type a name for the variant."},
    "variants.err_long": {"vi": "Tên “{name}” dài quá 60 ký tự; hãy rút gọn.",
                          "en": "The name “{name}” is longer than 60 characters; shorten it."},
    "variants.err_taken": {"vi": "Đã có phương án tên “{name}”; hãy chọn tên khác.",
                           "en": "A variant named “{name}” already exists; choose another name."},
    "variants.add": {"vi": "Thêm thành phương án mới (giữ các phương án đang có)",
                     "en": "Add as new variants (keep the ones I have)"},
    "variants.add_help": {
        "vi": "Bật: tệp được mở thêm vào danh sách phương án để so sánh. Tắt: tệp thay thế mọi phương án.",
        "en": "On: the file's scenario is added to your variants, to compare. Off: it replaces all of them."},
    "cmp.title": {"vi": "So sánh phương án", "en": "Compare variants"},
    "cmp.caption": {
        "vi": "Các phương án trong phiên làm việc đặt cạnh nhau: phát thải năm mục tiêu khi có giải pháp, khoảng "
              "cách tới mục tiêu, vốn đầu tư, NPV, hoàn vốn; đường phát thải và dòng tiền chồng lên nhau; chênh lệch "
              "so với phương án tham chiếu và những số liệu đầu vào khác nhau.",
        "en": "The variants of your session side by side: emissions in the target year with measures, the gap to "
              "the target, investment, NPV, payback; emission paths and cash flows overlaid; the differences from "
              "a reference variant and the inputs that differ."},
    "cmp.need_two": {
        "vi": "Cần ít nhất hai phương án. Nhân bản phương án đang mở (thanh bên → Quản lý phương án), thay đổi "
              "giải pháp, mục tiêu hay tài chính của bản sao, rồi quay lại đây.",
        "en": "You need at least two variants. Duplicate the open variant (sidebar → Manage variants), change "
              "the copy's measures, target or finance, then come back here."},
    "cmp.start": {"vi": "Nhân bản phương án đang mở", "en": "Duplicate the open variant"},
    "cmp.pick": {"vi": "Phương án để so sánh", "en": "Variants to compare"},
    "cmp.pick_two": {"vi": "Chọn ít nhất hai phương án.", "en": "Pick at least two variants."},
    "cmp.reference": {"vi": "Phương án tham chiếu", "en": "Reference variant"},
    "cmp.reference_help": {"vi": "Chênh lệch = phương án khác − phương án tham chiếu.",
                           "en": "Differences = other variant − reference variant."},
    "cmp.failed": {"vi": "Không tính được phương án “{name}” ({reason}); mở phương án đó để xem và sửa số liệu.",
                   "en": "The variant “{name}” cannot be computed ({reason}); open it to see and fix its data."},
    "cmp.currencies": {"vi": "Các phương án dùng đơn vị tiền khác nhau: số tiền không so sánh trực tiếp được.",
                       "en": "The variants use different currencies: their money figures are not comparable."},
    "cmp.kpis": {"vi": "Chỉ số chính", "en": "Key figures"},
    "cmp.kpi": {"vi": "Chỉ số", "en": "Indicator"},
    "cmp.bars": {"vi": "Chỉ số chính theo phương án", "en": "Key figures by variant"},
    "cmp.paths": {"vi": "Đường phát thải khi có giải pháp và đường mục tiêu", "en": "Emissions with measures and target paths"},
    "cmp.with_measures": {"vi": "có giải pháp", "en": "with measures"},
    "cmp.target": {"vi": "mục tiêu", "en": "target"},
    "cmp.cashflows": {"vi": "Dòng tiền lũy kế của danh mục giải pháp", "en": "Cumulative cash flow of the measures"},
    "cmp.year": {"vi": "Năm", "en": "Year"},
    "cmp.differences": {"vi": "Chênh lệch so với “{ref}”", "en": "Differences from “{ref}”"},
    "cmp.minus": {"vi": "{name} − {ref}", "en": "{name} − {ref}"},
    "cmp.how": {"vi": "Cách tính", "en": "How is this computed"},
    "cmp.how_text": {
        "vi": "Mỗi phương án được tính như trên các trang khác (cùng hàm tính). Chênh lệch = phương án − tham chiếu; "
              "% = chênh lệch ÷ |giá trị tham chiếu|; chênh lệch của IRR và mức giảm tính bằng điểm phần trăm. ▲ tốt hơn, ▼ kém hơn: phát thải, khoảng cách tới mục tiêu, vốn "
              "đầu tư và thời gian hoàn vốn càng thấp càng tốt; NPV và IRR càng cao càng tốt.",
        "en": "Each variant is computed exactly as on the other pages (the same functions). Difference = variant − "
              "reference; % = difference ÷ |reference value|; IRR and reduction differences are in percentage points (pp). ▲ better, ▼ worse: lower is better for emissions, the "
              "gap to the target, investment and payback; higher is better for NPV and IRR."},
    "cmp.inputs": {"vi": "Số liệu đầu vào khác với “{ref}”", "en": "Inputs that differ from “{ref}”"},
    "cmp.pp": {"vi": "điểm %", "en": "pp"},
    "cmp.item": {"vi": "Mục", "en": "Item"},
    "cmp.reference_value": {"vi": "Tham chiếu", "en": "Reference"},
    "cmp.variant_value": {"vi": "Phương án này", "en": "This variant"},
    "cmp.records": {"vi": "Số bản ghi", "en": "Number of records"},
    "cmp.cell": {"vi": "Bản ghi {record} · {col}", "en": "Record {record} · {col}"},
    "cmp.same_inputs": {"vi": "Số liệu đầu vào giống hệt phương án tham chiếu.",
                        "en": "Same inputs as the reference variant."},
    "page.compare": {"vi": "So sánh phương án", "en": "Compare variants"},
}

"""UI texts of number entry (tables and number fields, :mod:`views.numbers`); keys start with ``num.``."""

TEXT = {
    "num.err.not_number": {"vi": "“{text}” không phải là một số.",
                           "en": "“{text}” is not a number."},
    "num.err.sign": {"vi": "“{text}”: dấu âm (-) chỉ được đặt ở đầu số.",
                     "en": "“{text}”: the minus sign (-) goes only at the start of the number."},
    "num.err.group": {
        "vi": "“{text}”: trong tiếng Việt, dấu chấm ngăn cách hàng nghìn (sau nó phải có đúng 3 chữ số) và dấu "
              "phẩy là dấu thập phân, ví dụ 2.300.000 hoặc 0,03.",
        "en": "“{text}”: in English, the comma separates thousands (exactly 3 digits after it) and the point "
              "is the decimal separator, e.g. 2,300,000 or 0.03."},
    "num.err.first_group": {
        "vi": "“{text}”: số có dấu ngăn cách hàng nghìn phải bắt đầu bằng 1 đến 3 chữ số khác 0 (0.300 là 300 "
              "hay 0,3?). Viết 300 hoặc 0,3.",
        "en": "“{text}”: a number with thousands separators starts with 1 to 3 digits, not with 0 (0,300: 300 "
              "or 0.3?). Write 300 or 0.3."},
    "num.err.decimal_twice": {
        "vi": "“{text}”: có nhiều hơn một dấu thập phân (dấu phẩy). Trong tiếng Việt, hàng nghìn ngăn cách bằng "
              "dấu chấm: 2.300.000.",
        "en": "“{text}”: more than one decimal point. In English, thousands are separated with commas: "
              "2,300,000."},
    "num.err.after_decimal": {
        "vi": "“{text}”: sau dấu thập phân (dấu phẩy) không được có dấu ngăn cách hàng nghìn.",
        "en": "“{text}”: no thousands separator may follow the decimal point."},
    "num.err.incomplete": {"vi": "“{text}”: số chưa hoàn chỉnh (thiếu chữ số sau dấu ngăn cách).",
                           "en": "“{text}”: the number is incomplete (digits missing after a separator)."},
    "num.err.needed": {"vi": "Cần nhập một số.", "en": "A number is needed."},
    "num.err.below_min": {"vi": "“{text}”: giá trị phải từ {limit} trở lên.",
                          "en": "“{text}”: the value must be at least {limit}."},
    "num.err.above_max": {"vi": "“{text}”: giá trị không được lớn hơn {limit}.",
                          "en": "“{text}”: the value must be at most {limit}."},
    "num.err.integer": {"vi": "“{text}”: cần một số nguyên.", "en": "“{text}”: a whole number is needed."},
    "num.did_you_mean": {"vi": "Có phải bạn muốn nhập {suggestion}?", "en": "Did you mean {suggestion}?"},
    "num.refused_cell": {
        "vi": "Cột “{column}”, dòng {row}: {reason} Giá trị trước đó được giữ nguyên.",
        "en": "Column “{column}”, row {row}: {reason} The previous value is kept."},
    "num.refused_input": {"vi": "{reason} Giá trị trước đó ({previous}) được giữ nguyên.",
                          "en": "{reason} The previous value ({previous}) is kept."},
    "num.refused_title": {"vi": "Không lưu được giá trị vừa nhập:", "en": "A value you typed was not stored:"},
}

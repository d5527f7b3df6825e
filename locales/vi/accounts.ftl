# Điều hướng
nav-login = Đăng nhập
nav-register = Đăng ký
nav-account = Tài khoản
nav-logout = Đăng xuất
nav-admin = Quản trị
save = Lưu

# Lỗi biểu mẫu
form-errors-heading = Vui lòng sửa các lỗi sau:
form-error-required = Vui lòng nhập thông tin này.
form-error-too-long = Nội dung quá dài.
form-error-control-chars = Nội dung chứa ký tự không hợp lệ.
form-error-email = Địa chỉ thư điện tử không đúng định dạng, ví dụ: ten@example.vn.
form-error-password-short = Mật khẩu phải có ít nhất 10 ký tự.
form-error-password-long = Mật khẩu không được dài quá 256 ký tự.
form-error-password-mismatch = Hai mật khẩu không khớp nhau.
form-error-current-password = Mật khẩu hiện tại không đúng.
form-error-tax-code = Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số đối với chi nhánh.
form-error-csrf = Biểu mẫu đã hết hạn hoặc được gửi từ một trang khác. Vui lòng quay lại, tải lại trang và gửi lại.
form-error-malformed = Dữ liệu biểu mẫu không đọc được. Vui lòng tải lại trang và thử lại.
form-error-choose = Vui lòng chọn một mục.
form-error-short-name-taken = Tên viết tắt này đã được dùng cho cơ quan khác.
form-error-staff-agency = Cán bộ soạn thảo, thẩm định và kiểm duyệt phải thuộc một cơ quan.
form-error-own-admin = Bạn không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình.
form-error-token-name = Vui lòng đặt tên cho mã truy cập (tối đa 100 ký tự).

# Trường
field-display-name = Họ và tên
field-email = Thư điện tử
field-password = Mật khẩu
field-password-confirm = Nhập lại mật khẩu
field-new-password = Mật khẩu mới
field-current-password = Mật khẩu hiện tại
field-account-type = Bạn góp ý với tư cách
field-organisation-name = Tên tổ chức, doanh nghiệp
field-organisation-tax-code = Mã số thuế hoặc số đăng ký kinh doanh
field-organisation-sector = Lĩnh vực hoạt động
field-mail-lang = Ngôn ngữ của thư gửi cho bạn
password-hint = Ít nhất { $min } ký tự. Một câu dài dễ nhớ an toàn hơn một từ khó nhớ.
account-type-citizen = Cá nhân, công dân
account-type-organisation = Đại diện tổ chức, doanh nghiệp, hiệp hội
organisation-fields = Thông tin tổ chức
organisation-fields-hint = Chỉ điền khi bạn đại diện cho một tổ chức. Tên tổ chức được hiển thị công khai cùng ý kiến.

# Đăng ký
register-title = Đăng ký tài khoản
register-intro = Tài khoản giúp bạn góp ý, theo dõi câu trả lời và tham gia đối thoại. Chúng tôi sẽ gửi thư để xác nhận địa chỉ của bạn.
register-submit = Đăng ký
register-have-account = Đã có tài khoản?
register-sent-title = Vui lòng kiểm tra hộp thư
register-sent-body = Chúng tôi đã gửi thư đến địa chỉ bạn nhập. Hãy mở đường liên kết trong thư để xác nhận. Nếu không thấy thư, hãy xem cả mục thư rác.
verify-done-title = Đã xác nhận địa chỉ thư điện tử
verify-done-body = Cảm ơn bạn. Bây giờ bạn có thể đăng nhập.
link-invalid-title = Đường liên kết không dùng được
verify-invalid-body = Đường liên kết xác nhận không đúng, đã được dùng hoặc đã hết hạn.
verify-resend-link = Gửi lại thư xác nhận
resend-title = Gửi lại thư xác nhận
resend-intro = Nhập địa chỉ thư điện tử bạn đã dùng để đăng ký.
resend-sent-body = Nếu địa chỉ này có tài khoản chưa được xác nhận, chúng tôi đã gửi lại thư xác nhận.
send-link-submit = Gửi đường liên kết

# Đăng nhập
login-title = Đăng nhập
login-submit = Đăng nhập
login-forgot = Quên mật khẩu?
login-no-account = Chưa có tài khoản?
login-error-wrong = Thư điện tử hoặc mật khẩu không đúng.
login-error-unverified = Bạn cần xác nhận địa chỉ thư điện tử trước khi đăng nhập.
login-error-too-many = Bạn đã thử đăng nhập quá nhiều lần. Vui lòng đợi 15 phút rồi thử lại, hoặc đặt lại mật khẩu.

# Mật khẩu
forgot-title = Quên mật khẩu
forgot-intro = Nhập địa chỉ thư điện tử của tài khoản. Chúng tôi sẽ gửi đường liên kết để đặt mật khẩu mới.
forgot-sent-body = Nếu địa chỉ này có tài khoản, chúng tôi đã gửi đường liên kết đặt lại mật khẩu. Đường liên kết có hiệu lực trong 1 giờ và chỉ dùng được một lần.
reset-title = Đặt mật khẩu mới
reset-submit = Lưu mật khẩu mới
reset-invalid-body = Đường liên kết đặt lại mật khẩu không đúng, đã được dùng hoặc đã hết hạn. Vui lòng yêu cầu đường liên kết mới.
password-change-title = Đổi mật khẩu
password-change-submit = Đổi mật khẩu
password-change-note = Sau khi đổi mật khẩu, các phiên đăng nhập trên thiết bị khác sẽ bị đăng xuất.

# Tài khoản
account-title = Tài khoản của tôi
account-role = Vai trò
account-agency = Cơ quan
account-profile = Thông tin cá nhân
account-sessions = Phiên đăng nhập
account-sessions-count = Tài khoản đang đăng nhập trên { $count } thiết bị hoặc trình duyệt.
account-end-all = Đăng xuất trên mọi thiết bị
account-tokens = Mã truy cập API
account-tokens-hint = Mã truy cập cho phép chương trình của bạn dùng API với quyền của tài khoản này. Mã chỉ hiện một lần; hãy lưu lại ở nơi an toàn.
account-token-created = Mã truy cập mới (chỉ hiện một lần):
token-name = Tên mã
token-created = Tạo lúc
token-last-used = Dùng lần cuối
token-actions = Thao tác
token-revoke = Thu hồi
token-revoked = Đã thu hồi
token-create = Tạo mã truy cập

# Vai trò
role-citizen = Công dân
role-organisation-rep = Đại diện tổ chức
role-drafter = Cán bộ soạn thảo
role-appraiser = Cán bộ thẩm định
role-moderator = Cán bộ kiểm duyệt
role-admin = Quản trị viên

# Quản trị
admin-agencies-title = Cơ quan
admin-users-title = Người dùng
admin-agency-new = Thêm cơ quan
admin-agency-create = Thêm cơ quan
admin-user-state = Trạng thái
admin-user-active = Đang hoạt động
admin-user-unverified = Chưa xác nhận thư
admin-user-disabled = Đã khóa
admin-user-disable = Khóa tài khoản (đăng xuất ngay trên mọi thiết bị)
field-agency-name = Tên cơ quan
field-short-name = Tên viết tắt
field-agency-kind = Loại cơ quan
field-agency-description = Giới thiệu cơ quan
agency-no-description = Cơ quan chưa có phần giới thiệu.
agency-edit = Sửa phần giới thiệu

# Thông báo sau thao tác
flash-signed-out = Bạn đã đăng xuất.
flash-signed-out-everywhere = Bạn đã đăng xuất trên mọi thiết bị.
flash-password-reset = Đã đặt mật khẩu mới. Vui lòng đăng nhập.
flash-password-changed = Đã đổi mật khẩu. Các thiết bị khác đã được đăng xuất.
flash-profile-saved = Đã lưu thông tin.
flash-token-revoked = Đã thu hồi mã truy cập.
flash-agency-created = Đã thêm cơ quan.
flash-agency-saved = Đã lưu phần giới thiệu.
flash-user-saved = Đã lưu thay đổi của người dùng.

# API
api-error-token-missing = Thiếu mã truy cập: gửi tiêu đề Authorization: Bearer <mã>.
api-error-token-invalid = Mã truy cập không đúng hoặc đã bị thu hồi.

# Thư điện tử
email-greeting = Xin chào,
email-greeting-named = Xin chào { $name },
email-footer = gopy — cổng góp ý dự thảo văn bản quy phạm pháp luật. Đây là thư tự động, vui lòng không trả lời.
email-ignore = Nếu bạn không yêu cầu việc này, hãy bỏ qua thư; tài khoản của bạn không bị thay đổi.
email-verify-subject = Xác nhận địa chỉ thư điện tử của bạn
email-verify-body = Cảm ơn bạn đã đăng ký. Hãy mở đường liên kết dưới đây để xác nhận địa chỉ thư điện tử:
email-verify-button = Xác nhận địa chỉ
email-verify-expiry = Đường liên kết có hiệu lực trong 48 giờ.
email-existing-subject = Có người đăng ký bằng địa chỉ của bạn
email-existing-body = Ai đó (có thể là bạn) vừa đăng ký tài khoản bằng địa chỉ này, nhưng địa chỉ đã có tài khoản.
email-existing-login = Đăng nhập:
email-existing-reset = Quên mật khẩu:
email-reset-subject = Đặt lại mật khẩu
email-reset-body = Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản của bạn. Hãy mở đường liên kết dưới đây để đặt mật khẩu mới:
email-reset-button = Đặt mật khẩu mới
email-reset-expiry = Đường liên kết có hiệu lực trong 1 giờ và chỉ dùng được một lần.

# Bàn làm việc
nav-workspace = Bàn làm việc
workspace-title = Bàn làm việc của cán bộ soạn thảo
workspace-drafts = Dự thảo của cơ quan
workspace-no-drafts = Cơ quan chưa có dự thảo nào.
workspace-agency-page = Trang giới thiệu cơ quan

# Quy tắc thời hạn lấy ý kiến
admin-rules-title = Thời hạn lấy ý kiến tối thiểu
admin-rules-intro = Mỗi loại văn bản có thời hạn lấy ý kiến tối thiểu theo quy định pháp luật. Dự thảo đã mở lấy ý kiến giữ nguyên quy tắc tại thời điểm mở.
admin-rule-min-days = Số ngày tối thiểu
admin-rule-basis = Căn cứ pháp lý
admin-rule-updated = Cập nhật lần cuối: { $date }
form-error-days = Nhập số ngày từ 1 đến 365.
flash-rule-saved = Đã lưu quy tắc.

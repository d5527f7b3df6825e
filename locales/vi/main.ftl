# Giao diện chung
site-tagline = Góp ý dự thảo văn bản
site-description = Cổng lấy ý kiến nhân dân và doanh nghiệp về dự thảo văn bản quy phạm pháp luật; mọi ý kiến đều được trả lời công khai.
skip-to-content = Chuyển đến nội dung chính
nav-label = Điều hướng chính
nav-home = Trang chủ
lang-switch = English
footer-promise = Mọi ý kiến góp ý đều được cơ quan soạn thảo tiếp thu hoặc giải trình công khai.
footer-about = gopy — phần mềm nguồn mở cho việc lấy ý kiến về dự thảo văn bản quy phạm pháp luật.

# Trang chủ
home-title = Trang chủ
home-heading = Góp ý dự thảo văn bản quy phạm pháp luật
home-lead = Đọc dự thảo của cơ quan nhà nước, góp ý vào từng điều, khoản, điểm, và theo dõi câu trả lời cho từng ý kiến.
home-how-heading = Cách góp ý
home-step-read = Đọc dự thảo.
home-step-read-body = Toàn văn, hồ sơ kèm theo và thời hạn lấy ý kiến.
home-step-comment = Góp ý.
home-step-comment-body = Vào cả dự thảo hoặc từng điều, khoản, điểm; bạn nhận biên nhận cho mỗi ý kiến.
home-step-answer = Nhận trả lời.
home-step-answer-body = Cơ quan soạn thảo phải tiếp thu hoặc giải trình từng ý kiến, công khai.
home-open-drafts = Dự thảo đang lấy ý kiến
home-no-open-drafts = Hiện chưa có dự thảo nào đang lấy ý kiến.
home-agencies = Cơ quan tham gia
home-no-agencies = Chưa có cơ quan nào.

# Loại cơ quan
agency-kind-drafting-department = Cơ quan soạn thảo
agency-kind-justice-department = Cơ quan thẩm định
agency-kind-peoples-committee-office = Văn phòng UBND
agency-kind-peoples-council = Hội đồng nhân dân
agency-kind-other = Cơ quan khác

# Trang lỗi
error-back-home = Về trang chủ
error-request-id = Mã yêu cầu: { $id }. Vui lòng gửi kèm mã này khi liên hệ hỗ trợ.
error-bad-request-title = Yêu cầu không hợp lệ
error-bad-request-body = Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra và thử lại.
error-unauthorized-title = Cần đăng nhập
error-unauthorized-body = Bạn cần đăng nhập để xem trang này.
error-forbidden-title = Không có quyền truy cập
error-forbidden-body = Bạn không có quyền thực hiện thao tác này.
error-not-found-title = Không tìm thấy trang
error-not-found-body = Trang bạn tìm không tồn tại hoặc đã được chuyển đi.
error-method-not-allowed-title = Thao tác không được hỗ trợ
error-method-not-allowed-body = Địa chỉ này không hỗ trợ thao tác bạn vừa thực hiện.
error-conflict-title = Dữ liệu bị trùng
error-conflict-body = Dữ liệu này đã tồn tại hoặc vừa được người khác thay đổi.
error-payload-too-large-title = Dữ liệu quá lớn
error-payload-too-large-body = Nội dung hoặc tệp gửi lên vượt quá dung lượng cho phép.
error-unprocessable-entity-title = Chưa thể xử lý
error-unprocessable-entity-body = Dữ liệu gửi lên chưa đúng. Vui lòng sửa các lỗi được nêu và gửi lại.
error-too-many-requests-title = Quá nhiều yêu cầu
error-too-many-requests-body = Bạn đã gửi quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại.
error-unavailable-title = Hệ thống đang bận
error-unavailable-body = Hệ thống tạm thời chưa phục vụ được. Vui lòng thử lại sau ít phút; dữ liệu của bạn không bị mất.
error-internal-title = Đã có lỗi xảy ra
error-internal-body = Hệ thống gặp lỗi ngoài dự kiến. Lỗi đã được ghi lại để khắc phục.

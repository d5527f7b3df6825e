# Dự thảo
nav-drafts = Dự thảo
home-all-drafts = Xem tất cả dự thảo
drafts-title = Dự thảo văn bản
drafts-more = Xem thêm
drafts-none = Chưa có dự thảo nào được công bố.
draft-days-left = Còn { $days } ngày
draft-closes-on = Hạn góp ý: { $date }
draft-window = Lấy ý kiến từ ngày { $from } đến hết ngày { $to } (giờ Việt Nam).
draft-window-rule = Thời gian lấy ý kiến tối thiểu { $days } ngày theo { $basis }.
draft-summary = Tóm tắt
draft-affected = Đối tượng chịu tác động:
draft-questions = Vấn đề cần xin ý kiến
draft-versions = Các lần dự thảo
draft-version-shown = Đang xem dự thảo lần { $n }
draft-version-old = đây không phải lần mới nhất
draft-version-n = Lần { $n }
draft-toc = Mục lục
draft-text = Toàn văn dự thảo
draft-no-text = Dự thảo chưa có nội dung được công bố.
draft-provision-comments = { $count } ý kiến
draft-provision-link = Liên kết đến phần này
draft-status-preparing = Đang chuẩn bị
draft-status-open = Đang lấy ý kiến
draft-status-closed = Đã hết hạn góp ý
draft-status-synthesising = Đang tổng hợp ý kiến
draft-status-synthesis-published = Đã công bố bản tổng hợp
draft-status-in-appraisal = Đang thẩm định
draft-status-appraised = Đã thẩm định
draft-status-appraisal-answered = Đã giải trình ý kiến thẩm định
draft-status-submitted = Đã trình ban hành
draft-status-adopted = Đã ban hành
draft-status-withdrawn = Đã rút

# Bàn làm việc: dự thảo
workspace-new-draft = Tạo dự thảo mới
workspace-new-intro = Tải lên tệp .docx (hoặc .txt) của dự thảo, hoặc dán toàn văn. Bạn sẽ xem bố cục đã nhận dạng trước khi công bố.
workspace-field-file = Tệp dự thảo
workspace-field-file-hint = Tệp .docx hoặc .txt, tối đa 20 MB.
workspace-field-text = Toàn văn dự thảo
workspace-field-title = Tên dự thảo
workspace-field-title-hint = Để trống để dùng tên nhận dạng được từ văn bản.
workspace-field-doc-type = Loại văn bản
workspace-field-field = Lĩnh vực
workspace-field-affected = Đối tượng chịu tác động
workspace-field-questions-hint = Mỗi dòng một vấn đề.
workspace-min-days = tối thiểu { $days } ngày
workspace-import = Nhập dự thảo
workspace-published = đã công bố
workspace-unpublished = chưa công bố
workspace-detected-articles = Số điều nhận dạng được
workspace-detected-number = Số, ký hiệu
workspace-detected-date = Ngày ban hành
workspace-detected-issuer = Cơ quan ban hành
workspace-check-outline = Hãy kiểm tra bố cục bên dưới. Nếu nhận dạng chưa đúng, sửa toàn văn rồi lưu lại. Sau khi công bố, lần dự thảo này không thể sửa.
workspace-publish = Công bố lần dự thảo này
workspace-open-heading = Mở lấy ý kiến
workspace-opens-on = Ngày bắt đầu
workspace-closes-on = Ngày cuối cùng nhận góp ý
workspace-open = Mở lấy ý kiến
workspace-outline = Bố cục nhận dạng được
workspace-fix-text = Sửa toàn văn
workspace-save-text = Lưu và nhận dạng lại
workspace-error-file-type = Chỉ nhận tệp .docx hoặc văn bản thuần (.txt, UTF-8).
workspace-error-no-text = Vui lòng tải lên tệp dự thảo hoặc dán toàn văn.
workspace-error-published = Lần dự thảo này đã được công bố nên không thể sửa. Hãy tải lên lần dự thảo mới.
workspace-error-date = Vui lòng nhập ngày theo dạng năm-tháng-ngày.
workspace-error-unpublished = Hãy công bố dự thảo trước khi mở lấy ý kiến.
workspace-error-past = Ngày bắt đầu không được ở trong quá khứ.
workspace-error-reversed = Ngày cuối cùng phải sau ngày bắt đầu.
workspace-error-too-short = Thời gian lấy ý kiến là { $days } ngày, ngắn hơn mức tối thiểu { $min } ngày theo { $basis }.
workspace-error-status = Dự thảo đang ở trạng thái không thể mở lấy ý kiến.
flash-draft-imported = Đã nhập dự thảo. Hãy kiểm tra bố cục trước khi công bố.
flash-draft-text-saved = Đã lưu toàn văn và nhận dạng lại bố cục.
flash-version-published = Đã công bố lần dự thảo.
flash-draft-opened = Dự thảo đã được mở lấy ý kiến.

# So sánh các lần dự thảo
diff-title = So sánh dự thảo lần { $from } và lần { $to }
diff-from = Từ
diff-to = đến
diff-compare = So sánh
diff-summary = { $changed } phần sửa đổi, { $added } phần bổ sung, { $removed } phần bãi bỏ, { $unchanged } phần giữ nguyên.
diff-added = Bổ sung
diff-removed = Bãi bỏ
diff-changed = Sửa đổi
diff-unchanged = Giữ nguyên
diff-none = Hai lần dự thảo giống nhau.
draft-compare = So sánh với lần trước

# Tìm kiếm
nav-search = Tìm kiếm
search-title = Tìm kiếm
search-label = Từ khóa
search-placeholder = Ví dụ: tiền sử dụng đất
search-submit = Tìm
search-count = Tìm thấy { $count } kết quả cho “{ $q }”.
search-comments-title = Ý kiến góp ý
search-comments-count = { $count } ý kiến đã công bố có đủ các từ này, mới nhất trước.
workspace-next-version = Lần dự thảo tiếp theo
workspace-next-version-hint = Tải lên toàn văn lần dự thảo mới. Người dân sẽ thấy so sánh từng điều, khoản với lần trước.
workspace-upload-version = Tải lên lần dự thảo mới
workspace-error-unpublished-exists = Đã có một lần dự thảo chưa công bố. Hãy sửa hoặc công bố lần đó trước.
flash-version-uploaded = Đã tải lên lần dự thảo mới. Hãy kiểm tra bố cục trước khi công bố.

# Hồ sơ dự thảo
dossier-heading = Hồ sơ dự thảo
dossier-kind = Loại tài liệu
dossier-kind-explanatory-memo = Tờ trình
dossier-kind-impact-assessment = Báo cáo đánh giá tác động
dossier-kind-comparison-table = Bảng so sánh
dossier-kind-other = Tài liệu khác
dossier-title = Tên tài liệu
dossier-file = Tệp
dossier-file-hint = Tệp PDF, DOCX hoặc ODT.
dossier-add = Thêm vào hồ sơ
dossier-error-no-file = Vui lòng chọn tệp.
dossier-error-type = Chỉ nhận tệp PDF, DOCX hoặc ODT (kiểm tra theo nội dung tệp, không theo tên).
dossier-error-too-large = Tệp lớn hơn { $mb } MB.
flash-document-added = Đã thêm tài liệu vào hồ sơ.
drafts-filter = Lọc dự thảo
drafts-filter-status = Trạng thái
drafts-filter-any = Tất cả
drafts-filter-apply = Lọc
drafts-filter-clear = Bỏ lọc
drafts-none-filtered = Không có dự thảo nào phù hợp.

# Tên các phần của văn bản
provision-part = Phần { $n }
provision-chapter = Chương { $n }
provision-section = Mục { $n }
provision-subsection = Tiểu mục { $n }
provision-article = Điều { $n }.
provision-annex = Phụ lục { $n }
feed-title = gopy — Dự thảo lấy ý kiến
feed-window = Lấy ý kiến: { $from } – { $to }

## Late comments
workspace-late-heading = Ý kiến gửi muộn
workspace-late-hint = Khi thời hạn lấy ý kiến đã hết, ý kiến mới bị từ chối và người gửi thấy thời điểm kết thúc. Nếu cơ quan vẫn nhận, ý kiến gửi muộn được ghi nhận và đánh dấu “gửi muộn” công khai.
workspace-late-allow = Nhận ý kiến gửi sau khi hết thời hạn (đánh dấu là gửi muộn)
workspace-late-save = Lưu
flash-late-allowed = Dự thảo nhận ý kiến gửi muộn; các ý kiến này được đánh dấu công khai.
flash-late-refused = Ý kiến gửi sau khi hết thời hạn sẽ bị từ chối.

## Citing a provision ("Điểm a Khoản 2 Điều 5")
citation-article = Điều { $n }
citation-clause = Khoản { $n }
citation-point = Điểm { $n }
draft-timeline = Quá trình xây dựng dự thảo
workspace-stage-heading = Ghi nhận bước tiếp theo
workspace-stage-status = Bước
workspace-stage-note = Ghi chú (ví dụ: số, ngày văn bản ban hành)
workspace-stage-save = Ghi nhận
flash-stage-recorded = Đã ghi nhận bước mới trên quá trình xây dựng dự thảo.

## Declarations of interest
interest-heading = Kê khai xung đột lợi ích
interest-hint = Mỗi cán bộ tham gia soạn thảo kê khai mình có hay không có lợi ích liên quan đến dự thảo. Nội dung kê khai được công khai trên trang dự thảo; kê khai mới thay thế kê khai trước của bạn.
interest-legend = Lợi ích của tôi liên quan đến dự thảo
interest-none = Tôi không có lợi ích nào cần kê khai
interest-some = Tôi có lợi ích cần kê khai (ghi rõ bên dưới)
interest-text = Nội dung kê khai
interest-submit = Kê khai
interest-error-text = Hãy ghi rõ lợi ích cần kê khai (tối đa 2.000 ký tự).
flash-interest-declared = Đã ghi nhận kê khai của bạn; nội dung được công khai trên trang dự thảo.
interest-public-title = Kê khai xung đột lợi ích của tổ soạn thảo
interest-public-none = không có lợi ích cần kê khai

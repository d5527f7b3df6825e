# The public ledger
ledger-title = Sổ cái công khai
ledger-intro = Mọi thay đổi công khai (dự thảo mở, đóng, công bố phiên bản, ý kiến được công bố, sửa, rút, ẩn, câu trả lời được công bố hoặc đính chính, thẩm định) được ghi vào sổ cái trong cùng giao dịch với thay đổi đó. Mỗi mục chứa mã băm SHA-256 của mục trước, nên không ai có thể sửa hay xóa một mục mà không bị phát hiện.
ledger-head = Mục mới nhất
ledger-verify-hint = Bất kỳ ai cũng có thể kiểm tra toàn bộ chuỗi bằng lệnh: gopy ledger verify --url địa-chỉ-cổng-thông-tin
ledger-filter-draft = Dự thảo (đường dẫn rút gọn)
ledger-col-time = Thời điểm
ledger-col-kind = Loại thay đổi
ledger-col-subject = Đối tượng
ledger-col-hash = Mã băm
ledger-prev-hash = Mã băm của mục trước
ledger-payload = Nội dung chuẩn hóa (JSON)
ledger-recompute = Mã băm của mục là SHA-256 của mã băm mục trước (64 ký tự) nối liền với nội dung chuẩn hóa ở trên, mã hóa UTF-8. Ví dụ, với PAYLOAD là nội dung trên:
ledger-entry-title = Mục sổ cái số { $seq }
ledger-empty = Sổ cái chưa có mục nào.
ledger-receipt = Mục sổ cái ghi nhận ý kiến này
api-error-cursor = Con trỏ phân trang không hợp lệ.
footer-ledger = Sổ cái công khai: mục số { $seq }

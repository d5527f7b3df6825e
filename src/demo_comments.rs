//! A few hundred realistic demo comments on the open demo draft, spread over
//! its provisions and every author category; the same every time (seeded).
//! Two campaigns from the labelled set (`fixtures/campaign/`) arrive among
//! them, so the demo shows campaign clustering; the other comments are built
//! so that no two share more than one of their parts and none cluster.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::db::DbConnection;
use crate::domain::comment::{Category, CommentBody};
use crate::models::{NewComment, Version};

/// How many comments the demo adds.
pub const COUNT: usize = 300;

/// The campaigns of the labelled set the demo includes.
pub const CAMPAIGNS: [&str; 2] = ["mien-100-thuong-binh", "cong-khai-danh-sach"];

/// A campaign member arrives every this many comments.
const CAMPAIGN_EVERY: usize = 13;

pub(crate) const OPENINGS: &[&str] = &[
    "Đề nghị",
    "Kính đề nghị cơ quan soạn thảo",
    "Tôi đề xuất",
    "Chúng tôi kiến nghị",
    "Đề nghị xem xét",
];
pub(crate) const ACTIONS: &[&str] = &[
    "rút ngắn thời hạn giải quyết hồ sơ xuống còn 10 ngày làm việc",
    "bổ sung quy định cho phép nộp hồ sơ trực tuyến qua Cổng dịch vụ công",
    "làm rõ giấy tờ nào thay thế được khi người có công đã mất giấy chứng nhận",
    "quy định cụ thể trách nhiệm của UBND cấp xã khi xác nhận hồ sơ",
    "giữ nguyên nội dung này vì đã phù hợp với thực tế",
    "bỏ yêu cầu bản sao có chứng thực, chỉ cần bản chụp kèm bản chính để đối chiếu",
    "bổ sung trường hợp thân nhân liệt sỹ đang ở địa phương khác",
    "thống nhất cách tính hạn mức đất ở với quy định hiện hành của tỉnh",
    "nêu rõ thời hạn trả lời bằng văn bản khi từ chối hồ sơ",
    "tăng mức giảm cho hộ nghèo, hộ cận nghèo",
    "quy định rõ cơ quan nào thẩm định diện tích đất được miễn tiền",
    "cho phép con cháu được ủy quyền nộp hồ sơ thay người có công cao tuổi",
    "bổ sung mẫu đơn đề nghị miễn, giảm vào phụ lục của Quy định",
    "quy định thời hạn chuyển thông tin từ Văn phòng đăng ký đất đai sang cơ quan thuế",
    "làm rõ cách xác định diện tích trong hạn mức khi hộ có nhiều thửa đất",
];
pub(crate) const REASONS: &[&str] = &[
    "Người dân ở vùng sâu, vùng xa phải đi lại nhiều lần mới xong hồ sơ.",
    "Thực tế nhiều hồ sơ bị trả lại vì thiếu hướng dẫn cụ thể.",
    "Quy định hiện nay chưa thống nhất giữa các huyện trong tỉnh.",
    "Điều này giúp giảm chi phí và thời gian cho gia đình người có công.",
    "Một số địa phương khác đã áp dụng và mang lại hiệu quả rõ rệt.",
    "Như vậy sẽ tránh được cách hiểu khác nhau khi tổ chức thực hiện.",
    "Nhiều cụ đã trên 80 tuổi, sức khỏe không cho phép chờ đợi lâu.",
    "Cán bộ một cửa ở cấp xã thường xuyên thay đổi nên cần quy trình rõ ràng.",
    "Năm vừa qua xã tôi có hơn hai mươi hồ sơ tồn đọng chưa giải quyết.",
    "Văn bản cấp trên đã thay đổi nên dự thảo cần cập nhật cho phù hợp.",
    "Bà con đồng bào dân tộc thiểu số còn hạn chế trong việc đọc hiểu văn bản.",
    "Ý kiến này dựa trên kinh nghiệm nhiều năm làm công tác địa chính ở cơ sở.",
    "Chi phí đi lại và sao chụp giấy tờ là gánh nặng với hộ nghèo.",
    "Quy định càng rõ ràng thì càng ít khiếu nại về sau.",
    "Hiện nay hồ sơ giấy dễ thất lạc khi chuyển qua nhiều cơ quan.",
    "Người có công xứng đáng được hưởng chính sách thuận lợi nhất.",
    "Cơ quan thuế và phòng tài nguyên đang hiểu quy định theo hai cách khác nhau.",
    "Nhiều gia đình không biết mình thuộc diện được miễn, giảm.",
    "Tình trạng này kéo dài nhiều năm nhưng chưa được xử lý dứt điểm.",
    "Luật Đất đai năm 2024 đã có hướng dẫn mới về vấn đề này.",
];
const CLOSINGS: &[&str] = &[
    "Xin cảm ơn ban soạn thảo đã lắng nghe ý kiến.",
    "Tôi sẵn sàng cung cấp thêm thông tin nếu cơ quan soạn thảo cần.",
    "Mong dự thảo sớm được ban hành.",
    "Gia đình tôi đã trực tiếp gặp khó khăn khi làm thủ tục này.",
    "Đề nghị cơ quan soạn thảo phản hồi công khai ý kiến này.",
    "Ý kiến này đã được thảo luận tại cuộc họp thôn tuần trước.",
    "Nên tham khảo thêm ý kiến của Hội Cựu chiến binh các xã.",
    "Cần có văn bản hướng dẫn chi tiết kèm theo quy định.",
    "Tôi từng là cán bộ Phòng Lao động - Thương binh và Xã hội huyện.",
    "Nhiều hộ ở xã Ia Kha cũng có chung ý kiến như vậy.",
    "Việc thực hiện nên được kiểm tra, đánh giá sau một năm.",
    "Trường hợp chưa rõ, đề nghị tổ chức đối thoại với người dân.",
    "Thông tin nên được niêm yết tại nhà văn hóa thôn, làng.",
    "Tôi đã gửi ý kiến tương tự qua đường bưu điện năm ngoái.",
    "Cơ quan soạn thảo có thể liên hệ UBND xã để xác minh.",
    "Đây là ý kiến cá nhân, không đại diện cho tổ chức nào.",
    "Mong các cơ quan phối hợp chặt chẽ hơn trong quá trình giải quyết.",
    "Đề nghị công bố kết quả tiếp thu trên cổng thông tin của tỉnh.",
    "Xin được góp ý thêm khi có dự thảo lần hai.",
    "Tôi hoàn toàn ủng hộ chủ trương chung của dự thảo.",
];
const NAMES: &[&str] = &[
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Hoàng Thị Hạnh",
    "Vũ Đức Khang",
    "Đặng Thu Lan",
    "Bùi Văn Minh",
    "Đỗ Thị Ngọc",
    "Ksor H'Nhi",
    "Rơ Mah Thơm",
];
pub(crate) const ORGANISATIONS: &[(&str, Category)] = &[
    ("Hiệp hội Doanh nghiệp tỉnh Gia Lai", Category::Association),
    ("Hội Cựu chiến binh tỉnh", Category::Association),
    ("Công ty TNHH Bất động sản Phố Núi", Category::Business),
    ("Văn phòng công chứng Pleiku", Category::Business),
    ("UBND xã Ia Kha", Category::StateAgency),
    ("Chi cục Thuế khu vực Pleiku", Category::StateAgency),
];

/// One labelled comment of `fixtures/campaign/comments.json`.
#[derive(serde::Deserialize)]
struct Labelled {
    label: Option<String>,
    body: String,
}

/// The demo's comment texts in the order they arrive: the members of
/// [`CAMPAIGNS`] every [`CAMPAIGN_EVERY`] comments, the rest made of an
/// opening, an action, a reason and a closing such that no two share both
/// an action and a reason, an action and a closing, or a reason and a closing.
pub fn texts() -> Vec<String> {
    let labelled: Vec<Labelled> =
        serde_json::from_str(include_str!("../fixtures/campaign/comments.json"))
            .expect("the labelled set is valid JSON");
    let mut campaign = labelled
        .into_iter()
        .filter(|c| c.label.as_deref().is_some_and(|l| CAMPAIGNS.contains(&l)))
        .map(|c| c.body);
    let (a, r, c) = (ACTIONS.len(), REASONS.len(), CLOSINGS.len());
    let mut generated = (0..a * r).map(|g| {
        // action = g mod a, reason = g div a, closing = their sum mod c: two
        // comments sharing two of the three parts are the same comment.
        let (action, reason) = (g % a, g / a);
        format!(
            "{} {}. {} {}",
            OPENINGS[(g / 7) % OPENINGS.len()],
            ACTIONS[action],
            REASONS[reason],
            CLOSINGS[(action + reason) % c]
        )
    });
    (0..COUNT)
        .filter_map(|i| {
            if i % CAMPAIGN_EVERY == 5 {
                if let Some(text) = campaign.next() {
                    return Some(text);
                }
            }
            generated.next()
        })
        .collect()
}

/// Adds the comments to the draft's newest published version; returns how many.
pub fn seed(conn: &mut DbConnection, draft_id: i64) -> anyhow::Result<usize> {
    let Some(version) = Version::latest_published(conn, draft_id)? else {
        return Ok(0);
    };
    let anchors: Vec<(String, i32)> = Version::provisions(conn, version.id)?
        .into_iter()
        .filter(|p| matches!(p.kind.as_str(), "article" | "clause" | "point"))
        .map(|p| (p.anchor, p.position))
        .collect();
    let mut rng = StdRng::seed_from_u64(2026);
    let pick = |rng: &mut StdRng, items: &[&'static str]| items[rng.gen_range(0..items.len())];
    for (i, text) in texts().into_iter().enumerate() {
        let roll: f64 = rng.r#gen();
        let (category, organisation) = if roll < 0.6 {
            (Category::Individual, None)
        } else if roll < 0.85 {
            let (name, category) = ORGANISATIONS[rng.gen_range(0..ORGANISATIONS.len())];
            (category, Some(name.to_string()))
        } else if roll < 0.95 {
            (Category::Expert, None)
        } else {
            (Category::Other, None)
        };
        let body = CommentBody::parse(&text).map_err(|e| anyhow::anyhow!("demo comment: {e:?}"))?;
        let anchor = (rng.gen_bool(0.85) && !anchors.is_empty())
            .then(|| anchors[rng.gen_range(0..anchors.len())].clone());
        let name = pick(&mut rng, NAMES);
        NewComment {
            public_id: uuid::Uuid::new_v4().to_string(),
            draft_id,
            version_number: version.number,
            position: anchor.as_ref().map(|(_, p)| *p).unwrap_or(0),
            anchor: anchor.map(|(a, _)| a),
            question_position: None,
            category: category.as_str(),
            organisation_reg_no: None,
            organisation_name: organisation,
            on_behalf_of: String::new(),
            body_sha256: body.sha256(),
            body: body.as_str().to_string(),
            late: false,
            show_name: rng.gen_bool(0.4),
            user_id: None,
            contact: Some((name.to_string(), format!("nguoi.gop.y.{i}@demo.gopy.vn"))),
            attachments: Vec::new(),
        }
        .insert(conn, None, None)?;
    }
    Ok(COUNT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::{THRESHOLD, cluster_texts};

    #[test]
    fn the_demo_has_exactly_its_two_campaigns() {
        let texts = texts();
        assert_eq!(texts.len(), COUNT);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let clusters = cluster_texts(&refs, THRESHOLD);
        let mut sizes = std::collections::HashMap::new();
        for cluster in clusters.iter().flatten() {
            *sizes.entry(*cluster).or_insert(0) += 1;
        }
        let mut sizes: Vec<usize> = sizes.into_values().collect();
        sizes.sort();
        assert_eq!(sizes, vec![8, 14], "only the two campaigns cluster");
    }
}

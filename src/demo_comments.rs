//! A few hundred realistic demo comments on the open demo draft, spread over
//! its provisions and every author category; the same every time (seeded).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::db::DbConnection;
use crate::domain::comment::{Category, CommentBody};
use crate::models::{NewComment, Version};

/// How many comments the demo adds.
pub const COUNT: usize = 300;

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
];
pub(crate) const REASONS: &[&str] = &[
    "người dân ở vùng sâu, vùng xa phải đi lại nhiều lần.",
    "thực tế nhiều hồ sơ bị trả lại vì thiếu hướng dẫn.",
    "quy định hiện nay chưa thống nhất giữa các huyện.",
    "điều này giúp giảm chi phí cho người có công.",
    "các địa phương khác đã áp dụng có hiệu quả.",
    "tránh cách hiểu khác nhau khi thực hiện.",
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
    for i in 0..COUNT {
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
        let text = format!(
            "{} {}, vì {}",
            pick(&mut rng, OPENINGS),
            pick(&mut rng, ACTIONS),
            pick(&mut rng, REASONS)
        );
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

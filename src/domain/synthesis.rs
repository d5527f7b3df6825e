//! When the synthesis report may be published and when a draft may go to
//! appraisal (DESIGN.md §4): "a draft cannot go to appraisal until every
//! published comment has a published response and the synthesis report is
//! published. The gate names what is missing."

use super::draft::DraftStatus;

/// One thing that stands between a draft and the next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The consultation is still open: comments may still arrive.
    StillOpen,
    /// This many published comments have no published answer.
    Answers(i64),
    /// The synthesis report is not published.
    Synthesis,
    /// The draft's status does not allow the step at all (in preparation,
    /// withdrawn, or already past it).
    Status(DraftStatus),
}

impl Missing {
    /// Translation key of the explanation shown to the drafter.
    pub fn message_key(self) -> &'static str {
        match self {
            Missing::StillOpen => "synthesis-missing-still-open",
            Missing::Answers(_) => "synthesis-missing-answers",
            Missing::Synthesis => "synthesis-missing-report",
            Missing::Status(_) => "synthesis-missing-status",
        }
    }
}

/// The status changes that publishing the synthesis report makes from
/// `status` (recorded one by one on the timeline), or what is missing. A
/// draft already past the synthesis keeps its status: publishing then only
/// stamps the report.
pub fn publish_steps(
    status: DraftStatus,
    unanswered: i64,
) -> Result<&'static [DraftStatus], Vec<Missing>> {
    use DraftStatus::*;
    let steps: &'static [DraftStatus] = match status {
        Open => &[],
        Closed => &[Synthesising, SynthesisPublished],
        Synthesising => &[SynthesisPublished],
        SynthesisPublished | InAppraisal | Appraised | AppraisalAnswered | Submitted | Adopted => {
            &[]
        }
        Preparing | Withdrawn => return Err(vec![Missing::Status(status)]),
    };
    let mut missing = Vec::new();
    if status == Open {
        missing.push(Missing::StillOpen);
    }
    if unanswered > 0 {
        missing.push(Missing::Answers(unanswered));
    }
    if missing.is_empty() {
        Ok(steps)
    } else {
        Err(missing)
    }
}

/// The gate before appraisal: every published comment answered and the
/// synthesis report published, from the status "synthesis published".
pub fn appraisal_gate(
    status: DraftStatus,
    unanswered: i64,
    synthesis_published: bool,
) -> Result<(), Vec<Missing>> {
    use DraftStatus::*;
    let mut missing = Vec::new();
    match status {
        Open => missing.push(Missing::StillOpen),
        Closed | Synthesising | SynthesisPublished => {}
        other => return Err(vec![Missing::Status(other)]),
    }
    if unanswered > 0 {
        missing.push(Missing::Answers(unanswered));
    }
    if !synthesis_published || status != SynthesisPublished {
        missing.push(Missing::Synthesis);
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DraftStatus::*;

    #[test]
    fn publishing_walks_the_lifecycle_from_closed() {
        assert_eq!(
            publish_steps(Closed, 0),
            Ok(&[Synthesising, SynthesisPublished][..])
        );
        assert_eq!(
            publish_steps(Synthesising, 0),
            Ok(&[SynthesisPublished][..])
        );
        assert_eq!(publish_steps(SynthesisPublished, 0), Ok(&[][..]));
        for pair in publish_steps(Closed, 0).unwrap().windows(2) {
            assert!(pair[0].can_become(pair[1]));
        }
        assert!(Closed.can_become(Synthesising));
    }

    #[test]
    fn publishing_names_what_is_missing() {
        assert_eq!(
            publish_steps(Open, 3),
            Err(vec![Missing::StillOpen, Missing::Answers(3)])
        );
        assert_eq!(publish_steps(Closed, 1), Err(vec![Missing::Answers(1)]));
        assert_eq!(
            publish_steps(Preparing, 0),
            Err(vec![Missing::Status(Preparing)])
        );
    }

    #[test]
    fn the_appraisal_gate_needs_answers_and_a_published_synthesis() {
        assert_eq!(appraisal_gate(SynthesisPublished, 0, true), Ok(()));
        assert_eq!(
            appraisal_gate(SynthesisPublished, 2, true),
            Err(vec![Missing::Answers(2)])
        );
        assert_eq!(
            appraisal_gate(Closed, 0, false),
            Err(vec![Missing::Synthesis])
        );
        assert_eq!(
            appraisal_gate(Closed, 4, false),
            Err(vec![Missing::Answers(4), Missing::Synthesis])
        );
        assert_eq!(
            appraisal_gate(Open, 0, false),
            Err(vec![Missing::StillOpen, Missing::Synthesis])
        );
        assert_eq!(
            appraisal_gate(InAppraisal, 0, true),
            Err(vec![Missing::Status(InAppraisal)])
        );
    }
}

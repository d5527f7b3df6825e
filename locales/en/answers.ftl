# Answers to comments
decision-accepted = Accepted
decision-partly-accepted = Partly accepted
decision-not-accepted = Not accepted
decision-noted = Noted
answer-decision = Decision
answer-explanation = Explanation
answer-explanation-hint = Required unless the comment is fully accepted. Tell the commenter why, in concrete terms.
answer-anchors = Provisions of version { $n } that carry the change
answer-anchors-hint = Tick the articles, clauses and points that were changed; the commenter gets a link to the comparison.
answer-anchors-none = There is no version newer than { $n } yet: upload the next version to point at the changed provisions.
answer-save = Save draft
answer-publish = Save and publish
answer-changes = Carried in:
answer-published-at = published { $time }
answer-superseded-at = superseded { $time }
answer-grouped = one answer for a group of comments
answer-title = The drafting agency's answer
answer-history-title = Earlier answers
response-error-decision = Choose a decision: accepted, partly accepted, not accepted or noted.
response-error-explanation-required = An explanation is required unless the comment is fully accepted.
answer-error-none-selected = Select at least one comment.
answers-title = Answer comments
answers-progress = { $answered } of { $total } comments answered
answers-unpublished = { $count } answers saved as drafts
answers-boilerplate-warning = The same explanation is being used for many different comments. Each comment deserves its own explanation; the share of reused explanations is published on the draft's page.
answers-boilerplate-item = Used for { $count } comments:
answers-show = Show
answers-show-unanswered = Unanswered
answers-show-all = All
answers-publish-all = Publish { $count } saved answers
answers-saved-draft = Unpublished draft:
answers-correct = Correct the answer
answers-answer = Answer
answers-group-legend = One answer for the selected comments
answers-group-hint = For comments that say the same thing (a campaign, for instance). The answer is saved as a draft for each comment and shown on each once published.
answers-group-save = Save the group answer
answers-publish-selected = Publish the saved answers of the selected comments
answers-all-answered = Every comment has a published answer.
answers-history = Published answers
answers-correction-heading = Correct the answer
answers-correction-hint = A published answer is never edited: the correction is published as a new answer and the old one stays visible with its time.
flash-answer-saved = The answer was saved as a draft.
flash-answer-published = The answer was published; the commenter will be e-mailed.
flash-answers-published = The answers were published; the commenters will be e-mailed.
flash-answers-saved-group = The group answer was saved for the selected comments.
rebuttal-title = The commenter's reply
rebuttal-hint = You may reply to the answer once; the drafting agency may answer your reply.
rebuttal-label = Your reply
rebuttal-submit = Send the reply
rebuttal-answer-label = Answer the reply
rebuttal-answer-submit = Send the answer
rebuttal-answered-at = The drafting agency answered on { $time }:
rebuttal-error-empty = The text cannot be empty (at most 10,000 characters).
rebuttal-error-once = A comment's answer can be replied to only once.
rebuttal-error-no-answer = The comment has no answer to reply to yet.
rebuttal-error-answered = This reply has already been answered.
flash-rebuttal-sent = Your reply was sent.
flash-rebuttal-answered = The reply was answered.
email-answer-subject = The drafting agency answered your comment
email-answer-corrected-subject = The answer to your comment was corrected
email-answer-body = The drafting agency has answered your comment.
email-answer-corrected-body = The drafting agency corrected its answer to your comment; the earlier answer stays public with its time.
email-answer-changes = It is carried in the new version, with the changes highlighted:
email-answer-link = See the comment and the answer:
reused-share = { $share }% of answers reuse the same explanation
workspace-unanswered = { $count ->
    [one] 1 comment unanswered
   *[other] { $count } comments unanswered
}
workspace-days-since-close = { $days ->
    [one] 1 day since the window closed
   *[other] { $days } days since the window closed
}
indicators-title = Acceptance by who commented
indicators-hint = Counted from the current published answers of counted comments. Acceptance rate = (accepted + partly accepted) / (accepted + partly accepted + not accepted); "noted" comments asked for no change and are left out of the rate.
indicators-answered = Answered
indicators-rate = Acceptance rate
indicators-organisations = Organisations with comments accepted

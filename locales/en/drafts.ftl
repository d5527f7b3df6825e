# Drafts
nav-drafts = Drafts
home-all-drafts = See all drafts
drafts-title = Draft regulations
drafts-more = More
drafts-none = No draft has been published yet.
draft-days-left = { $days ->
    [one] 1 day left
   *[other] { $days } days left
}
draft-closes-on = Comments until { $date }
draft-window = Open for comment from { $from } to the end of { $to } (Vietnam time).
draft-window-rule = The minimum consultation period is { $days } days under { $basis }.
draft-summary = Summary
draft-affected = Affected groups:
draft-questions = Questions the agency asks
draft-versions = Versions
draft-version-shown = Showing version { $n }
draft-version-old = not the newest version
draft-version-n = Version { $n }
draft-toc = Contents
draft-text = Full text of the draft
draft-no-text = The draft has no published text yet.
draft-provision-comments = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
draft-provision-link = Link to this part
draft-status-preparing = In preparation
draft-status-open = Open for comment
draft-status-closed = Consultation closed
draft-status-synthesising = Comments being synthesised
draft-status-synthesis-published = Synthesis report published
draft-status-in-appraisal = In appraisal
draft-status-appraised = Appraised
draft-status-appraisal-answered = Appraisal answered
draft-status-submitted = Submitted for adoption
draft-status-adopted = Adopted
draft-status-withdrawn = Withdrawn

# Workspace: drafts
workspace-new-draft = New draft
workspace-new-intro = Upload the draft as a .docx (or .txt) file, or paste its full text. You will see the outline as recognised before you publish.
workspace-field-file = Draft file
workspace-field-file-hint = A .docx or .txt file, at most 20 MB.
workspace-field-text = Full text of the draft
workspace-field-title = Title of the draft
workspace-field-title-hint = Leave empty to use the title found in the text.
workspace-field-doc-type = Type of document
workspace-field-field = Field
workspace-field-affected = Affected groups
workspace-field-questions-hint = One question per line.
workspace-min-days = at least { $days } days
workspace-import = Import the draft
workspace-published = published
workspace-unpublished = not published
workspace-detected-articles = Articles recognised
workspace-detected-number = Document number
workspace-detected-date = Date
workspace-detected-issuer = Issuing body
workspace-check-outline = Check the outline below. If something was not recognised, correct the text and save it. Once published, this version can no longer change.
workspace-publish = Publish this version
workspace-open-heading = Open for comment
workspace-opens-on = First day
workspace-closes-on = Last day for comments
workspace-open = Open for comment
workspace-outline = Outline as recognised
workspace-fix-text = Correct the text
workspace-save-text = Save and recognise again
workspace-error-file-type = Only .docx files and plain text (.txt, UTF-8) can be imported.
workspace-error-no-text = Please upload the draft file or paste its text.
workspace-error-published = This version is published and can no longer change. Upload a new version instead.
workspace-error-date = Please enter a date as year-month-day.
workspace-error-unpublished = Publish the draft before opening it for comment.
workspace-error-past = The first day cannot be in the past.
workspace-error-reversed = The last day must come after the first.
workspace-error-too-short = The consultation would last { $days } days, shorter than the minimum of { $min } days under { $basis }.
workspace-error-status = The draft's status does not allow opening it for comment.
flash-draft-imported = The draft was imported. Check its outline before publishing.
flash-draft-text-saved = The text was saved and its outline recognised again.
flash-version-published = The version was published.
flash-draft-opened = The draft is open for comment.

# Comparing versions
diff-title = Version { $from } compared with version { $to }
diff-from = From
diff-to = to
diff-compare = Compare
diff-summary = { $changed } changed, { $added } added, { $removed } removed, { $unchanged } unchanged.
diff-added = Added
diff-removed = Removed
diff-changed = Changed
diff-unchanged = Unchanged
diff-none = The two versions are the same.
draft-compare = Compare with the previous version

# Search
nav-search = Search
search-title = Search
search-label = Words to find
search-placeholder = For example: land use fee
search-submit = Search
search-count = { $count ->
    [one] 1 result
   *[other] { $count } results
} for “{ $q }”.
search-comments-title = Comments
search-comments-count = { $count ->
    [one] 1 published comment
   *[other] { $count } published comments
} with all these words, newest first.
workspace-next-version = Next version
workspace-next-version-hint = Upload the full text of the next version. The public will see what changed, provision by provision.
workspace-upload-version = Upload the new version
workspace-error-unpublished-exists = There is already an unpublished version. Correct or publish it first.
flash-version-uploaded = The new version was uploaded. Check its outline before publishing.

# Dossier
dossier-heading = Dossier
dossier-kind = Kind of document
dossier-kind-explanatory-memo = Explanatory memo
dossier-kind-impact-assessment = Impact assessment report
dossier-kind-comparison-table = Comparison table
dossier-kind-other = Other document
dossier-title = Document title
dossier-file = File
dossier-file-hint = A PDF, DOCX or ODT file.
dossier-add = Add to the dossier
dossier-error-no-file = Please choose a file.
dossier-error-type = Only PDF, DOCX and ODT files are accepted (judged by their content, not their name).
dossier-error-too-large = The file is larger than { $mb } MB.
flash-document-added = The document was added to the dossier.
drafts-filter = Filter drafts
drafts-filter-status = Status
drafts-filter-any = All
drafts-filter-apply = Filter
drafts-filter-clear = Clear filters
drafts-none-filtered = No draft matches.

# Names of a document's parts
provision-part = Part { $n }
provision-chapter = Chapter { $n }
provision-section = Section { $n }
provision-subsection = Subsection { $n }
provision-article = Article { $n }.
provision-annex = Annex { $n }
feed-title = gopy — Drafts open for comment
feed-window = Open for comment: { $from } – { $to }

## Late comments
workspace-late-heading = Late comments
workspace-late-hint = Once the window has closed, new comments are refused and the sender sees the closing time. If the agency still takes them, late comments are recorded and publicly marked "late".
workspace-late-allow = Take comments sent after the window closes (marked late)
workspace-late-save = Save
flash-late-allowed = The draft takes late comments; they are publicly marked as late.
flash-late-refused = Comments sent after the window closes will be refused.

## Citing a provision ("Article 5(2)(a)", written smallest part first as in Vietnamese)
citation-article = Article { $n }
citation-clause = clause { $n } of
citation-point = point { $n } of
draft-timeline = How the draft has progressed
workspace-stage-heading = Record the next step
workspace-stage-status = Step
workspace-stage-note = Note (for instance the number and date of the adopted document)
workspace-stage-save = Record
flash-stage-recorded = The step was recorded on the draft's timeline.

## Declarations of interest
interest-heading = Declaration of interests
interest-hint = Every drafter working on the draft declares whether they have an interest in it. Declarations are public on the draft's page; a new one replaces your last.
interest-legend = My interests in this draft
interest-none = I have no interest to declare
interest-some = I have an interest to declare (say which below)
interest-text = What I declare
interest-submit = Declare
interest-error-text = Say which interest you declare (at most 2,000 characters).
flash-interest-declared = Your declaration was recorded; it is public on the draft's page.
interest-public-title = The drafting team's declarations of interest
interest-public-none = no interest to declare

# The public ledger
ledger-title = Public ledger
ledger-intro = Every public change (a draft opened or closed, a version published, a comment published, edited, withdrawn or hidden, an answer published or corrected, an appraisal) is written to the ledger in the same transaction as the change. Each entry carries the SHA-256 of the one before, so nobody can change or delete an entry unnoticed.
ledger-head = Newest entry
ledger-verify-hint = Anyone can check the whole chain with: gopy ledger verify --url portal-address
ledger-filter-draft = Draft (its short address)
ledger-col-time = Time
ledger-col-kind = Change
ledger-col-subject = Subject
ledger-col-hash = Hash
ledger-prev-hash = Hash of the previous entry
ledger-payload = Canonical content (JSON)
ledger-recompute = An entry's hash is the SHA-256 of the previous entry's hash (64 characters) immediately followed by the canonical content above, as UTF-8. For instance, with PAYLOAD holding that content:
ledger-entry-title = Ledger entry { $seq }
ledger-empty = The ledger has no entries yet.
ledger-receipt = The ledger entry that records this comment
api-error-cursor = The page cursor is not valid.
footer-ledger = Public ledger: entry { $seq }

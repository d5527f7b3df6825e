-- The public ledger: every public state change, appended in the same
-- transaction as the change, each entry chained to the one before by
-- SHA-256 over the previous hash and its canonical JSON payload.
CREATE TABLE ledger (
    seq BIGINT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    draft_id BIGINT REFERENCES drafts (id),
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX ledger_draft ON ledger (draft_id, seq);
CREATE INDEX ledger_subject ON ledger (subject, seq);

-- The chain's head, one row: appenders update it first, which makes them
-- wait for each other (a row lock on PostgreSQL, the write lock on SQLite),
-- so the chain never forks, with several app nodes too.
CREATE TABLE ledger_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO ledger_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

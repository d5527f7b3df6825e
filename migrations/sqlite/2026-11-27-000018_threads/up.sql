-- Dialogue threads (đối thoại) and feedback on regulations in force (phản ánh,
-- kiến nghị), business dialogue sessions, and following with e-mail notices.

-- A business dialogue session an agency holds; its questions are threads.
CREATE TABLE dialogue_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    title TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT '',
    -- NULL: no limit on registrations.
    capacity INTEGER,
    minutes TEXT,
    minutes_published_at TIMESTAMP,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

-- kind: 'draft' (on a draft), 'feedback' (on a regulation in force),
-- 'question' (sent ahead of a dialogue session).
-- state: 'open', 'answered', 'closed'.
CREATE TABLE threads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    draft_id BIGINT REFERENCES drafts (id),
    session_id BIGINT REFERENCES dialogue_sessions (id),
    -- The agency addressed now (changes when forwarded).
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- Feedback: the regulation concerned and what is proposed.
    regulation TEXT NOT NULL DEFAULT '',
    proposal TEXT NOT NULL DEFAULT '',
    -- The provisions concerned (anchors of the draft, or free text).
    provisions TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'open',
    author_id BIGINT NOT NULL REFERENCES users (id),
    -- 'citizen', 'organisation' or 'agency'.
    author_kind TEXT NOT NULL,
    organisation_name TEXT,
    -- When the addressed agency received it (opening or forwarding), and
    -- the day its official answer is due.
    received_at TIMESTAMP NOT NULL,
    due_on DATE NOT NULL,
    answered_at TIMESTAMP,
    closed_at TIMESTAMP,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES users (id),
    -- Diacritics-folded title, body and tags, for search.
    search_text TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX threads_state_due ON threads (state, due_on);
CREATE INDEX threads_draft ON threads (draft_id, id);
CREATE INDEX threads_agency ON threads (agency_id, id);
CREATE INDEX threads_session ON threads (session_id, id);

-- The private contact of a feedback's sender: never shown, never exported.
CREATE TABLE thread_contacts (
    thread_id BIGINT PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
    full_name TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL
);

-- Replies nest one level: parent_id is NULL or a reply whose parent is NULL.
CREATE TABLE thread_replies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES thread_replies (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    -- Staff of the addressed agency answering for it.
    official BOOLEAN NOT NULL DEFAULT FALSE,
    agency_id BIGINT REFERENCES agencies (id),
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX thread_replies_thread ON thread_replies (thread_id, id);

-- What happened to a thread: opened, forwarded (from one agency to another,
-- with the reason), answered, closed, reopened, hidden.
CREATE TABLE thread_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    from_agency_id BIGINT REFERENCES agencies (id),
    to_agency_id BIGINT REFERENCES agencies (id),
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX thread_events_thread ON thread_events (thread_id, id);

-- Who follows what: target_kind 'thread' (public id), 'draft' (slug),
-- 'agency' (public id) or 'field' (folded name).
CREATE TABLE follows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL,
    target TEXT NOT NULL,
    -- Notices gathered into one daily e-mail instead of one e-mail each.
    digest BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, target_kind, target)
);
CREATE INDEX follows_target ON follows (target_kind, target);

-- Each notice a person is due, once: the unique key makes a second node (or
-- a second run) a no-op. sent_at is NULL while it waits for a digest.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The follow that led to it (its unsubscribe link).
    follow_id BIGINT REFERENCES follows (id) ON DELETE SET NULL,
    event_key TEXT NOT NULL,
    subject TEXT NOT NULL,
    link TEXT NOT NULL,
    digest BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    UNIQUE (user_id, event_key)
);
CREATE INDEX notices_digest ON notices (digest, sent_at);

CREATE TABLE session_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id BIGINT NOT NULL REFERENCES dialogue_sessions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    organisation_name TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (session_id, user_id)
);

-- The questions the published minutes say were answered at the session.
CREATE TABLE session_answers (
    session_id BIGINT NOT NULL REFERENCES dialogue_sessions (id) ON DELETE CASCADE,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, thread_id)
);

-- Tallies kept by triggers, in the transaction of every change, so a draft
-- page reads a few hundred rows however many comments the draft has, and no
-- code path (the web, the API, `gopy admin generate`, a repair by hand) can
-- leave them behind. Rows that fall to zero stay; readers skip them.
-- The counts are those of the queries they replace: counted comments are
-- 'published' and 'hidden'; an answer is current when published and not
-- superseded; a campaign is a cluster of two counted comments or more; an
-- explanation is reused when five current answers of a draft share it.

-- The decision of a comment's current answer (kept by the trigger on responses).
ALTER TABLE comments ADD COLUMN decision TEXT;
UPDATE comments SET decision = r.decision FROM responses r
WHERE r.comment_id = comments.id AND r.published_at IS NOT NULL AND r.superseded_at IS NULL;

-- Comments per draft, provision ('' for the draft as a whole), status, author category and decision ('' unanswered).
CREATE TABLE comment_tallies (
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    anchor TEXT NOT NULL,
    status TEXT NOT NULL,
    category TEXT NOT NULL,
    decision TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (draft_id, anchor, status, category, decision)
);
INSERT INTO comment_tallies (draft_id, anchor, status, category, decision, n)
SELECT draft_id, COALESCE(anchor, ''), status, category, COALESCE(decision, ''), COUNT(*)
FROM comments GROUP BY draft_id, COALESCE(anchor, ''), status, category, COALESCE(decision, '');

-- Counted comments of an organisation accepted fully or partly, per draft.
CREATE TABLE organisation_tallies (
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    organisation_name TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (draft_id, organisation_name)
);
INSERT INTO organisation_tallies (draft_id, organisation_name, n)
SELECT draft_id, organisation_name, COUNT(*) FROM comments
WHERE organisation_name IS NOT NULL AND status IN ('published', 'hidden')
  AND decision IN ('accepted', 'partly_accepted')
GROUP BY draft_id, organisation_name;

-- Current answers per draft and explanation.
CREATE TABLE explanation_tallies (
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    explanation_key TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (draft_id, explanation_key)
);
INSERT INTO explanation_tallies (draft_id, explanation_key, n)
SELECT draft_id, explanation_key, COUNT(*) FROM responses
WHERE published_at IS NOT NULL AND superseded_at IS NULL
GROUP BY draft_id, explanation_key;

-- Counted members of each cluster.
ALTER TABLE comment_clusters ADD COLUMN members BIGINT NOT NULL DEFAULT 0;
UPDATE comment_clusters SET members = (
    SELECT COUNT(*) FROM comments c
    WHERE c.cluster_id = comment_clusters.id AND c.status IN ('published', 'hidden'));

-- Per draft: current answers, those with a reused explanation, campaigns and their comments.
CREATE TABLE draft_tallies (
    draft_id BIGINT PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
    answers BIGINT NOT NULL DEFAULT 0,
    reused_answers BIGINT NOT NULL DEFAULT 0,
    campaigns BIGINT NOT NULL DEFAULT 0,
    in_campaigns BIGINT NOT NULL DEFAULT 0
);
INSERT INTO draft_tallies (draft_id, answers, reused_answers, campaigns, in_campaigns)
SELECT d.id,
    (SELECT COALESCE(SUM(e.n), 0) FROM explanation_tallies e WHERE e.draft_id = d.id),
    (SELECT COALESCE(SUM(e.n), 0) FROM explanation_tallies e
     WHERE e.draft_id = d.id AND e.explanation_key <> '' AND e.n >= 5),
    (SELECT COUNT(*) FROM comment_clusters k WHERE k.draft_id = d.id AND k.members >= 2),
    (SELECT COALESCE(SUM(k.members), 0) FROM comment_clusters k
     WHERE k.draft_id = d.id AND k.members >= 2)
FROM drafts d;

CREATE FUNCTION drafts_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO draft_tallies (draft_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER drafts_tally AFTER INSERT ON drafts FOR EACH ROW EXECUTE FUNCTION drafts_tally();

-- Comments → comment, organisation and cluster tallies.
CREATE FUNCTION comments_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE comment_tallies SET n = n - 1
        WHERE draft_id = OLD.draft_id AND anchor = COALESCE(OLD.anchor, '') AND status = OLD.status
          AND category = OLD.category AND decision = COALESCE(OLD.decision, '');
        IF OLD.organisation_name IS NOT NULL AND OLD.status IN ('published', 'hidden')
           AND OLD.decision IN ('accepted', 'partly_accepted') THEN
            UPDATE organisation_tallies SET n = n - 1
            WHERE draft_id = OLD.draft_id AND organisation_name = OLD.organisation_name;
        END IF;
        IF OLD.cluster_id IS NOT NULL AND OLD.status IN ('published', 'hidden') THEN
            UPDATE comment_clusters SET members = members - 1 WHERE id = OLD.cluster_id;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO comment_tallies AS t (draft_id, anchor, status, category, decision, n)
        VALUES (NEW.draft_id, COALESCE(NEW.anchor, ''), NEW.status, NEW.category, COALESCE(NEW.decision, ''), 1)
        ON CONFLICT (draft_id, anchor, status, category, decision) DO UPDATE SET n = t.n + 1;
        IF NEW.organisation_name IS NOT NULL AND NEW.status IN ('published', 'hidden')
           AND NEW.decision IN ('accepted', 'partly_accepted') THEN
            INSERT INTO organisation_tallies AS t (draft_id, organisation_name, n)
            VALUES (NEW.draft_id, NEW.organisation_name, 1)
            ON CONFLICT (draft_id, organisation_name) DO UPDATE SET n = t.n + 1;
        END IF;
        IF NEW.cluster_id IS NOT NULL AND NEW.status IN ('published', 'hidden') THEN
            UPDATE comment_clusters SET members = members + 1 WHERE id = NEW.cluster_id;
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER comments_tally
AFTER INSERT OR DELETE OR UPDATE OF draft_id, anchor, status, category, decision, organisation_name, cluster_id
ON comments FOR EACH ROW EXECUTE FUNCTION comments_tally();

-- Responses → the comment's decision and the explanation tallies.
CREATE FUNCTION responses_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.published_at IS NOT NULL AND OLD.superseded_at IS NULL THEN
            UPDATE explanation_tallies SET n = n - 1
            WHERE draft_id = OLD.draft_id AND explanation_key = OLD.explanation_key;
        END IF;
        UPDATE comments SET decision = (
            SELECT r.decision FROM responses r
            WHERE r.comment_id = comments.id AND r.published_at IS NOT NULL AND r.superseded_at IS NULL)
        WHERE id = OLD.comment_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NEW.published_at IS NOT NULL AND NEW.superseded_at IS NULL THEN
            INSERT INTO explanation_tallies AS t (draft_id, explanation_key, n)
            VALUES (NEW.draft_id, NEW.explanation_key, 1)
            ON CONFLICT (draft_id, explanation_key) DO UPDATE SET n = t.n + 1;
        END IF;
        IF TG_OP = 'INSERT' OR NEW.comment_id <> OLD.comment_id THEN
            UPDATE comments SET decision = (
                SELECT r.decision FROM responses r
                WHERE r.comment_id = comments.id AND r.published_at IS NOT NULL AND r.superseded_at IS NULL)
            WHERE id = NEW.comment_id;
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER responses_tally
AFTER INSERT OR DELETE OR UPDATE OF draft_id, comment_id, decision, explanation_key, published_at, superseded_at
ON responses FOR EACH ROW EXECUTE FUNCTION responses_tally();

-- Explanation tallies → the draft's answers and reused answers.
CREATE FUNCTION explanation_tallies_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_n BIGINT := 0; new_reused BIGINT := 0; old_n BIGINT := 0; old_reused BIGINT := 0;
    draft BIGINT;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        draft := NEW.draft_id;
        new_n := NEW.n;
        IF NEW.explanation_key <> '' AND NEW.n >= 5 THEN new_reused := NEW.n; END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        draft := OLD.draft_id;
        old_n := OLD.n;
        IF OLD.explanation_key <> '' AND OLD.n >= 5 THEN old_reused := OLD.n; END IF;
    END IF;
    UPDATE draft_tallies SET answers = answers + new_n - old_n,
        reused_answers = reused_answers + new_reused - old_reused
    WHERE draft_id = draft;
    RETURN NULL;
END $$;
CREATE TRIGGER explanation_tallies_total AFTER INSERT OR DELETE OR UPDATE OF n
ON explanation_tallies FOR EACH ROW EXECUTE FUNCTION explanation_tallies_total();

-- Cluster members → the draft's campaigns.
CREATE FUNCTION comment_clusters_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_m BIGINT := 0; old_m BIGINT := 0; draft BIGINT;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        draft := NEW.draft_id;
        IF NEW.members >= 2 THEN new_m := NEW.members; END IF;
    ELSE
        draft := OLD.draft_id;
    END IF;
    IF OLD.members >= 2 THEN old_m := OLD.members; END IF;
    UPDATE draft_tallies SET
        campaigns = campaigns + (CASE WHEN new_m > 0 THEN 1 ELSE 0 END) - (CASE WHEN old_m > 0 THEN 1 ELSE 0 END),
        in_campaigns = in_campaigns + new_m - old_m
    WHERE draft_id = draft;
    RETURN NULL;
END $$;
CREATE TRIGGER comment_clusters_total AFTER DELETE OR UPDATE OF members
ON comment_clusters FOR EACH ROW EXECUTE FUNCTION comment_clusters_total();

-- A double submission is recognised by its text's hash (one lookup, not a
-- scan of the draft's comments on every submission).
CREATE INDEX comments_draft_sha ON comments (draft_id, body_sha256);

-- Lists and exports walk a draft's comments by id from a cursor; without
-- this index the planner sorted every comment of the draft per page.
CREATE INDEX comments_draft_id ON comments (draft_id, id);

-- An arrival's clustering candidates: the latest comments of each band bucket.
DROP INDEX comment_lsh_bands_bucket;
CREATE INDEX comment_lsh_bands_bucket ON comment_lsh_bands (draft_id, bucket_hash, comment_id);

-- Tallies kept by triggers, in the transaction of every change, so a draft
-- page reads a few hundred rows however many comments the draft has, and no
-- code path (the web, the API, `gopy admin generate`, a repair by hand) can
-- leave them behind. Rows that fall to zero stay; readers skip them.
-- The counts are those of the queries they replace: counted comments are
-- 'published' and 'hidden'; an answer is current when published and not
-- superseded; a campaign is a cluster of two counted comments or more; an
-- explanation is reused when five current answers of a draft share it.

-- The decision of a comment's current answer (kept by the triggers on responses).
ALTER TABLE comments ADD COLUMN decision TEXT;
UPDATE comments SET decision = (
    SELECT r.decision FROM responses r
    WHERE r.comment_id = comments.id AND r.published_at IS NOT NULL AND r.superseded_at IS NULL);

-- Comments per draft, provision ('' for the draft as a whole), status, author category and decision ('' unanswered).
-- WITHOUT ROWID: the rows are stored in key order, so a draft's are read in one range.
CREATE TABLE comment_tallies (
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    anchor TEXT NOT NULL,
    status TEXT NOT NULL,
    category TEXT NOT NULL,
    decision TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (draft_id, anchor, status, category, decision)
) WITHOUT ROWID;
INSERT INTO comment_tallies (draft_id, anchor, status, category, decision, n)
SELECT draft_id, COALESCE(anchor, ''), status, category, COALESCE(decision, ''), COUNT(*)
FROM comments GROUP BY draft_id, COALESCE(anchor, ''), status, category, COALESCE(decision, '');

-- Counted comments of an organisation accepted fully or partly, per draft.
CREATE TABLE organisation_tallies (
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    organisation_name TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (draft_id, organisation_name)
) WITHOUT ROWID;
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
) WITHOUT ROWID;

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
INSERT INTO draft_tallies (draft_id) SELECT id FROM drafts;
UPDATE draft_tallies SET
    campaigns = (SELECT COUNT(*) FROM comment_clusters k
                 WHERE k.draft_id = draft_tallies.draft_id AND k.members >= 2),
    in_campaigns = (SELECT COALESCE(SUM(k.members), 0) FROM comment_clusters k
                    WHERE k.draft_id = draft_tallies.draft_id AND k.members >= 2);

CREATE TRIGGER drafts_tally AFTER INSERT ON drafts BEGIN
    INSERT OR IGNORE INTO draft_tallies (draft_id) VALUES (NEW.id);
END;

-- Comments → comment, organisation and cluster tallies.
CREATE TRIGGER comments_tally_insert AFTER INSERT ON comments BEGIN
    INSERT OR IGNORE INTO comment_tallies (draft_id, anchor, status, category, decision, n)
    VALUES (NEW.draft_id, COALESCE(NEW.anchor, ''), NEW.status, NEW.category, COALESCE(NEW.decision, ''), 0);
    UPDATE comment_tallies SET n = n + 1
    WHERE draft_id = NEW.draft_id AND anchor = COALESCE(NEW.anchor, '') AND status = NEW.status
      AND category = NEW.category AND decision = COALESCE(NEW.decision, '');
    INSERT OR IGNORE INTO organisation_tallies (draft_id, organisation_name, n)
    SELECT NEW.draft_id, NEW.organisation_name, 0
    WHERE NEW.organisation_name IS NOT NULL AND NEW.status IN ('published', 'hidden')
      AND NEW.decision IN ('accepted', 'partly_accepted');
    UPDATE organisation_tallies SET n = n + 1
    WHERE draft_id = NEW.draft_id AND organisation_name = NEW.organisation_name
      AND NEW.status IN ('published', 'hidden') AND NEW.decision IN ('accepted', 'partly_accepted');
    UPDATE comment_clusters SET members = members + 1
    WHERE id = NEW.cluster_id AND NEW.status IN ('published', 'hidden');
END;

CREATE TRIGGER comments_tally_delete AFTER DELETE ON comments BEGIN
    UPDATE comment_tallies SET n = n - 1
    WHERE draft_id = OLD.draft_id AND anchor = COALESCE(OLD.anchor, '') AND status = OLD.status
      AND category = OLD.category AND decision = COALESCE(OLD.decision, '');
    UPDATE organisation_tallies SET n = n - 1
    WHERE draft_id = OLD.draft_id AND organisation_name = OLD.organisation_name
      AND OLD.status IN ('published', 'hidden') AND OLD.decision IN ('accepted', 'partly_accepted');
    UPDATE comment_clusters SET members = members - 1
    WHERE id = OLD.cluster_id AND OLD.status IN ('published', 'hidden');
END;

CREATE TRIGGER comments_tally_update
AFTER UPDATE OF draft_id, anchor, status, category, decision, organisation_name, cluster_id ON comments BEGIN
    UPDATE comment_tallies SET n = n - 1
    WHERE draft_id = OLD.draft_id AND anchor = COALESCE(OLD.anchor, '') AND status = OLD.status
      AND category = OLD.category AND decision = COALESCE(OLD.decision, '');
    UPDATE organisation_tallies SET n = n - 1
    WHERE draft_id = OLD.draft_id AND organisation_name = OLD.organisation_name
      AND OLD.status IN ('published', 'hidden') AND OLD.decision IN ('accepted', 'partly_accepted');
    UPDATE comment_clusters SET members = members - 1
    WHERE id = OLD.cluster_id AND OLD.status IN ('published', 'hidden');
    INSERT OR IGNORE INTO comment_tallies (draft_id, anchor, status, category, decision, n)
    VALUES (NEW.draft_id, COALESCE(NEW.anchor, ''), NEW.status, NEW.category, COALESCE(NEW.decision, ''), 0);
    UPDATE comment_tallies SET n = n + 1
    WHERE draft_id = NEW.draft_id AND anchor = COALESCE(NEW.anchor, '') AND status = NEW.status
      AND category = NEW.category AND decision = COALESCE(NEW.decision, '');
    INSERT OR IGNORE INTO organisation_tallies (draft_id, organisation_name, n)
    SELECT NEW.draft_id, NEW.organisation_name, 0
    WHERE NEW.organisation_name IS NOT NULL AND NEW.status IN ('published', 'hidden')
      AND NEW.decision IN ('accepted', 'partly_accepted');
    UPDATE organisation_tallies SET n = n + 1
    WHERE draft_id = NEW.draft_id AND organisation_name = NEW.organisation_name
      AND NEW.status IN ('published', 'hidden') AND NEW.decision IN ('accepted', 'partly_accepted');
    UPDATE comment_clusters SET members = members + 1
    WHERE id = NEW.cluster_id AND NEW.status IN ('published', 'hidden');
END;

-- Responses → the comment's decision and the explanation tallies.
CREATE TRIGGER responses_tally_insert AFTER INSERT ON responses BEGIN
    UPDATE comments SET decision = (
        SELECT r.decision FROM responses r
        WHERE r.comment_id = comments.id AND r.published_at IS NOT NULL AND r.superseded_at IS NULL)
    WHERE id = NEW.comment_id;
    INSERT OR IGNORE INTO explanation_tallies (draft_id, explanation_key, n)
    SELECT NEW.draft_id, NEW.explanation_key, 0
    WHERE NEW.published_at IS NOT NULL AND NEW.superseded_at IS NULL;
    UPDATE explanation_tallies SET n = n + 1
    WHERE draft_id = NEW.draft_id AND explanation_key = NEW.explanation_key
      AND NEW.published_at IS NOT NULL AND NEW.superseded_at IS NULL;
END;

CREATE TRIGGER responses_tally_delete AFTER DELETE ON responses BEGIN
    UPDATE comments SET decision = (
        SELECT r.decision FROM responses r
        WHERE r.comment_id = comments.id AND r.published_at IS NOT NULL AND r.superseded_at IS NULL)
    WHERE id = OLD.comment_id;
    UPDATE explanation_tallies SET n = n - 1
    WHERE draft_id = OLD.draft_id AND explanation_key = OLD.explanation_key
      AND OLD.published_at IS NOT NULL AND OLD.superseded_at IS NULL;
END;

CREATE TRIGGER responses_tally_update
AFTER UPDATE OF draft_id, comment_id, decision, explanation_key, published_at, superseded_at ON responses BEGIN
    UPDATE comments SET decision = (
        SELECT r.decision FROM responses r
        WHERE r.comment_id = comments.id AND r.published_at IS NOT NULL AND r.superseded_at IS NULL)
    WHERE id IN (OLD.comment_id, NEW.comment_id);
    UPDATE explanation_tallies SET n = n - 1
    WHERE draft_id = OLD.draft_id AND explanation_key = OLD.explanation_key
      AND OLD.published_at IS NOT NULL AND OLD.superseded_at IS NULL;
    INSERT OR IGNORE INTO explanation_tallies (draft_id, explanation_key, n)
    SELECT NEW.draft_id, NEW.explanation_key, 0
    WHERE NEW.published_at IS NOT NULL AND NEW.superseded_at IS NULL;
    UPDATE explanation_tallies SET n = n + 1
    WHERE draft_id = NEW.draft_id AND explanation_key = NEW.explanation_key
      AND NEW.published_at IS NOT NULL AND NEW.superseded_at IS NULL;
END;

-- Explanation tallies → the draft's answers and reused answers.
CREATE TRIGGER explanation_tallies_insert AFTER INSERT ON explanation_tallies BEGIN
    UPDATE draft_tallies SET
        answers = answers + NEW.n,
        reused_answers = reused_answers
            + CASE WHEN NEW.explanation_key <> '' AND NEW.n >= 5 THEN NEW.n ELSE 0 END
    WHERE draft_id = NEW.draft_id;
END;

CREATE TRIGGER explanation_tallies_update AFTER UPDATE OF n ON explanation_tallies BEGIN
    UPDATE draft_tallies SET
        answers = answers + NEW.n - OLD.n,
        reused_answers = reused_answers
            + CASE WHEN NEW.explanation_key <> '' AND NEW.n >= 5 THEN NEW.n ELSE 0 END
            - CASE WHEN OLD.explanation_key <> '' AND OLD.n >= 5 THEN OLD.n ELSE 0 END
    WHERE draft_id = NEW.draft_id;
END;

CREATE TRIGGER explanation_tallies_delete AFTER DELETE ON explanation_tallies BEGIN
    UPDATE draft_tallies SET
        answers = answers - OLD.n,
        reused_answers = reused_answers
            - CASE WHEN OLD.explanation_key <> '' AND OLD.n >= 5 THEN OLD.n ELSE 0 END
    WHERE draft_id = OLD.draft_id;
END;

-- Cluster members → the draft's campaigns.
CREATE TRIGGER comment_clusters_tally_update AFTER UPDATE OF members ON comment_clusters BEGIN
    UPDATE draft_tallies SET
        campaigns = campaigns + (NEW.members >= 2) - (OLD.members >= 2),
        in_campaigns = in_campaigns
            + CASE WHEN NEW.members >= 2 THEN NEW.members ELSE 0 END
            - CASE WHEN OLD.members >= 2 THEN OLD.members ELSE 0 END
    WHERE draft_id = NEW.draft_id;
END;

CREATE TRIGGER comment_clusters_tally_delete AFTER DELETE ON comment_clusters BEGIN
    UPDATE draft_tallies SET
        campaigns = campaigns - (OLD.members >= 2),
        in_campaigns = in_campaigns - CASE WHEN OLD.members >= 2 THEN OLD.members ELSE 0 END
    WHERE draft_id = OLD.draft_id;
END;

-- Backfill the explanations last: their triggers add to draft_tallies.
INSERT INTO explanation_tallies (draft_id, explanation_key, n)
SELECT draft_id, explanation_key, COUNT(*) FROM responses
WHERE published_at IS NOT NULL AND superseded_at IS NULL
GROUP BY draft_id, explanation_key;

-- A double submission is recognised by its text's hash (one lookup, not a
-- scan of the draft's comments on every submission).
CREATE INDEX comments_draft_sha ON comments (draft_id, body_sha256);

-- Lists and exports walk a draft's comments by id from a cursor; without
-- this index the planner sorted every comment of the draft per page.
CREATE INDEX comments_draft_id ON comments (draft_id, id);

-- An arrival's clustering candidates: the latest comments of each band bucket.
DROP INDEX comment_lsh_bands_bucket;
CREATE INDEX comment_lsh_bands_bucket ON comment_lsh_bands (draft_id, bucket_hash, comment_id);

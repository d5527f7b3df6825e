-- Where in the draft a comment points, as the provision's place in the
-- version it was made on (0: the whole draft or a question), so the list can
-- go "by provision" with a keyset cursor.
ALTER TABLE comments ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE comments SET position = COALESCE((
    SELECT p.position FROM provisions p JOIN versions v ON v.id = p.version_id
    WHERE v.draft_id = comments.draft_id
      AND v.number = comments.version_number
      AND p.anchor = comments.anchor), 0)
WHERE anchor IS NOT NULL;
CREATE INDEX comments_by_position ON comments (draft_id, position, id);

-- Campaign clustering: near-identical comments grouped as they arrive.
-- A cluster takes the id of the comment that founded it (its earliest
-- member), so `gopy admin recluster` rebuilds the same ids.
CREATE TABLE comment_clusters (
    id BIGINT PRIMARY KEY,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX comment_clusters_draft ON comment_clusters (draft_id, id);

ALTER TABLE comments ADD COLUMN cluster_id BIGINT REFERENCES comment_clusters (id);
CREATE INDEX comments_cluster ON comments (cluster_id, id);

-- The MinHash signature of each comment long enough to compare (hex).
CREATE TABLE comment_signatures (
    comment_id BIGINT PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    minhash TEXT NOT NULL
);

-- Its LSH band buckets: comments sharing a bucket in a draft are candidates.
CREATE TABLE comment_lsh_bands (
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    band INTEGER NOT NULL,
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    bucket_hash BIGINT NOT NULL,
    PRIMARY KEY (comment_id, band)
);
CREATE INDEX comment_lsh_bands_bucket ON comment_lsh_bands (draft_id, bucket_hash);

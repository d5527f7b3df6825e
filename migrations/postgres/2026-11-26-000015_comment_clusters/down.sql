DROP TABLE comment_lsh_bands;
DROP TABLE comment_signatures;
DROP INDEX comments_cluster;
ALTER TABLE comments DROP COLUMN cluster_id;
DROP TABLE comment_clusters;

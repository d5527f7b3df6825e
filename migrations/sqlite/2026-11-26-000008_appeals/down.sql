ALTER TABLE comments DROP COLUMN hidden_by;
DROP TABLE appeals;

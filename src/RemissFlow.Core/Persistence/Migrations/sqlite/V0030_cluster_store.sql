-- Everything a request needs lives in the database, so any app node serves any request (issue 20).
-- On PostgreSQL the uploaded files and the data-protection keys that sign cookies and antiforgery tokens live
-- here; a SQLite installation is one node and keeps both on disk, so these tables stay empty there. They exist in
-- both schemas so the two stay alike.
CREATE TABLE stored_files (
    sha256 CHAR(64) NOT NULL PRIMARY KEY,
    size BIGINT NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE data_protection_keys (
    friendly_name VARCHAR(200) NOT NULL PRIMARY KEY,
    xml TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Every resolved template a TU version was approved with, by its SHA-256 (issue #21): an approved TU renders with the
-- template it was approved under, whatever the organisation's template says later. Content-addressed, never changed.
CREATE TABLE mallversioner (
    "Sha256" character varying(64) NOT NULL,
    "Dokumenttyp" character varying(40) NOT NULL,
    "Innehall" text NOT NULL,
    CONSTRAINT "PK_mallversioner" PRIMARY KEY ("Sha256")
);

ALTER TABLE tjansteutlatande_versioner ADD COLUMN "MallVersion" character varying(64) NULL;
ALTER TABLE tjansteutlatande_versioner ADD CONSTRAINT "FK_tjansteutlatande_versioner_mallversioner_MallVersion"
    FOREIGN KEY ("MallVersion") REFERENCES mallversioner ("Sha256") ON DELETE RESTRICT;
CREATE INDEX "IX_tjansteutlatande_versioner_MallVersion" ON tjansteutlatande_versioner ("MallVersion");

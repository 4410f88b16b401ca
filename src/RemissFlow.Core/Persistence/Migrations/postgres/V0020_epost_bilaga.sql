-- One attached file per outgoing e-mail: the kallelse's calendar invitation (kallelse.ics).
ALTER TABLE utgaende_epost ADD COLUMN "BilagaNamn" character varying(200) NULL;
ALTER TABLE utgaende_epost ADD COLUMN "BilagaTyp" character varying(200) NULL;
ALTER TABLE utgaende_epost ADD COLUMN "Bilaga" bytea NULL;

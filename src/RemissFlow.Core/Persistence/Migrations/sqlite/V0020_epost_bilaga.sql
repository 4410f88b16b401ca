-- One attached file per outgoing e-mail: the kallelse's calendar invitation (kallelse.ics).
ALTER TABLE "utgaende_epost" ADD COLUMN "BilagaNamn" TEXT NULL;
ALTER TABLE "utgaende_epost" ADD COLUMN "BilagaTyp" TEXT NULL;
ALTER TABLE "utgaende_epost" ADD COLUMN "Bilaga" BLOB NULL;

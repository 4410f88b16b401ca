-- Separation of duties: the writer of a tjänsteutlåtande version may approve it only where the
-- organisation has chosen to allow it (e.g. a small bolag where one person does everything).
ALTER TABLE "organisationer" ADD COLUMN "TillatSjalvgodkannande" boolean NOT NULL DEFAULT FALSE;

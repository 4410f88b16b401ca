-- A remisshandling can carry a title of its own (what the missiv, the remiss page and the public page call it);
-- without one the file name stands in, as before.
ALTER TABLE "bilagor" ADD COLUMN "Rubrik" TEXT NULL;

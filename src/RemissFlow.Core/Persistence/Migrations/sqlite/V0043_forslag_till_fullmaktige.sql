-- A protokollsutdrag prints the nämnd's proposal to kommunfullmäktige as its own block (issue #21).
-- Reservations' form, proposal and bilaga live in the reservationer JSON and need no column.
ALTER TABLE "beslut" ADD COLUMN "ForslagTillFullmaktige" TEXT NULL;

-- Search (issue #15): every stop word is indexed as one token (SwedishAnalysis.StopToken) on both databases, so a
-- stop word inside a phrase means the same on both. The words of every row change, so the index is made again:
-- `remissflow search rebuild` fills it (a database made before this version must run it once).
DELETE FROM "sok_dokument";

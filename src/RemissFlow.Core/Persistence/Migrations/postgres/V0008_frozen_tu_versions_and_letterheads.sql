-- A saved tjänsteutlåtande version renders the same forever: it keeps its own rubrik, and the beredning passages and
-- agenda placements it shows are those recorded before it was saved (NULL: recorded before this script, always shown).
ALTER TABLE tjansteutlatande_versioner ADD COLUMN "Rubrik" character varying(300) NULL;
ALTER TABLE beredning_handelser ADD COLUMN "RegistreradAt" timestamp with time zone NULL;
ALTER TABLE foredragningspunkter ADD COLUMN "AnmaldAt" timestamp with time zone NULL;
-- The organisation register is the one source of a letterhead's facts: an optional logo (PNG or JPEG) in the file store.
ALTER TABLE organisationer ADD COLUMN "LogoSha256" character varying(64) NULL;
ALTER TABLE organisationer ADD COLUMN "LogoMediaType" character varying(40) NULL;

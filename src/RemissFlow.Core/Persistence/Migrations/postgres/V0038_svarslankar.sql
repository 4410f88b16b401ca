-- Secret answer links for outside organisations (issue #17): only the token's SHA-256 is stored; the link's end is the
-- remissvar's live svarsdatum, computed when it is used. Every submission through a link is kept as its own version.
-- BilagaId has no foreign key: gallring may delete an answer file under the dokumenthanteringsplan, the version stays.
CREATE TABLE svarslankar (
    "Id" uuid NOT NULL,
    "RemissvarId" uuid NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "SkapadAt" timestamp with time zone NOT NULL,
    "SkapadAv" uuid,
    "AterkalladAt" timestamp with time zone,
    "AterkalladAv" uuid,
    "Ersatt" boolean NOT NULL,
    CONSTRAINT "PK_svarslankar" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_svarslankar_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES remissvar ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_svarslankar_TokenHash" ON svarslankar ("TokenHash");
CREATE INDEX "IX_svarslankar_RemissvarId" ON svarslankar ("RemissvarId");

CREATE TABLE svarslank_svar (
    "Id" uuid NOT NULL,
    "RemissvarId" uuid NOT NULL,
    "SvarslankId" uuid NOT NULL,
    "Nummer" integer NOT NULL,
    "Standpunkt" character varying(40) NOT NULL,
    "Text" character varying(20000),
    "BilagaId" uuid,
    "KontaktNamn" character varying(200) NOT NULL,
    "KontaktEpost" character varying(200) NOT NULL,
    "InlamnadAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_svarslank_svar" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_svarslank_svar_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES remissvar ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_svarslank_svar_svarslankar_SvarslankId" FOREIGN KEY ("SvarslankId") REFERENCES svarslankar ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_svarslank_svar_RemissvarId_Nummer" ON svarslank_svar ("RemissvarId", "Nummer");
CREATE INDEX "IX_svarslank_svar_SvarslankId" ON svarslank_svar ("SvarslankId");

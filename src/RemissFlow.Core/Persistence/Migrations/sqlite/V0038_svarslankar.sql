-- Secret answer links for outside organisations (issue #17): only the token's SHA-256 is stored; the link's end is the
-- remissvar's live svarsdatum, computed when it is used. Every submission through a link is kept as its own version.
-- BilagaId has no foreign key: gallring may delete an answer file under the dokumenthanteringsplan, the version stays.
CREATE TABLE "svarslankar" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_svarslankar" PRIMARY KEY,
    "RemissvarId" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "SkapadAt" INTEGER NOT NULL,
    "SkapadAv" TEXT NULL,
    "AterkalladAt" INTEGER NULL,
    "AterkalladAv" TEXT NULL,
    "Ersatt" INTEGER NOT NULL,
    CONSTRAINT "FK_svarslankar_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES "remissvar" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_svarslankar_TokenHash" ON "svarslankar" ("TokenHash");
CREATE INDEX "IX_svarslankar_RemissvarId" ON "svarslankar" ("RemissvarId");

CREATE TABLE "svarslank_svar" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_svarslank_svar" PRIMARY KEY,
    "RemissvarId" TEXT NOT NULL,
    "SvarslankId" TEXT NOT NULL,
    "Nummer" INTEGER NOT NULL,
    "Standpunkt" TEXT NOT NULL,
    "Text" TEXT NULL,
    "BilagaId" TEXT NULL,
    "KontaktNamn" TEXT NOT NULL,
    "KontaktEpost" TEXT NOT NULL,
    "InlamnadAt" INTEGER NOT NULL,
    CONSTRAINT "FK_svarslank_svar_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES "remissvar" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_svarslank_svar_svarslankar_SvarslankId" FOREIGN KEY ("SvarslankId") REFERENCES "svarslankar" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_svarslank_svar_RemissvarId_Nummer" ON "svarslank_svar" ("RemissvarId", "Nummer");
CREATE INDEX "IX_svarslank_svar_SvarslankId" ON "svarslank_svar" ("SvarslankId");

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "diarieserier" (
    "OrganisationId" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "LastNumber" INTEGER NOT NULL,
    CONSTRAINT "PK_diarieserier" PRIMARY KEY ("OrganisationId", "Year")
);


CREATE TABLE "handelser" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_handelser" PRIMARY KEY,
    "At" INTEGER NOT NULL,
    "ActorId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "ArendeTyp" TEXT NOT NULL,
    "ArendeId" TEXT NOT NULL,
    "Dnr" TEXT NULL,
    "Beskrivning" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);


CREATE TABLE "organisationer" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_organisationer" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ForvaltningName" TEXT NULL,
    "DnrPrefix" TEXT NOT NULL,
    "ContactEmail" TEXT NULL,
    "ContactPhone" TEXT NULL,
    "PostalAddress" TEXT NULL,
    "VisitingAddress" TEXT NULL,
    "Web" TEXT NULL,
    "BeredningOrgan" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "Title" TEXT NULL,
    "OrganisationId" TEXT NOT NULL,
    "CalendarToken" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "organ" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_organ" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "HandlingarArbetsdagarFore" INTEGER NOT NULL,
    "JusteringArbetsdagar" INTEGER NOT NULL,
    "OmedelbarJusteringForRemissvar" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_organ_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "remisser" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_remisser" PRIMARY KEY,
    "AvsandareId" TEXT NOT NULL,
    "Dnr" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Svarsdatum" TEXT NOT NULL,
    "UtskickDatum" TEXT NULL,
    "TillaterForvaltningensSvar" INTEGER NOT NULL,
    "KontaktpersonNamn" TEXT NULL,
    "KontaktpersonEpost" TEXT NULL,
    "Status" TEXT NOT NULL,
    "WorkflowInstanceId" TEXT NULL,
    "SammanstallningPublicerad" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_remisser_organisationer_AvsandareId" FOREIGN KEY ("AvsandareId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "sammantraden" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sammantraden" PRIMARY KEY,
    "OrganId" TEXT NOT NULL,
    "Datum" TEXT NOT NULL,
    "Tid" TEXT NULL,
    "Lokal" TEXT NULL,
    "Extra" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_sammantraden_organ_OrganId" FOREIGN KEY ("OrganId") REFERENCES "organ" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "remisslista" (
    "RemissId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Ordning" INTEGER NOT NULL,
    CONSTRAINT "PK_remisslista" PRIMARY KEY ("RemissId", "OrganisationId"),
    CONSTRAINT "FK_remisslista_organisationer_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_remisslista_remisser_RemissId" FOREIGN KEY ("RemissId") REFERENCES "remisser" ("Id") ON DELETE CASCADE
);


CREATE TABLE "remissvar" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_remissvar" PRIMARY KEY,
    "RemissId" TEXT NOT NULL,
    "InstansId" TEXT NOT NULL,
    "AvsandareDnr" TEXT NOT NULL,
    "Dnr" TEXT NULL,
    "HandlaggareId" TEXT NULL,
    "Svarsdatum" TEXT NOT NULL,
    "Utfall" TEXT NULL,
    "Standpunkt" TEXT NULL,
    "Nyckelpunkter" TEXT NULL,
    "InlamnadAt" INTEGER NULL,
    "RegistreradDatum" TEXT NULL,
    "Status" TEXT NOT NULL,
    "WorkflowInstanceId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_remissvar_AspNetUsers_HandlaggareId" FOREIGN KEY ("HandlaggareId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_remissvar_organisationer_InstansId" FOREIGN KEY ("InstansId") REFERENCES "organisationer" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_remissvar_remisser_RemissId" FOREIGN KEY ("RemissId") REFERENCES "remisser" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "anstand" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_anstand" PRIMARY KEY,
    "RemissvarId" TEXT NOT NULL,
    "TidigareSvarsdatum" TEXT NOT NULL,
    "BegartDatum" TEXT NOT NULL,
    "Motivering" TEXT NOT NULL,
    "Beslut" TEXT NOT NULL,
    "BeviljatDatum" TEXT NULL,
    "BeslutKommentar" TEXT NULL,
    "BegartAt" INTEGER NOT NULL,
    "BegartAv" TEXT NOT NULL,
    "BeslutadAt" INTEGER NULL,
    "BeslutadAv" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_anstand_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES "remissvar" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "beredning_handelser" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_beredning_handelser" PRIMARY KEY,
    "RemissvarId" TEXT NOT NULL,
    "OrganKind" TEXT NOT NULL,
    "OrganNamn" TEXT NOT NULL,
    "Datum" TEXT NOT NULL,
    "EndastMojlighet" INTEGER NOT NULL,
    CONSTRAINT "FK_beredning_handelser_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES "remissvar" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "beslut" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_beslut" PRIMARY KEY,
    "RemissvarId" TEXT NOT NULL,
    "SammantradeId" TEXT NULL,
    "Paragraf" INTEGER NULL,
    "Datum" TEXT NOT NULL,
    "Beslutstext" TEXT NOT NULL,
    "Beslutsunderlag" TEXT NULL,
    "Voteringsordning" TEXT NULL,
    "OmedelbarJustering" INTEGER NOT NULL,
    "Ordforandebeslut" INTEGER NOT NULL,
    "AnmalsVidSammantradeId" TEXT NULL,
    "Justerare" TEXT NULL,
    "JusteradDatum" TEXT NULL,
    "ExpedierasTill" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "reservationer" TEXT NULL,
    "sarskilda_uttalanden" TEXT NULL,
    "yrkanden" TEXT NULL,
    CONSTRAINT "FK_beslut_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES "remissvar" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_beslut_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES "sammantraden" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "bilagor" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_bilagor" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "RemissId" TEXT NULL,
    "RemissvarId" TEXT NULL,
    "FileName" TEXT NOT NULL,
    "MediaType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "UploadedAt" INTEGER NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    CONSTRAINT "FK_bilagor_remisser_RemissId" FOREIGN KEY ("RemissId") REFERENCES "remisser" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_bilagor_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES "remissvar" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "foredragningspunkter" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_foredragningspunkter" PRIMARY KEY,
    "SammantradeId" TEXT NOT NULL,
    "Ordning" INTEGER NOT NULL,
    "RemissvarId" TEXT NOT NULL,
    "Rubrik" TEXT NOT NULL,
    CONSTRAINT "FK_foredragningspunkter_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES "remissvar" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_foredragningspunkter_sammantraden_SammantradeId" FOREIGN KEY ("SammantradeId") REFERENCES "sammantraden" ("Id") ON DELETE CASCADE
);


CREATE TABLE "tjansteutlatanden" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_tjansteutlatanden" PRIMARY KEY,
    "RemissvarId" TEXT NOT NULL,
    "Rubrik" TEXT NOT NULL,
    "GodkandVersion" INTEGER NULL,
    "GodkandAv" TEXT NULL,
    "GodkandAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_tjansteutlatanden_remissvar_RemissvarId" FOREIGN KEY ("RemissvarId") REFERENCES "remissvar" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "tjansteutlatande_versioner" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_tjansteutlatande_versioner" PRIMARY KEY,
    "TjansteutlatandeId" TEXT NOT NULL,
    "Nummer" INTEGER NOT NULL,
    "ForslagTillBeslut" TEXT NOT NULL,
    "Sammanfattning" TEXT NOT NULL,
    "Bakgrund" TEXT NOT NULL,
    "Arendet" TEXT NOT NULL,
    "ArendetsBeredning" TEXT NULL,
    "Synpunkter" TEXT NOT NULL,
    "SkapadAv" TEXT NOT NULL,
    "SkapadAt" INTEGER NOT NULL,
    "Kommentar" TEXT NULL,
    CONSTRAINT "FK_tjansteutlatande_versioner_tjansteutlatanden_TjansteutlatandeId" FOREIGN KEY ("TjansteutlatandeId") REFERENCES "tjansteutlatanden" ("Id") ON DELETE RESTRICT
);


CREATE INDEX "IX_anstand_RemissvarId" ON "anstand" ("RemissvarId");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "IX_AspNetUsers_CalendarToken" ON "AspNetUsers" ("CalendarToken");


CREATE INDEX "IX_AspNetUsers_OrganisationId" ON "AspNetUsers" ("OrganisationId");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_beredning_handelser_RemissvarId" ON "beredning_handelser" ("RemissvarId");


CREATE INDEX "IX_beslut_RemissvarId" ON "beslut" ("RemissvarId");


CREATE INDEX "IX_beslut_SammantradeId" ON "beslut" ("SammantradeId");


CREATE INDEX "IX_bilagor_RemissId" ON "bilagor" ("RemissId");


CREATE INDEX "IX_bilagor_RemissvarId" ON "bilagor" ("RemissvarId");


CREATE INDEX "IX_foredragningspunkter_RemissvarId" ON "foredragningspunkter" ("RemissvarId");


CREATE UNIQUE INDEX "IX_foredragningspunkter_SammantradeId_RemissvarId" ON "foredragningspunkter" ("SammantradeId", "RemissvarId");


CREATE INDEX "IX_handelser_ArendeId_Sequence" ON "handelser" ("ArendeId", "Sequence");


CREATE INDEX "IX_organ_OrganisationId_Kind" ON "organ" ("OrganisationId", "Kind");


CREATE UNIQUE INDEX "IX_organisationer_DnrPrefix" ON "organisationer" ("DnrPrefix");


CREATE UNIQUE INDEX "IX_organisationer_Name" ON "organisationer" ("Name");


CREATE INDEX "IX_remisser_AvsandareId" ON "remisser" ("AvsandareId");


CREATE UNIQUE INDEX "IX_remisser_Dnr" ON "remisser" ("Dnr");


CREATE INDEX "IX_remisser_Status_Svarsdatum" ON "remisser" ("Status", "Svarsdatum");


CREATE INDEX "IX_remisslista_OrganisationId" ON "remisslista" ("OrganisationId");


CREATE UNIQUE INDEX "IX_remissvar_Dnr" ON "remissvar" ("Dnr");


CREATE INDEX "IX_remissvar_HandlaggareId" ON "remissvar" ("HandlaggareId");


CREATE INDEX "IX_remissvar_InstansId_Status_Svarsdatum" ON "remissvar" ("InstansId", "Status", "Svarsdatum");


CREATE UNIQUE INDEX "IX_remissvar_RemissId_InstansId" ON "remissvar" ("RemissId", "InstansId");


CREATE UNIQUE INDEX "IX_sammantraden_OrganId_Datum" ON "sammantraden" ("OrganId", "Datum");


CREATE UNIQUE INDEX "IX_tjansteutlatande_versioner_TjansteutlatandeId_Nummer" ON "tjansteutlatande_versioner" ("TjansteutlatandeId", "Nummer");


CREATE UNIQUE INDEX "IX_tjansteutlatanden_RemissvarId" ON "tjansteutlatanden" ("RemissvarId");



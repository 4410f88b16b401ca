-- The masked public copy of a sekretessmarkerad handling (issue #19): one per handling, its bytes in the file store.
CREATE TABLE maskerade_kopior (
    "Id" uuid NOT NULL,
    "HandlingTyp" character varying(20) NOT NULL,
    "HandlingId" uuid NOT NULL,
    "FileName" character varying(255) NOT NULL,
    "MediaType" character varying(100) NOT NULL,
    "Size" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "Maskering" text NOT NULL,
    "SkapadAv" uuid,
    "SkapadAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_maskerade_kopior" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_maskerade_kopior_HandlingTyp_HandlingId" ON maskerade_kopior ("HandlingTyp", "HandlingId");

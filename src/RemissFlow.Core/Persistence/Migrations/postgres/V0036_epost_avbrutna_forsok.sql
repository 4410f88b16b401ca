-- Claims of an outgoing e-mail that lapsed without an outcome (issue #20): the node died mid-send, so the message may
-- have gone out once before the resend. Counted so that a duplicate at the recipient is explained, not silent.
ALTER TABLE utgaende_epost ADD COLUMN "AvbrutnaForsok" integer NOT NULL DEFAULT 0;

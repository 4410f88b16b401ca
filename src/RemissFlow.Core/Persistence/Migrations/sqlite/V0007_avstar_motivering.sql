-- An instans that declines to comment ("avstår") may say why; the sender sees it with the answer.
ALTER TABLE "remissvar" ADD COLUMN "AvstarMotivering" TEXT NULL;

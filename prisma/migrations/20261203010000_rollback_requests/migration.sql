-- Four eyes on rollback (issue 10): with PROVISO_FOUR_EYES=1 rolling back to an
-- earlier version is a publish request like any other, whose source is that
-- version's; `rollback_to` names the version (null: a publish of the draft).
ALTER TABLE "publish_requests" ADD COLUMN "rollback_to" INTEGER;
ALTER TABLE "publish_requests" ADD CONSTRAINT "publish_requests_rollback_to_check" CHECK ("rollback_to" IS NULL OR "rollback_to" >= 1);

-- Admins archive a published policy document: it leaves the published library
-- (runs and simulations no longer apply it) while its versions stay for audit.
ALTER TABLE "policy_documents" DROP CONSTRAINT "policy_documents_status_check";
ALTER TABLE "policy_documents" ADD CONSTRAINT "policy_documents_status_check"
  CHECK ("status" IN ('draft', 'published', 'changed', 'archived'));

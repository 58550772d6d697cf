-- Idempotency keys expire (PROVISO_IDEMPOTENCY_RETENTION_HOURS, default 24 h,
-- timed by the service's clock, which stamps created_at itself): each new key
-- deletes a bounded batch of the oldest expired ones, found by this index.
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" ("created_at");

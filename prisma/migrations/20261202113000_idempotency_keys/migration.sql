-- Idempotency-Key on POST /api/billing-runs: a retried start (same API key,
-- same header value) answers with the run the first one created. The key row
-- is inserted in the run's own transaction, so a concurrent retry waits on the
-- primary key and then reads the committed run.
CREATE TABLE "idempotency_keys" (
  "scope"        TEXT NOT NULL,
  "route"        TEXT NOT NULL,
  "key"          TEXT NOT NULL,
  "request_hash" TEXT NOT NULL,
  "resource_id"  TEXT,
  "created_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("scope", "route", "key"),
  CONSTRAINT "idempotency_keys_key_check" CHECK (length("key") BETWEEN 1 AND 255)
);

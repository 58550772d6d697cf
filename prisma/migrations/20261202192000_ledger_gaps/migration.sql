-- Ledger gaps (issue 9): what a credit line corrects is kept with it, so an
-- invoice shows it, the export carries it, and voiding the corrected charge
-- offsets only what is still live of it.

-- A credit line's `corrects` (DESIGN §3): the billed coverage it gives days
-- back from (its period and billed amount, as the planner saw them), and the
-- live charge line that held that coverage when the credit was written (null
-- when it was imported history, or for credits written before this
-- migration). No foreign key on purpose: discarding a draft deletes its
-- charges, and the credits of posted invoices that named them must not
-- change; a credit whose charge is gone or no longer live corrects nothing.
ALTER TABLE "invoice_lines"
    ADD COLUMN "corrects_period_start" DATE,
    ADD COLUMN "corrects_period_end" DATE,
    ADD COLUMN "corrects_amount" DECIMAL(30,10),
    ADD COLUMN "corrects_line_id" TEXT;
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_corrects_check" CHECK (
    ("corrects_period_start" IS NULL AND "corrects_period_end" IS NULL AND "corrects_amount" IS NULL AND "corrects_line_id" IS NULL)
    OR ("kind" = 'credit' AND "corrects_period_start" IS NOT NULL AND "corrects_period_end" IS NOT NULL
        AND "corrects_amount" IS NOT NULL AND "corrects_period_end" >= "corrects_period_start"));
-- The credits of a charge, looked up when the charge's invoice is voided.
CREATE INDEX "invoice_lines_corrects_line_id_idx" ON "invoice_lines"("corrects_line_id") WHERE "corrects_line_id" IS NOT NULL;

-- ---------------------------------------------------------------- traces

-- A line's trace (which policy set what, and the facts that decided it) is
-- the same for every line a decision produced: it is stored once, keyed by a
-- hash of its JSON text, and a line keeps the key (22 characters instead of
-- a few hundred bytes of JSON per line). Lines written before this migration
-- keep their trace in `invoice_lines.trace` (and no key); a keyed line's
-- `trace` column is the empty default. Readers take the keyed trace when
-- there is a key. Trace rows are never updated or deleted.
CREATE TABLE "line_traces" (
    "hash" TEXT NOT NULL,
    "trace" JSONB NOT NULL,
    CONSTRAINT "line_traces_pkey" PRIMARY KEY ("hash")
);
ALTER TABLE "invoice_lines" ADD COLUMN "trace_hash" TEXT;

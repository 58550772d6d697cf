-- Invoices have a life (DESIGN §6): draft -> posted -> void, numbers assigned
-- at posting from gapless per-series counters, credit notes that offset a
-- voided invoice line by line, and a ledger of coverage the database itself
-- keeps free of overlapping live charges.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- ------------------------------------------------------------ number series

-- One row per series (its prefix, e.g. `INV-2026-`); `last_value` is the last
-- number handed out. Posting increments it in the posting transaction, so a
-- rolled-back post gives its number back and the series has no gap.
CREATE TABLE "number_series" (
    "prefix" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "last_value" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "number_series_pkey" PRIMARY KEY ("prefix"),
    CONSTRAINT "number_series_kind_check" CHECK ("kind" IN ('invoice', 'credit-note')),
    CONSTRAINT "number_series_last_value_check" CHECK ("last_value" >= 0)
);

-- ------------------------------------------------------------------ invoices

ALTER TABLE "invoices"
    ADD COLUMN "status" TEXT NOT NULL DEFAULT 'draft',
    ADD COLUMN "series" TEXT,
    ADD COLUMN "seq" INTEGER,
    ADD COLUMN "number" TEXT,
    ADD COLUMN "posted_at" TIMESTAMPTZ(3),
    ADD COLUMN "voided_at" TIMESTAMPTZ(3),
    ADD COLUMN "void_reason" TEXT;
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_status_check" CHECK ("status" IN ('draft', 'posted', 'void'));
-- A number exactly when posted (or posted, then voided); dry-run invoices are previews, never posted.
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_number_check" CHECK (
    ("status" = 'draft' AND "number" IS NULL AND "series" IS NULL AND "seq" IS NULL AND "posted_at" IS NULL)
    OR ("status" <> 'draft' AND "number" IS NOT NULL AND "series" IS NOT NULL AND "seq" IS NOT NULL AND "posted_at" IS NOT NULL
        AND "dry_run" = false));
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_voided_check" CHECK (("status" = 'void') = ("voided_at" IS NOT NULL));

-- Invoices written before this migration were final: they become posted and
-- are numbered in the order they were created, in the series `INV-`.
WITH numbered AS (
    SELECT id, row_number() OVER (ORDER BY created_at, id)::int AS n FROM "invoices" WHERE "dry_run" = false
)
UPDATE "invoices" i SET "status" = 'posted', "series" = 'INV-', "seq" = numbered.n,
       "number" = 'INV-' || numbered.n::text, "posted_at" = i."created_at"
  FROM numbered WHERE numbered.id = i.id;
INSERT INTO "number_series" ("prefix", "kind", "last_value")
    SELECT 'INV-', 'invoice', count(*)::int FROM "invoices" WHERE "dry_run" = false HAVING count(*) > 0;

CREATE UNIQUE INDEX "invoices_number_key" ON "invoices"("number");
CREATE UNIQUE INDEX "invoices_series_seq_key" ON "invoices"("series", "seq");
CREATE INDEX "invoices_run_id_status_idx" ON "invoices"("run_id", "status");
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_series_fkey"
    FOREIGN KEY ("series") REFERENCES "number_series"("prefix") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- ------------------------------------------------------------- invoice lines

-- `kind`: a charge bills coverage; a credit (from billed-coverage
-- reconciliation, DESIGN §3) gives back days no longer due and carries a
-- negative amount. `live`: the line's coverage counts as billed. It turns
-- false exactly once, when its invoice is voided (a discarded draft's lines
-- are deleted with it). Existing rows are charges; they stay live.
ALTER TABLE "invoice_lines"
    ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'charge',
    ADD COLUMN "live" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_kind_check" CHECK ("kind" IN ('charge', 'credit'));
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_coverage_check" CHECK ("period_end" >= "period_start");

-- A run may credit and charge the same period start of one line (a billing day moved).
DROP INDEX "invoice_lines_run_id_order_product_id_period_start_key";
CREATE UNIQUE INDEX "invoice_lines_run_id_order_product_id_period_start_kind_key"
    ON "invoice_lines"("run_id", "order_product_id", "period_start", "kind");

-- Nothing is billed twice, by construction: two live real charges of one
-- order product never cover the same day. Replaces the unique index on
-- (order_product_id, period_start), which a voided-and-rebilled period would
-- trip over and which let overlapping periods with different starts through.
DROP INDEX "invoice_lines_billed_once";
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_no_overlapping_live_charges"
    EXCLUDE USING gist ("order_product_id" WITH =, daterange("period_start", "period_end", '[]') WITH &&)
    WHERE ("kind" = 'charge' AND "live" AND NOT "dry_run");
-- Released (voided) coverage, looked up when a run rebills it.
CREATE INDEX "invoice_lines_released_idx" ON "invoice_lines"("order_product_id", "period_start") WHERE NOT "live";

-- ------------------------------------------------------------- credit notes

-- Issued when a posted invoice is voided: one per invoice, numbered in its own
-- series, one line per invoice line with the negated amount.
CREATE TABLE "credit_notes" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "invoice_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "issue_date" DATE NOT NULL,
    "total" DECIMAL(30,10) NOT NULL,
    "reason" TEXT,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "credit_notes_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "credit_notes_invoice_id_key" ON "credit_notes"("invoice_id");
CREATE UNIQUE INDEX "credit_notes_number_key" ON "credit_notes"("number");
CREATE UNIQUE INDEX "credit_notes_series_seq_key" ON "credit_notes"("series", "seq");
CREATE INDEX "credit_notes_account_id_idx" ON "credit_notes"("account_id");
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_invoice_id_fkey"
    FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_series_fkey"
    FOREIGN KEY ("series") REFERENCES "number_series"("prefix") ON DELETE RESTRICT ON UPDATE RESTRICT;

CREATE TABLE "credit_note_lines" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "credit_note_id" TEXT NOT NULL,
    "invoice_line_id" TEXT NOT NULL,
    "order_product_id" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "amount" DECIMAL(30,10) NOT NULL,
    CONSTRAINT "credit_note_lines_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "credit_note_lines_invoice_line_id_key" ON "credit_note_lines"("invoice_line_id");
CREATE INDEX "credit_note_lines_credit_note_id_idx" ON "credit_note_lines"("credit_note_id");
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_credit_note_id_fkey"
    FOREIGN KEY ("credit_note_id") REFERENCES "credit_notes"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_invoice_line_id_fkey"
    FOREIGN KEY ("invoice_line_id") REFERENCES "invoice_lines"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- ---------------------------------------------------------------- immutability

-- A posted invoice is never edited or deleted; the one change it may take is
-- posted -> void (status, voided_at, void_reason). A void invoice never changes.
CREATE FUNCTION "invoices_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD."status" <> 'draft' THEN
            RAISE EXCEPTION 'invoice % is %: it cannot be deleted', coalesce(OLD."number", OLD."id"), OLD."status";
        END IF;
        RETURN OLD;
    END IF;
    IF OLD."status" = 'draft' THEN
        RETURN NEW;
    END IF;
    IF OLD."status" = 'posted' AND NEW."status" = 'void'
       AND (NEW."id", NEW."run_id", NEW."account_id", NEW."currency", NEW."invoice_date", NEW."total", NEW."dry_run",
            NEW."created_at", NEW."series", NEW."seq", NEW."number", NEW."posted_at")
           IS NOT DISTINCT FROM
           (OLD."id", OLD."run_id", OLD."account_id", OLD."currency", OLD."invoice_date", OLD."total", OLD."dry_run",
            OLD."created_at", OLD."series", OLD."seq", OLD."number", OLD."posted_at") THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'invoice % is %: it cannot be edited', OLD."number", OLD."status";
END;
$$;
CREATE TRIGGER "invoices_immutable" BEFORE UPDATE OR DELETE ON "invoices"
    FOR EACH ROW EXECUTE FUNCTION "invoices_guard"();

-- Lines of a posted or void invoice are never edited or deleted, except that
-- voiding releases their coverage (live true -> false, nothing else).
CREATE FUNCTION "invoice_lines_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s TEXT;
BEGIN
    SELECT "status" INTO s FROM "invoices" WHERE "id" = OLD."invoice_id";
    IF s IS NULL OR s = 'draft' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND s = 'void' AND OLD."live" AND NOT NEW."live"
       AND (to_jsonb(NEW) - 'live') = (to_jsonb(OLD) - 'live') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'lines of % invoices cannot be %', s, CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'edited' END;
END;
$$;
CREATE TRIGGER "invoice_lines_immutable" BEFORE UPDATE OR DELETE ON "invoice_lines"
    FOR EACH ROW EXECUTE FUNCTION "invoice_lines_guard"();

CREATE FUNCTION "credit_notes_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'credit notes cannot be edited or deleted';
END;
$$;
CREATE TRIGGER "credit_notes_immutable" BEFORE UPDATE OR DELETE ON "credit_notes"
    FOR EACH ROW EXECUTE FUNCTION "credit_notes_immutable"();
CREATE TRIGGER "credit_note_lines_immutable" BEFORE UPDATE OR DELETE ON "credit_note_lines"
    FOR EACH ROW EXECUTE FUNCTION "credit_notes_immutable"();

-- ------------------------------------------------------------------ runs

-- Whether the run posts its invoices when it completes (else they stay drafts).
ALTER TABLE "billing_runs" ADD COLUMN "post_invoices" BOOLEAN NOT NULL DEFAULT false;

-- ------------------------------------------------------------------ quotes

-- A priced amendment (quantity change, downgrade, swap, cancellation): what
-- it would bill under the published policies against the book and ledger
-- when quoted; `accept` places exactly `placement` in the book.
CREATE TABLE "quotes" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "account_id" TEXT NOT NULL,
    "as_of" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "request" JSONB NOT NULL,
    "placement" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "policy_versions" JSONB NOT NULL DEFAULT '[]',
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_at" TIMESTAMPTZ(3),
    CONSTRAINT "quotes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "quotes_status_check" CHECK ("status" IN ('open', 'accepted'))
);
CREATE INDEX "quotes_account_id_idx" ON "quotes"("account_id");
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_account_id_fkey"
    FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ------------------------------------------------------------------ audit

-- What an audit row is about, to filter the history of one entity.
ALTER TABLE "audit_log" ADD COLUMN "entity_type" TEXT;
UPDATE "audit_log" SET "entity_type" = CASE
    WHEN "action" LIKE 'run.%' THEN 'billing-run'
    WHEN "action" LIKE 'policy.%' THEN 'policy'
    WHEN "action" LIKE 'key.%' THEN 'api-key'
    WHEN "action" LIKE 'book.%' THEN 'book'
    ELSE NULL END;
CREATE INDEX "audit_log_entity_type_subject_at_idx" ON "audit_log"("entity_type", "subject", "at");

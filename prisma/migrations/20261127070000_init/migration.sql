-- Proviso initial schema. Written by hand (prisma migrate cannot run offline);
-- applied by api/persistence/migrator.ts and checked against schema.prisma by
-- test/api/persistence/schema-matches.test.ts.

-- ------------------------------------------------------------ order book

CREATE TABLE "accounts" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "billing_day_of_month" INTEGER,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "accounts_billing_day_check" CHECK ("billing_day_of_month" BETWEEN 1 AND 31)
);

CREATE TABLE "contracts" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contracts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "contracts_account_id_idx" ON "contracts"("account_id");

CREATE TABLE "orders" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "contract_id" TEXT,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "activated_date" DATE,
    "po_number" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "orders_type_check" CHECK ("type" IN ('new', 'amendment', 'renewal')),
    CONSTRAINT "orders_status_check" CHECK ("status" IN ('draft', 'activated'))
);
CREATE INDEX "orders_account_id_idx" ON "orders"("account_id");
CREATE INDEX "orders_contract_id_idx" ON "orders"("contract_id");

CREATE TABLE "order_products" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "product_code" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "charge_type" TEXT NOT NULL,
    "billing_frequency" TEXT,
    "billing_type" TEXT NOT NULL,
    "quantity" DECIMAL(20,6) NOT NULL,
    "unit_price" DECIMAL(30,10) NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "billing_day_of_month" INTEGER,
    "amends" TEXT,
    "hold_billing" BOOLEAN NOT NULL DEFAULT false,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "order_products_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "order_products_charge_type_check" CHECK ("charge_type" IN ('one-time', 'recurring')),
    CONSTRAINT "order_products_billing_frequency_check" CHECK ("billing_frequency" IN ('monthly', 'quarterly', 'semiannual', 'annual')),
    CONSTRAINT "order_products_billing_type_check" CHECK ("billing_type" IN ('advance', 'arrears')),
    CONSTRAINT "order_products_billing_day_check" CHECK ("billing_day_of_month" BETWEEN 1 AND 31)
);
CREATE INDEX "order_products_order_id_idx" ON "order_products"("order_id");
CREATE INDEX "order_products_amends_idx" ON "order_products"("amends");

CREATE TABLE "invoiced_periods" (
    "order_product_id" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    CONSTRAINT "invoiced_periods_pkey" PRIMARY KEY ("order_product_id", "period_start")
);

ALTER TABLE "contracts" ADD CONSTRAINT "contracts_account_id_fkey"
    FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "orders" ADD CONSTRAINT "orders_account_id_fkey"
    FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "orders" ADD CONSTRAINT "orders_contract_id_fkey"
    FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "order_products" ADD CONSTRAINT "order_products_order_id_fkey"
    FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- Deferred: an amendment and the line it amends may arrive in the same upload, in any order.
ALTER TABLE "order_products" ADD CONSTRAINT "order_products_amends_fkey"
    FOREIGN KEY ("amends") REFERENCES "order_products"("id") ON DELETE SET NULL ON UPDATE CASCADE
    DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "invoiced_periods" ADD CONSTRAINT "invoiced_periods_order_product_id_fkey"
    FOREIGN KEY ("order_product_id") REFERENCES "order_products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- -------------------------------------------------------------- policies

CREATE TABLE "policy_documents" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "name" TEXT NOT NULL,
    "draft_source" TEXT NOT NULL,
    "draft_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "draft_updated_by" TEXT,
    "current_version" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "policy_documents_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "policy_documents_status_check" CHECK ("status" IN ('draft', 'published', 'changed'))
);
CREATE UNIQUE INDEX "policy_documents_name_key" ON "policy_documents"("name");

CREATE TABLE "policy_versions" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "document_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "policy_versions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "policy_versions_version_check" CHECK ("version" >= 1)
);
CREATE UNIQUE INDEX "policy_versions_document_id_version_key" ON "policy_versions"("document_id", "version");
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_document_id_fkey"
    FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Published versions are immutable: the database itself refuses to change one.
CREATE FUNCTION "policy_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'published policy versions are immutable';
END;
$$;
CREATE TRIGGER "policy_versions_no_update" BEFORE UPDATE ON "policy_versions"
    FOR EACH ROW EXECUTE FUNCTION "policy_versions_immutable"();

-- ---------------------------------------------------------- billing runs

CREATE TABLE "billing_runs" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "as_of" DATE NOT NULL,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "trigger" TEXT NOT NULL,
    "schedule_key" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress_done" INTEGER NOT NULL DEFAULT 0,
    "progress_total" INTEGER NOT NULL DEFAULT 0,
    "lines_count" INTEGER NOT NULL DEFAULT 0,
    "invoices_count" INTEGER NOT NULL DEFAULT 0,
    "holds_count" INTEGER NOT NULL DEFAULT 0,
    "errors_count" INTEGER NOT NULL DEFAULT 0,
    "policy_versions" JSONB NOT NULL DEFAULT '[]',
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "error" TEXT,
    CONSTRAINT "billing_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "billing_runs_trigger_check" CHECK ("trigger" IN ('schedule', 'api', 'cli')),
    CONSTRAINT "billing_runs_status_check" CHECK ("status" IN ('queued', 'running', 'completed', 'failed'))
);
CREATE UNIQUE INDEX "billing_runs_schedule_key_key" ON "billing_runs"("schedule_key");
CREATE INDEX "billing_runs_created_at_idx" ON "billing_runs"("created_at");

CREATE TABLE "billing_run_chunks" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "run_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "lo" TEXT NOT NULL,
    "hi" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "size" INTEGER NOT NULL DEFAULT 0,
    "lines_count" INTEGER NOT NULL DEFAULT 0,
    "holds_count" INTEGER NOT NULL DEFAULT 0,
    "errors_count" INTEGER NOT NULL DEFAULT 0,
    "done_at" TIMESTAMPTZ(3),
    CONSTRAINT "billing_run_chunks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "billing_run_chunks_status_check" CHECK ("status" IN ('pending', 'leased', 'done'))
);
CREATE UNIQUE INDEX "billing_run_chunks_run_id_seq_key" ON "billing_run_chunks"("run_id", "seq");
CREATE INDEX "billing_run_chunks_run_id_status_idx" ON "billing_run_chunks"("run_id", "status");
ALTER TABLE "billing_run_chunks" ADD CONSTRAINT "billing_run_chunks_run_id_fkey"
    FOREIGN KEY ("run_id") REFERENCES "billing_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "invoices" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "run_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "invoice_date" DATE NOT NULL,
    "total" DECIMAL(30,10) NOT NULL DEFAULT 0,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "invoices_run_id_account_id_currency_key" ON "invoices"("run_id", "account_id", "currency");
CREATE INDEX "invoices_account_id_idx" ON "invoices"("account_id");
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_run_id_fkey"
    FOREIGN KEY ("run_id") REFERENCES "billing_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "invoice_lines" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "invoice_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "order_product_id" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "billing_date" DATE NOT NULL,
    "quantity" DECIMAL(20,6) NOT NULL,
    "unit_price" DECIMAL(30,10) NOT NULL,
    "proration_factor" DECIMAL(40,34) NOT NULL,
    "amount" DECIMAL(30,10) NOT NULL,
    "trace" JSONB NOT NULL DEFAULT '[]',
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "invoice_lines_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "invoice_lines_run_id_order_product_id_period_start_key" ON "invoice_lines"("run_id", "order_product_id", "period_start");
CREATE INDEX "invoice_lines_invoice_id_idx" ON "invoice_lines"("invoice_id");
CREATE INDEX "invoice_lines_order_product_id_period_start_idx" ON "invoice_lines"("order_product_id", "period_start");
-- The guard against billing twice: a real (not dry-run) line exists at most
-- once per order product and period, whichever run or instance writes it.
-- Writers use INSERT ... ON CONFLICT DO NOTHING.
CREATE UNIQUE INDEX "invoice_lines_billed_once" ON "invoice_lines"("order_product_id", "period_start") WHERE "dry_run" = false;
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_fkey"
    FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "run_holds" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "run_id" TEXT NOT NULL,
    "order_product_id" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "policies" JSONB NOT NULL DEFAULT '[]',
    "trace" JSONB,
    CONSTRAINT "run_holds_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "run_holds_run_id_order_product_id_key" ON "run_holds"("run_id", "order_product_id");
ALTER TABLE "run_holds" ADD CONSTRAINT "run_holds_run_id_fkey"
    FOREIGN KEY ("run_id") REFERENCES "billing_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "run_errors" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "run_id" TEXT NOT NULL,
    "order_product_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "policy" TEXT,
    CONSTRAINT "run_errors_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "run_errors_run_id_order_product_id_code_message_key" ON "run_errors"("run_id", "order_product_id", "code", "message");
ALTER TABLE "run_errors" ADD CONSTRAINT "run_errors_run_id_fkey"
    FOREIGN KEY ("run_id") REFERENCES "billing_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------- access

CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_keys_role_check" CHECK ("role" IN ('admin', 'author', 'viewer'))
);
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

CREATE TABLE "audit_log" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_key_id" TEXT,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

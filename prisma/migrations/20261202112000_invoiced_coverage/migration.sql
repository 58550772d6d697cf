-- Imported billing history keeps what was billed (DESIGN §2 `invoiced`): the
-- coverage's last day and the amount, so reconciliation prices a partly
-- covered or credited period against what was really billed. Both stay
-- optional: an entry without periodEnd is the period starting on periodStart.
ALTER TABLE "invoiced_periods" ADD COLUMN "period_end" DATE;
ALTER TABLE "invoiced_periods" ADD COLUMN "amount" DECIMAL(30,10);
ALTER TABLE "invoiced_periods" ADD CONSTRAINT "invoiced_periods_end_check"
  CHECK ("period_end" IS NULL OR "period_end" >= "period_start");

// Twenty policies of the kind a finance team writes (the sample library's
// shapes, built-in vocabulary only): the policy set of bench:simulate.
export const TWENTY_POLICIES = `
policy "Hold new EMEA orders until a PO arrives" { priority 100
  when account.region = "EMEA" and order.type = "new"
  hold billing until order.poNumber is present reason "Awaiting purchase order" }
policy "Credit review holds billing" { priority 90
  when account.creditStatus is present and account.creditStatus in ["watch", "blocked"]
  hold billing reason "Account under credit review" }
policy "Enterprise bills on the 1st" { priority 50
  when account.segment in ["enterprise", "strategic"]
  billing day of month 1
  align amendments to original
  prorate daily rounding half-even }
policy "Partner orders bill at month end" { priority 40
  when account.segment = "smb" and order.channel = "partner"
  billing day of month last }
policy "Year-end freeze" { priority 200
  when billingDate between 2025-12-24 and 2026-01-03
  override billing date to 2026-01-04 reason "Finance closed for year end" }
policy "Support bills on the next weekday" { priority 10
  when product.code starts with "SUP"
  override billing date to nextWeekday(billingDate) }
policy "Amendments co-terminate" { priority 30
  when order.type = "amendment"
  align amendments to original
  prorate monthly-daily rounding half-up precision 2 }
policy "Annual lines prorate by whole months" { priority 20
  when line.billingFrequency is present and line.billingFrequency = "annual"
  prorate whole-months }
policy "Treasury cost centres use 30/360" { priority 25
  when line.costCenter is present and line.costCenter contains "TREAS"
  prorate thirty-360 rounding down }
policy "Setup fees are never prorated" { priority 60
  when line.chargeType = "one-time"
  prorate none }
policy "Large seat counts wait for a signed order form" { priority 80
  when line.seats is present and line.seats * line.unitPrice >= 2000000
    and order.channel not in ["online"]
  hold billing reason "Order form not countersigned" }
policy "APAC quarterly lines bill on the 15th" { priority 35
  when account.region = "APAC" and line.billingFrequency is present and line.billingFrequency = "quarterly"
  billing day of month 15 }
policy "Hosting bills in arrears on the 1st" { priority 45
  when product.code starts with "HOST" and line.billingType = "arrears"
  billing day of month 1 }
policy "Online orders prorate daily half-up" { priority 5
  when order.channel = "online"
  prorate daily rounding half-up }
policy "Renewals keep their own cycle" { priority 55
  when order.type = "renewal"
  align amendments to own }
policy "Strategic accounts round up" { priority 65
  when account.segment = "strategic" and line.chargeType = "recurring"
  prorate daily rounding up }
policy "Big JPY deals wait for finance" { priority 85
  when account.currency = "JPY" and line.quantity * line.unitPrice > 5000000
  hold billing reason "Finance approval for large JPY invoices" }
policy "Analytics add-ons on the 1st" { priority 15
  when product.code = "ANL-ADDON"
  billing day of month 1 }
policy "Old contracts keep the start day" { priority 12
  when line.startDate < 2024-01-01 and line.billingDayOfMonth is missing
  billing day of month 28 }
policy "Summer freeze for NA arrears" { priority 150
  when account.region = "NA" and line.billingType = "arrears" and billingDate between 2025-08-01 and 2025-08-05
  override billing date to 2025-08-06 reason "NA finance summer close" }
`;

// The order book of DESIGN §2 after validation. Amounts and quantities stay
// decimal strings here (parsed to Decimal where computed); dates are ISO
// calendar dates `YYYY-MM-DD`.

export type Attributes = Readonly<Record<string, string | number | boolean | null>>;

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly timezone: string;
  readonly billingDayOfMonth: number | null;
  readonly attributes: Attributes;
}

export interface Contract {
  readonly id: string;
  readonly accountId: string;
  readonly startDate: string;
  readonly endDate: string | null;
}

export type OrderType = 'new' | 'amendment' | 'renewal';
export type OrderStatus = 'draft' | 'activated';

export interface Order {
  readonly id: string;
  readonly accountId: string;
  readonly contractId: string | null;
  readonly type: OrderType;
  readonly status: OrderStatus;
  readonly activatedDate: string | null;
  readonly poNumber: string | null;
  readonly attributes: Attributes;
}

export type ChargeType = 'one-time' | 'recurring';
export type BillingFrequency = 'monthly' | 'quarterly' | 'semiannual' | 'annual';
export type BillingType = 'advance' | 'arrears';

export interface OrderProduct {
  readonly id: string;
  readonly orderId: string;
  readonly productCode: string;
  readonly productName: string;
  readonly chargeType: ChargeType;
  readonly billingFrequency: BillingFrequency | null;
  readonly billingType: BillingType;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly billingDayOfMonth: number | null;
  readonly amends: string | null;
  readonly holdBilling: boolean;
  readonly attributes: Attributes;
}

/**
 * Coverage already billed for an order product (DESIGN §2 `invoiced`):
 * `periodStart`..`periodEnd` inclusive and, when known, the amount billed for it.
 * An entry without `periodEnd` (older books) is read as the period starting on
 * `periodStart` in the line's current calendar, with a warning (PV4207).
 */
export interface InvoicedPeriod {
  readonly orderProductId: string;
  readonly periodStart: string;
  readonly periodEnd?: string;
  /** Decimal string; negative only for a line that bills credits (a downgrade amendment). */
  readonly amount?: string;
}

export interface OrderBook {
  readonly accounts: readonly Account[];
  readonly contracts: readonly Contract[];
  readonly orders: readonly Order[];
  readonly orderProducts: readonly OrderProduct[];
  readonly invoiced: readonly InvoicedPeriod[];
}

// What a compiled policy reads: one order product with its order, account,
// contract and (for amendments) the line it amends. Facts are functions of
// this context; `billingDate` is bound only in per-period evaluation.
import type { Account, Contract, Order, OrderProduct } from '../book/book-types.js';

export interface LineContext {
  readonly account: Account;
  readonly contract: Contract | null;
  readonly order: Order;
  readonly line: OrderProduct;
  /** The order product an amendment line amends (`line.amends`), else null. */
  readonly original: OrderProduct | null;
  /** The run's target date, `YYYY-MM-DD`. */
  readonly today: string;
  /** The period's natural billing date, `YYYY-MM-DD`; only in per-period evaluation. */
  readonly billingDate?: string;
}

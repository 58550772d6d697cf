/** Nest injection token of the BillingRunConfig read from the environment. */
export const BILLING_RUN_CONFIG = Symbol('BILLING_RUN_CONFIG');

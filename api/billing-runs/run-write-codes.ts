// Run write error codes (PV6xxx): a planned line the database cannot store.
// Reported per order product in the run report (GET /api/billing-runs/:id/errors),
// like evaluation errors; the rest of the book is billed.

export const RUN_WRITE_CODES = {
  PV6001: {
    message: 'the planned lines of this order product cannot be stored: {detail}',
    fix: 'Correct the order product in the order book (quantity × unit price must stay below 10^18; dates between 1900 and 2999), then run again for the same date: the product bills then, nothing else twice.',
  },
} as const satisfies Record<string, { message: string; fix: string }>;

export const UNSTORABLE_LINE = 'PV6001';

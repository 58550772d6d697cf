/** The numbering settings (`NumberingConfig`), read once from the environment. */
export const INVOICE_NUMBERING = Symbol('INVOICE_NUMBERING');
/** `() => Date`: the clock that dates credit notes (tests inject a fixed one). */
export const INVOICE_CLOCK = Symbol('INVOICE_CLOCK');

// A trace entry: which policy (or which part of the book) set what, to which
// value, and the fact values that decided it. Every invoice line, hold and
// error of a run carries these (DESIGN §4 "Every result carries a trace").

export interface TraceEntry {
  /** Policy name (with `@v<version>` when it came from a published version), or `default`, `order product`, `billed coverage`. */
  readonly policy: string;
  /** What it set: `hold`, `billingDay`, `billingDate`, `align`, `prorate`, `rounding`, `unitPrice`, `coverage`, `credit`, ... */
  readonly set: string;
  /** The value it set, as text. */
  readonly value: string;
  /** The fact values that decided it (`account.region = "EMEA"`). */
  readonly facts?: Readonly<Record<string, string | null>>;
}

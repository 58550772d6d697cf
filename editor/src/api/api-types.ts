// Shapes the editor reads from the API: the service's own (generated from its
// OpenAPI description, re-exported below under the names the screens import)
// and the editor's view of a policy document with the normalisers building it.
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import type { Schema } from './typed-client.js';

export type Role = Schema<'KeyIdentity'>['role'];

export interface PolicySummary {
  readonly id: string;
  readonly name: string;
  /** Latest published version, or null when never published. */
  readonly publishedVersion: number | null;
  /** The draft differs from the published version (or nothing is published). */
  readonly draftChanged: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly updatedAt?: string;
}

export interface PolicyDocument extends PolicySummary {
  /** The draft text (the published text when there is no separate draft). */
  readonly source: string;
  readonly publishedSource?: string;
  readonly diagnostics: Diagnostic[];
}

export interface PolicyVersion {
  readonly version: number;
  readonly message: string;
  readonly author?: string;
  readonly createdAt?: string;
  readonly checksum?: string;
  readonly source?: string;
}

type Raw = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function toSummary(raw: Raw): PolicySummary {
  const diagnostics = Array.isArray(raw.diagnostics) ? (raw.diagnostics as Diagnostic[]) : [];
  const published =
    num(raw.publishedVersion) ??
    num((raw.published as Raw | undefined)?.version) ??
    num(raw.latestVersion) ??
    num(raw.version);
  const errors = num(raw.errorCount) ?? num(raw.errors) ?? diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = num(raw.warningCount) ?? num(raw.warnings) ?? diagnostics.filter((d) => d.severity === 'warning').length;
  const changedFlag = raw.draftChanged ?? raw.hasDraftChanges ?? raw.hasDraft ?? raw.dirty ?? raw.changed;
  const status = str(raw.status);
  const draftChanged =
    typeof changedFlag === 'boolean' ? changedFlag : status ? /draft|changed|modified/i.test(status) : published === null;
  return {
    id: String(raw.id),
    name: str(raw.name) ?? String(raw.id),
    publishedVersion: published,
    draftChanged,
    errorCount: errors,
    warningCount: warnings,
    ...(str(raw.updatedAt) ? { updatedAt: str(raw.updatedAt) } : {}),
  };
}

export function toDocument(raw: Raw): PolicyDocument {
  const s = toSummary(raw);
  const draft = raw.draft as Raw | undefined;
  const published = raw.published as Raw | undefined;
  const source = str(raw.draftSource) ?? str(draft?.source) ?? str(raw.source) ?? str(published?.source) ?? '';
  const publishedSource = str(raw.publishedSource) ?? str(published?.source);
  const diagnostics = Array.isArray(raw.diagnostics) ? (raw.diagnostics as Diagnostic[]) : [];
  return { ...s, source, ...(publishedSource !== undefined ? { publishedSource } : {}), diagnostics };
}

export function toVersion(raw: Raw): PolicyVersion {
  return {
    version: num(raw.version) ?? 0,
    message: str(raw.message) ?? '',
    ...(str(raw.author) ?? str(raw.authorName) ? { author: str(raw.author) ?? str(raw.authorName) } : {}),
    ...(str(raw.createdAt) ?? str(raw.publishedAt) ? { createdAt: str(raw.createdAt) ?? str(raw.publishedAt) } : {}),
    ...(str(raw.checksum) ? { checksum: str(raw.checksum) } : {}),
    ...(str(raw.source) !== undefined ? { source: str(raw.source) } : {}),
  };
}

// Shapes straight from the service: the types generated from its OpenAPI
// description (generated/openapi.ts), under the names the screens use.
export type TraceEntry = Schema<'TraceEntry'>;
export type InvoiceLine = Schema<'InvoiceLine'>;
/** A planned invoice (simulate) or a stored one (which adds id, status, number, ...). */
export type Invoice = Schema<'PlannedInvoice'> & Partial<Omit<Schema<'Invoice'>, keyof Schema<'PlannedInvoice'>>>;
type Simulated = Schema<'SimulateResponse'>;
/** What simulate answers (and what a finished run shows in the same panel). */
export interface SimulationResult {
  readonly asOf: Simulated['asOf'];
  readonly invoices: readonly Invoice[];
  readonly holds: Simulated['holds'];
  readonly errors: Simulated['errors'];
  readonly warnings?: Simulated['warnings'];
  /** POST /api/simulate answers one page of invoices: totals of the whole result, the cursor to the next page (null: last). */
  readonly totals?: Simulated['totals'];
  readonly nextCursor?: Simulated['nextCursor'];
}
export type BillingRun = Schema<'BillingRun'>;
export type RunHold = Schema<'RunHold'>;
export type RunError = Schema<'RunError'>;

/** A line of an impact comparison (an invoice line with its account and currency). */
export type ImpactLine = Schema<'ImpactLine'>;
/** POST /api/impact: the published library against it with the draft(s), on the stored book (one page of its lists; `counts` are the whole result's). */
export type Impact = Schema<'SimulationImpact'>;
/** What an impact page says about the ids it mentions: each order product's product and account, each account's name. */
export type ImpactNames = NonNullable<Impact['names']>;
/** Four eyes: a request to publish a document's draft (or roll it back to an earlier version), and its decision. */
export type PublishRequest = Schema<'PublishRequest'>;
/** GET /api/accounts items. */
export type AccountSummary = Schema<'Account'>;
/** GET /api/accounts/:id. */
export type AccountDetail = Schema<'AccountDetail'>;
/** GET /api/keys items (never the key itself). */
export type ApiKey = Schema<'ApiKey'>;
/** GET /api/audit items. */
export type AuditEntry = Schema<'AuditEntry'>;

/** GET /api/invoices items and GET /api/invoices/:id: the stored invoice with its lifecycle. */
export type StoredInvoice = Schema<'Invoice'>;

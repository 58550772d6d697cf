// testPlugin: the plugin author's test helper. Registers the plugin (with its
// options) after the built-ins, checks a policy with it (the DSL checker plus
// the plugin's own word checks) and, when the policy checks clean, simulates
// it against a small order book (the JSON contract of DESIGN §2). Pure: no
// I/O, so it runs in any test runner.
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import { formatBookErrors, parseOrderBook } from '../book/validate-book.js';
import { compilePolicies } from '../evaluate/compile-policies.js';
import { simulate } from '../plan/planner.js';
import type { SimulationResult } from '../results/plan-results.js';
import type { AttributeDeclarations } from '../vocabulary/config.js';
import { createRegistry } from '../vocabulary/create-registry.js';
import type { ProvisoPlugin } from '../vocabulary/plugin-api.js';
import type { Registry } from '../vocabulary/registry.js';
import { checkWithWords } from './word-check.js';

export interface TestPluginInput {
  /** Policy text (one file), or file name -> text. */
  readonly policy: string | Readonly<Record<string, string>>;
  /** An order book as JSON (DESIGN §2); invalid books throw, naming the JSON path. */
  readonly book?: unknown;
  /** The run's target date `YYYY-MM-DD` (default: no simulation). */
  readonly asOf?: string;
  /** The plugin's options, as proviso.config.json would give them. */
  readonly options?: unknown;
  /** Declared attributes (proviso.config.json `attributes`). */
  readonly attributes?: AttributeDeclarations;
  /** Origin name for the plugin's words (default `plugin`). */
  readonly origin?: string;
}

export interface TestPluginResult {
  readonly registry: Registry;
  /** Every diagnostic of the check, with file, span and message. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when the check found no errors. */
  readonly ok: boolean;
  /** The simulation (when a book and asOf were given and the check passed). */
  readonly simulation?: SimulationResult;
  /** Shortcut: every invoice line as [orderProductId, periodStart, billingDate, amount]. */
  readonly lines: readonly (readonly [string, string, string, string])[];
}

/** Throws (a RegistrationError naming the word) when the plugin cannot register. */
export function testPlugin(plugin: ProvisoPlugin, input: TestPluginInput): TestPluginResult {
  const registry = createRegistry({
    ...(input.attributes ? { attributes: input.attributes } : {}),
    plugins: [{ name: input.origin ?? 'plugin', plugin, options: input.options }],
  });
  const docs = typeof input.policy === 'string' ? [{ file: 'test.policy', text: input.policy }] : Object.entries(input.policy).map(([file, text]) => ({ file, text }));
  const model = checkWithWords(docs, registry);
  const base = { registry, diagnostics: model.diagnostics, ok: !model.hasErrors };
  if (model.hasErrors || input.book === undefined || input.asOf === undefined) return { ...base, lines: [] };
  const parsed = parseOrderBook(input.book);
  if (!parsed.ok) throw new Error(`testPlugin: the book is invalid:\n${formatBookErrors(parsed.errors)}`);
  const simulation = simulate(parsed.book, input.asOf, compilePolicies(model, registry), registry);
  const lines = simulation.invoices.flatMap((i) => i.lines.map((l) => [l.orderProductId, l.periodStart, l.billingDate, l.amount] as const));
  return { ...base, simulation, lines };
}

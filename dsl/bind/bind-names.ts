// The binder: resolves the words of a policy (fact paths, functions, word
// operators, proration methods, rounding modes, alignment modes) against the
// vocabulary. Unknown words are reported with "did you mean" candidates and
// replace-fix data for the editor's quick fix. Missing nodes are skipped.
import type { CallExpr, FieldPath, Missing, Name, WordOperatorExpr } from '../ast/ast-types.js';
import { createDiagnostic } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic-types.js';
import type { FactSignature, FunctionSignature, OperatorSignature } from '../vocabulary/vocabulary-types.js';
import { didYouMean, suggestNames } from './did-you-mean.js';
import type { VocabularyIndex } from './vocabulary-index.js';

export type Report = (d: Diagnostic) => void;

export const ALIGN_MODES = ['own', 'original'] as const;
export type AlignMode = (typeof ALIGN_MODES)[number];

/** Dotted text of a path, or undefined when recovery left a segment empty. */
export function pathText(path: FieldPath): string | undefined {
  const segments = path.segments;
  if (segments.length === 0) return undefined;
  if (segments.length === 1) return segments[0].text || undefined;
  let text = '';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i].text;
    if (!s) return undefined;
    text = i === 0 ? s : text + '.' + s;
  }
  return text;
}

function listing(names: readonly string[], max = 8): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, ... (${names.length - max} more)`;
}

export function bindFieldPath(path: FieldPath, index: VocabularyIndex, report: Report): FactSignature | undefined {
  const segments = path.segments;
  if (segments.length === 2) {
    const found = index.factsByObject.get(segments[0].text)?.get(segments[1].text);
    if (found) return found;
  } else if (segments.length === 1) {
    const found = index.facts.get(segments[0].text);
    if (found) return found;
  }
  const text = pathText(path);
  if (text === undefined) return undefined;
  const fact = index.facts.get(text);
  if (fact) return fact;
  const fields = index.fieldsOf.get(text);
  if (fields) {
    report(createDiagnostic('PV2009', path.span, { name: text, fields: listing(fields.map((f) => `${text}.${f}`)) }));
    return undefined;
  }
  // `account.regoin`: the object exists, the field does not.
  let prefix = '';
  for (let k = 0; k < segments.length - 1; k++) {
    prefix = k === 0 ? segments[0].text : `${prefix}.${segments[k].text}`;
    const children = index.fieldsOf.get(prefix);
    if (!children) continue;
    const bad = segments[k + 1];
    const child = `${prefix}.${bad.text}`;
    if (index.facts.has(child) || index.fieldsOf.has(child)) continue;
    const attributes = index.attributesOf.get(prefix) ?? [];
    const candidates = suggestNames(bad.text, children);
    report(
      createDiagnostic(
        'PV2002',
        bad.span,
        {
          object: prefix,
          name: bad.text,
          declared:
            attributes.length > 0
              ? `declared attributes of ${prefix}: ${listing(attributes)}`
              : `no attributes are declared for ${prefix} in proviso.config.json`,
          didYouMean: didYouMean(candidates),
        },
        candidates.length > 0 ? { data: { kind: 'replace', span: bad.span, candidates } } : {},
      ),
    );
    return undefined;
  }
  const candidates = suggestNames(text, index.factPaths);
  report(
    createDiagnostic(
      'PV2001',
      path.span,
      { name: text, didYouMean: didYouMean(candidates) },
      candidates.length > 0 ? { data: { kind: 'replace', span: path.span, candidates } } : {},
    ),
  );
  return undefined;
}

export function bindCall(call: CallExpr, index: VocabularyIndex, report: Report): FunctionSignature | undefined {
  const name = call.callee.text;
  if (!name) return undefined;
  const fn = index.functions.get(name);
  if (fn) return fn;
  const candidates = suggestNames(name, index.functions.keys());
  report(
    createDiagnostic(
      'PV2003',
      call.callee.span,
      { name, didYouMean: didYouMean(candidates) },
      candidates.length > 0 ? { data: { kind: 'replace', span: call.callee.span, candidates } } : {},
    ),
  );
  return undefined;
}

export function bindOperator(expr: WordOperatorExpr, index: VocabularyIndex, report: Report): OperatorSignature | undefined {
  if (!expr.operator) return undefined;
  const op = index.operators.get(expr.operator);
  if (op) return op;
  const candidates = suggestNames(expr.operator, index.operators.keys());
  report(
    createDiagnostic(
      'PV2004',
      expr.opSpan,
      { name: expr.operator, didYouMean: didYouMean(candidates) },
      candidates.length > 0 ? { data: { kind: 'replace', span: expr.opSpan, candidates } } : {},
    ),
  );
  return undefined;
}

/** What finance people call a rounding mode, when it is not the DSL's name for it. */
const ROUNDING_SYNONYMS: Readonly<Record<string, string>> = {
  bankers: 'half-even',
  banker: 'half-even',
  "banker's": 'half-even',
  banking: 'half-even',
  gaussian: 'half-even',
  commercial: 'half-up',
  nearest: 'half-up',
  ceiling: 'up',
  ceil: 'up',
  floor: 'down',
  truncate: 'down',
};

function bindWord(
  name: Name | Missing | undefined,
  known: { has(word: string): boolean },
  names: readonly string[],
  code: 'PV2005' | 'PV2006' | 'PV2007',
  report: Report,
): string | undefined {
  if (!name || name.$type !== 'Name' || !name.text) return undefined;
  if (known.has(name.text)) return name.text;
  const synonym = code === 'PV2006' ? ROUNDING_SYNONYMS[name.text.toLowerCase()] : undefined;
  const candidates = synonym !== undefined && known.has(synonym) ? [synonym] : suggestNames(name.text, names);
  report(
    createDiagnostic(
      code,
      name.span,
      { name: name.text, known: names.join(', '), didYouMean: didYouMean(candidates) },
      candidates.length > 0 ? { data: { kind: 'replace', span: name.span, candidates } } : {},
    ),
  );
  return undefined;
}

export function bindProrationMethod(name: Name | Missing | undefined, index: VocabularyIndex, report: Report): string | undefined {
  return bindWord(name, index.prorationMethods, index.prorationMethodNames, 'PV2005', report);
}

export function bindRoundingMode(name: Name | Missing | undefined, index: VocabularyIndex, report: Report): string | undefined {
  return bindWord(name, index.roundingModes, [...index.roundingModes], 'PV2006', report);
}

const ALIGN_SET: ReadonlySet<string> = new Set(ALIGN_MODES);

export function bindAlignMode(name: Name | Missing | undefined, report: Report): AlignMode | undefined {
  return bindWord(name, ALIGN_SET, ALIGN_MODES, 'PV2007', report) as AlignMode | undefined;
}

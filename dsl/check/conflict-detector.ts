// Statically visible equal-priority conflicts (DESIGN §4 "Combination"): two
// policies with the same priority that set the same setting to different
// values, whose `when` conditions are not provably disjoint. Conditions are
// treated as overlapping unless both test the same field with `=` / `in`
// against disjoint string literals (the first such test of a top-level `and`
// chain is the policy's key test).
//
// Not quadratic: policies are bucketed by (setting, priority); inside a bucket
// each policy is compared only with a few representatives found through an
// index by field and by (field, literal), so the cost is
// O(policies x (literals + distinct key fields)).
import type { Expr } from '../ast/ast-types.js';
import { pathText } from '../bind/bind-names.js';
import { createDiagnostic } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic-types.js';
import type { CheckedPolicy } from './policy-model.js';

export interface ConflictInput {
  readonly policy: CheckedPolicy;
  /** Source text of the policy's file (values are compared as normalised text). */
  readonly text: string;
}

interface Entry {
  readonly policy: CheckedPolicy;
  readonly value: string;
}

/** The first entry, and the first entry whose value differs from it. */
class Representatives {
  private a: Entry | undefined;
  private b: Entry | undefined;
  add(e: Entry): void {
    if (!this.a) this.a = e;
    else if (!this.b && e.value !== this.a.value) this.b = e;
  }
  /** Some entry whose value is not `value`. */
  different(value: string): Entry | undefined {
    if (this.a && this.a.value !== value) return this.a;
    if (this.b && this.b.value !== value) return this.b;
    return undefined;
  }
}

interface FieldIndex {
  readonly all: Representatives;
  readonly byLiteral: Map<string, Representatives>;
}

interface Bucket {
  readonly all: Representatives;
  readonly wide: Representatives;
  readonly byField: Map<string, FieldIndex>;
}

type Setting = 'billingDay' | 'align' | 'prorate' | 'override';

const SETTING_LABEL: Record<Setting, string> = {
  billingDay: 'the billing day of month',
  align: 'the amendment alignment',
  prorate: 'the proration',
  override: 'the billing date override',
};

export function detectConflicts(inputs: readonly ConflictInput[]): Diagnostic[] {
  const buckets = new Map<string, Bucket>();
  const out: Diagnostic[] = [];
  for (const { policy, text } of inputs) {
    const key = keyTest(policy.when);
    for (const [setting, value] of settingValues(policy, text)) {
      const bucketKey = `${setting}\u0000${policy.priority}`;
      let bucket = buckets.get(bucketKey);
      if (!bucket) {
        bucket = { all: new Representatives(), wide: new Representatives(), byField: new Map() };
        buckets.set(bucketKey, bucket);
      }
      const entry: Entry = { policy, value };
      const other = findOverlapping(bucket, key, value);
      if (other) {
        out.push(
          createDiagnostic(
            'PV2035',
            policy.nameSpan,
            {
              name: policy.name,
              other: other.policy.name,
              priority: policy.priority,
              setting: SETTING_LABEL[setting],
              value: shorten(value),
              otherValue: shorten(other.value),
            },
            { file: policy.file, related: [{ file: other.policy.file, span: other.policy.nameSpan, message: `"${other.policy.name}" sets it to ${shorten(other.value)}` }] },
          ),
        );
      }
      bucket.all.add(entry);
      if (!key) bucket.wide.add(entry);
      else {
        let fi = bucket.byField.get(key.field);
        if (!fi) {
          fi = { all: new Representatives(), byLiteral: new Map() };
          bucket.byField.set(key.field, fi);
        }
        fi.all.add(entry);
        for (const lit of key.literals) {
          let reps = fi.byLiteral.get(lit);
          if (!reps) {
            reps = new Representatives();
            fi.byLiteral.set(lit, reps);
          }
          reps.add(entry);
        }
      }
    }
  }
  return out;
}

function findOverlapping(bucket: Bucket, key: KeyTest | undefined, value: string): Entry | undefined {
  if (!key) return bucket.all.different(value);
  const wide = bucket.wide.different(value);
  if (wide) return wide;
  for (const [field, fi] of bucket.byField) {
    if (field === key.field) continue;
    const e = fi.all.different(value);
    if (e) return e;
  }
  const same = bucket.byField.get(key.field);
  if (!same) return undefined;
  for (const lit of key.literals) {
    const e = same.byLiteral.get(lit)?.different(value);
    if (e) return e;
  }
  return undefined;
}

function settingValues(p: CheckedPolicy, text: string): [Setting, string][] {
  const values: [Setting, string][] = [];
  if (p.billingDay) values.push(['billingDay', p.billingDay.day.$type === 'LastDay' ? 'last' : sourceText(text, p.billingDay.day.span)]);
  if (p.align) values.push(['align', p.align]);
  if (p.prorate) {
    let v = p.prorate.method;
    if (p.prorate.rounding !== undefined) v += ` rounding ${p.prorate.rounding}`;
    if (p.prorate.precision !== undefined) v += ` precision ${p.prorate.precision}`;
    values.push(['prorate', v]);
  }
  if (p.override) values.push(['override', sourceText(text, p.override.target.span)]);
  return values;
}

const NEEDS_NORMALISING = /[\s()[\],]/;

function sourceText(text: string, span: { start: number; end: number }): string {
  const raw = text.slice(span.start, span.end);
  if (!NEEDS_NORMALISING.test(raw)) return raw;
  return raw.replace(/\s+/g, ' ').replace(/\s*([()[\],])\s*/g, '$1');
}

function shorten(value: string): string {
  return value.length <= 40 ? value : value.slice(0, 37) + '...';
}

interface KeyTest {
  readonly field: string;
  readonly literals: readonly string[];
}

const MAX_CONJUNCTS = 64;

/** The first `field = "x"` / `field in ["x", "y"]` test of a top-level `and` chain. */
function keyTest(when: Expr | undefined): KeyTest | undefined {
  if (!when) return undefined;
  const stack: Expr[] = [when];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_CONJUNCTS) {
    let e = stack.pop() as Expr;
    while (e.$type === 'ParenExpr') e = e.inner;
    if (e.$type === 'BinaryExpr' && e.op === 'and') {
      stack.push(e.right, e.left);
      continue;
    }
    const test = simpleTest(e);
    if (test) return test;
  }
  return undefined;
}

function simpleTest(e: Expr): KeyTest | undefined {
  if (e.$type === 'BinaryExpr' && e.op === '=') {
    if (e.left.$type === 'FieldPath' && e.right.$type === 'StringLiteral') return fieldTest(e.left, [e.right.value]);
    if (e.right.$type === 'FieldPath' && e.left.$type === 'StringLiteral') return fieldTest(e.right, [e.left.value]);
    return undefined;
  }
  if (e.$type === 'InExpr' && !e.negated && e.left.$type === 'FieldPath' && e.list.$type === 'ListLiteral') {
    const literals: string[] = [];
    for (const item of e.list.items) {
      if (item.$type !== 'StringLiteral') return undefined;
      literals.push(item.value);
    }
    return literals.length > 0 ? fieldTest(e.left, literals) : undefined;
  }
  return undefined;
}

function fieldTest(path: Parameters<typeof pathText>[0], literals: string[]): KeyTest | undefined {
  const field = pathText(path);
  return field === undefined ? undefined : { field, literals };
}

// Checks one policy's items and pulls its settings out into a CheckedPolicy:
// one of each setting per policy, literal ranges (billing day, priority,
// precision), statement types, and the words of align/prorate.
import type { Expr, Policy, PolicyItem, Span } from '../ast/ast-types.js';
import { bindAlignMode, bindProrationMethod, bindRoundingMode, type AlignMode } from '../bind/bind-names.js';
import type { VocabularyIndex } from '../bind/vocabulary-index.js';
import { createDiagnostic } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic-types.js';
import type { CheckedPolicy } from './policy-model.js';
import type { ExprChecker, ItemScope } from './expr-checker.js';
import { typeName } from './dsl-types.js';
import { isWholeNumberText } from './literal-values.js';

type SettingKey = 'description' | 'priority' | 'when' | 'billingDay' | 'override' | 'align' | 'prorate';

const SETTING_OF: Partial<Record<PolicyItem['$type'], SettingKey>> = {
  DescriptionClause: 'description',
  PriorityClause: 'priority',
  WhenClause: 'when',
  BillingDayStatement: 'billingDay',
  OverrideStatement: 'override',
  AlignStatement: 'align',
  ProrateStatement: 'prorate',
};

const SETTING_LABEL: Record<SettingKey, string> = {
  description: 'a description',
  priority: 'a priority',
  when: "a 'when' condition",
  billingDay: 'a billing day of month',
  override: 'a billing date override',
  align: 'an amendment alignment',
  prorate: 'a proration',
};

const PRIORITY_LIMIT = 1_000_000_000;

const ignore = (): void => {};

export function checkPolicy(
  policy: Policy,
  file: string,
  text: string,
  checker: ExprChecker,
  index: VocabularyIndex,
  reportAll: (d: Diagnostic) => void,
  /** True for items with a syntax error in or right after them: their checks are skipped (no cascades). */
  brokenItem: (index: number) => boolean = () => false,
): Omit<CheckedPolicy, 'name' | 'nameSpan'> & { statementCount: number } {
  let report = reportAll;
  const first = new Map<SettingKey, Span>();
  let description: string | undefined;
  let priority = 0;
  let when: Expr | undefined;
  const holds: CheckedPolicy['holds'][number][] = [];
  let billingDay: CheckedPolicy['billingDay'];
  let override: CheckedPolicy['override'];
  let align: AlignMode | undefined;
  let prorate: { method: string; rounding?: string; precision?: number } | undefined;
  let statementCount = 0;
  let whenReadsPeriod = false;
  let usesPeriodFacts = false;

  for (let i = 0; i < policy.items.length; i++) {
    const item = policy.items[i];
    const quiet = brokenItem(i);
    report = quiet ? ignore : reportAll;
    // Everything the item's expressions need, and the one thing they learn (a period fact read).
    const scope: ItemScope = { text, report, periodAllowed: item.$type !== 'BillingDayStatement', usedPeriodFact: false };
    const key = SETTING_OF[item.$type];
    let duplicate = false;
    if (key !== undefined) {
      const earlier = first.get(key);
      if (earlier !== undefined) {
        duplicate = true;
        report(
          createDiagnostic('PV2032', item.span, { setting: SETTING_LABEL[key] }, { file, related: [{ file, span: earlier, message: 'first set here' }] }),
        );
      } else first.set(key, item.span);
    }
    switch (item.$type) {
      case 'DescriptionClause':
        if (!duplicate && item.text.$type === 'StringLiteral') description = item.text.value;
        break;
      case 'PriorityClause': {
        const v = item.value;
        if (v.$type !== 'NumberLiteral' || !isWholeNumberText(v.text)) break; // the parser reports non-integers
        const n = Number(v.text);
        if (Math.abs(n) > PRIORITY_LIMIT) report(createDiagnostic('PV2030', v.span, { value: v.text }));
        else if (!duplicate) priority = n;
        break;
      }
      case 'WhenClause': {
        checker.expectBoolean(scope, item.condition, 'PV2024');
        if (scope.usedPeriodFact && !duplicate) whenReadsPeriod = true;
        if (!duplicate && item.condition.$type !== 'Missing') when = item.condition;
        break;
      }
      case 'HoldStatement':
        statementCount++;
        if (item.until) checker.expectBoolean(scope, item.until, 'PV2025');
        holds.push(item);
        break;
      case 'BillingDayStatement':
        statementCount++;
        checkBillingDay(item.day, checker, scope);
        if (!duplicate) billingDay = item;
        break;
      case 'OverrideStatement': {
        statementCount++;
        const t = checker.check(scope, item.target);
        if (t !== undefined && t.kind !== 'date' && t.kind !== 'any') report(createDiagnostic('PV2026', item.target.span, { actual: typeName(t) }));
        if (!duplicate) override = item;
        break;
      }
      case 'AlignStatement': {
        statementCount++;
        const mode = bindAlignMode(item.mode, report);
        if (!duplicate) align = mode;
        break;
      }
      case 'ProrateStatement': {
        statementCount++;
        const method = bindProrationMethod(item.method, index, report);
        const rounding = item.rounding ? bindRoundingMode(item.rounding, index, report) : undefined;
        let precision: number | undefined;
        const p = item.precision;
        if (p && p.$type === 'NumberLiteral' && isWholeNumberText(p.text)) {
          const n = Number(p.text);
          if (n < 0 || n > 10) report(createDiagnostic('PV2031', p.span, { value: p.text }));
          else precision = n;
        }
        if (!duplicate && method !== undefined) {
          prorate = { method };
          if (rounding !== undefined) prorate.rounding = rounding;
          if (precision !== undefined) prorate.precision = precision;
        }
        break;
      }
    }
    if (scope.usedPeriodFact) usesPeriodFacts = true;
  }
  // A `when` that reads billingDate is decided per period, but the billing day,
  // alignment and proration are decided once per line, before periods exist.
  if (whenReadsPeriod && when !== undefined) {
    for (const item of policy.items) {
      if (item.$type === 'BillingDayStatement' || item.$type === 'AlignStatement' || item.$type === 'ProrateStatement') {
        reportAll(createDiagnostic('PV2038', item.span, { setting: SETTING_LABEL[SETTING_OF[item.$type]!] }, { file, related: [{ file, span: when.span, message: 'this condition reads billingDate' }] }));
      }
    }
  }
  const result: { -readonly [K in keyof CheckedPolicy]?: CheckedPolicy[K] } & { statementCount: number } = {
    file,
    span: policy.span,
    priority,
    holds,
    node: policy,
    statementCount,
  };
  if (description !== undefined) result.description = description;
  if (when !== undefined) result.when = when;
  if (billingDay !== undefined) result.billingDay = billingDay;
  if (override !== undefined) result.override = override;
  if (align !== undefined) result.align = align;
  if (prorate !== undefined) result.prorate = prorate;
  if (usesPeriodFacts) result.usesPeriodFacts = true;
  return result as Omit<CheckedPolicy, 'name' | 'nameSpan'> & { statementCount: number };
}

function checkBillingDay(day: Expr | { $type: 'LastDay'; span: Span }, checker: ExprChecker, scope: ItemScope): void {
  if (day.$type === 'LastDay' || day.$type === 'Missing') return;
  let e: Expr = day;
  while (e.$type === 'ParenExpr') e = e.inner;
  let literal: string | undefined;
  if (e.$type === 'NumberLiteral') literal = e.text;
  else if (e.$type === 'UnaryExpr' && e.op === '-' && e.operand.$type === 'NumberLiteral') literal = '-' + e.operand.text;
  if (literal !== undefined) {
    checker.check(scope, day);
    const n = isWholeNumberText(literal) ? Number(literal) : NaN;
    if (!(n >= 1 && n <= 31)) scope.report(createDiagnostic('PV2027', day.span, { value: literal }));
    return;
  }
  const t = checker.check(scope, day);
  if (t !== undefined && t.kind !== 'decimal' && t.kind !== 'any') scope.report(createDiagnostic('PV2028', day.span, { actual: typeName(t) }));
}

import { importJre } from '../../../engine/interop/jre-import.js';

const rule = (conditions: unknown, event: unknown = { type: 'hold', params: { reason: 'r' } }, extra: object = {}) => ({ conditions, event, ...extra });

describe('conditions become DSL conditions', () => {
  test.each([
    ['equal on a path', { all: [{ fact: 'account', path: '$.region', operator: 'equal', value: 'EMEA' }] }, 'account.region = "EMEA"'],
    ['lodash-style path', { all: [{ fact: 'account', path: 'region', operator: 'notEqual', value: 'NA' }] }, 'account.region != "NA"'],
    ['numbers', { all: [{ fact: 'line', path: '$.quantity', operator: 'greaterThanInclusive', value: 10 }] }, 'line.quantity >= 10'],
    ['negative decimals', { all: [{ fact: 'line', path: '$.quantity', operator: 'lessThan', value: -2.5 }] }, 'line.quantity < -2.5'],
    ['a date on a date field is a date literal', { all: [{ fact: 'billingDate', operator: 'lessThanInclusive', value: '2026-12-24' }] }, 'billingDate <= 2026-12-24'],
    ['a date-looking string on a string field stays a string', { all: [{ fact: 'order', path: '$.poNumber', operator: 'equal', value: '2026-12-24' }] }, 'order.poNumber = "2026-12-24"'],
    ['in a list', { all: [{ fact: 'account', path: '$.segment', operator: 'in', value: ['enterprise', 'strategic'] }] }, 'account.segment in ["enterprise", "strategic"]'],
    ['notIn', { all: [{ fact: 'order', path: '$.channel', operator: 'notIn', value: ['partner'] }] }, 'order.channel not in ["partner"]'],
    ['equal null is missing', { all: [{ fact: 'order', path: '$.poNumber', operator: 'equal', value: null }] }, 'order.poNumber is missing'],
    ['notEqual null is present', { all: [{ fact: 'order', path: '$.poNumber', operator: 'notEqual', value: null }] }, 'order.poNumber is present'],
    ['any of two', { any: [{ fact: 'a', operator: 'equal', value: 1 }, { fact: 'b', operator: 'equal', value: true }] }, 'a = 1 or b = true'],
    ['not', { not: { fact: 'product', path: '$.code', operator: 'startsWith', value: 'SUP' } }, 'not (product.code starts with "SUP")'],
    ['nested any inside all', { all: [{ fact: 'a', operator: 'equal', value: 1 }, { any: [{ fact: 'b', operator: 'equal', value: 2 }, { fact: 'c', operator: 'equal', value: 3 }] }] }, 'a = 1 and (b = 2 or c = 3)'],
    ['comparing two facts', { all: [{ fact: 'line', path: '$.startDate', operator: 'lessThan', value: { fact: 'contract', path: '$.startDate' } }] }, 'line.startDate < contract.startDate'],
    ['array contains', { all: [{ fact: 'account', path: '$.tags', operator: 'contains', value: 'vip' }] }, '"vip" in account.tags'],
    ['string contains (Proviso custom operator)', { all: [{ fact: 'line', path: '$.costCenter', operator: 'stringContains', value: 'TREAS' }] }, 'line.costCenter contains "TREAS"'],
    ['quotes and backslashes are escaped', { all: [{ fact: 'a', operator: 'equal', value: 'say "hi" \\o/' }] }, 'a = "say \\"hi\\" \\\\o/"'],
  ])('%s', (_n, conditions, when) => {
    const r = importJre([rule(conditions)]);
    expect(r.problems).toEqual([]);
    expect(r.text).toContain(`  when ${when}\n`);
  });

  test('an empty all applies to every line (no when)', () => {
    const r = importJre([rule({ all: [] }, { type: 'billingDay', params: { billingDay: 1 } }, { name: 'All lines' })]);
    expect(r.text).toBe('policy "All lines" {\n  billing day of month 1\n}\n');
  });
});

describe('events become statements', () => {
  test.each([
    ['hold with reason', { type: 'hold', params: { reason: 'Awaiting PO' } }, ['hold billing reason "Awaiting PO"']],
    ['hold with until (as export writes it)', { type: 'hold', params: { hold: [{ reason: 'PO', until: { all: [{ fact: 'order', path: '$.poNumber', operator: 'notEqual', value: null }] } }] } }, ['hold billing until order.poNumber is present reason "PO"']],
    ['billing day last', { type: 'billingDay', params: { billingDay: 'last' } }, ['billing day of month last']],
    ['override to a date', { type: 'override', params: { override: { to: '2027-01-04', reason: 'Year end' } } }, ['override billing date to 2027-01-04 reason "Year end"']],
    ['override expression kept as DSL text', { type: 'override', params: { override: { expression: 'nextWeekday(billingDate)' } } }, ['override billing date to nextWeekday(billingDate)']],
    ['align', { type: 'align', params: { align: 'original' } }, ['align amendments to original']],
    ['prorate with rounding and precision', { type: 'prorate', params: { prorate: { method: 'monthly-daily', rounding: 'half-even', precision: 2 } } }, ['prorate monthly-daily rounding half-even precision 2']],
    ['a policy with several effects', { type: 'policy', params: { billingDay: 1, align: 'original', prorate: { method: 'daily' } } }, ['billing day of month 1', 'align amendments to original', 'prorate daily']],
  ])('%s', (_n, event, statements) => {
    const r = importJre([rule({ all: [] }, event)]);
    expect(r.problems).toEqual([]);
    for (const s of statements) expect(r.text).toContain(`  ${s}\n`);
  });
});

describe('names and priorities', () => {
  test('names from the rule, else event type and index; duplicates get a suffix', () => {
    const r = importJre([
      rule({ all: [] }, undefined, { name: 'Same' }),
      rule({ all: [] }, undefined, { name: 'Same' }),
      rule({ all: [] }),
    ]);
    expect([...r.text.matchAll(/policy "([^"]+)"/g)].map((m) => m[1])).toEqual(['Same', 'Same (2)', 'hold 3']);
  });
  test('priority from event params (exact DSL priority) beats the rule priority', () => {
    const r = importJre({ rules: [rule({ all: [] }, { type: 'align', params: { align: 'own', priority: -5 } }, { priority: 1 })] });
    expect(r.text).toContain('  priority -5\n');
  });
});

describe('what cannot be expressed is named with its JSON path, and the rule is left out', () => {
  test.each([
    ['condition reference', { all: [{ condition: 'shared' }] }, undefined, '[0].conditions.all[0].condition'],
    ['operator decorator', { all: [{ fact: 'a', operator: 'everyFact:equal', value: 1 }] }, undefined, '[0].conditions.all[0].operator'],
    ['unknown operator', { any: [{ fact: 'a', operator: 'fuzzyMatch', value: 1 }] }, undefined, '[0].conditions.any[0].operator'],
    ['JSONPath wildcard', { all: [{ fact: 'account', path: '$.tags[*]', operator: 'equal', value: 1 }] }, undefined, '[0].conditions.all[0].path'],
    ['fact params', { all: [{ fact: 'account', params: { id: 1 }, operator: 'equal', value: 1 }] }, undefined, '[0].conditions.all[0].params'],
    ['an object value', { all: [{ fact: 'a', operator: 'equal', value: { x: 1 } }] }, undefined, '[0].conditions.all[0].value'],
    ['unknown event type', { all: [] }, { type: 'sendEmail' }, '[0].event.type'],
    ['billing day out of range', { all: [] }, { type: 'billingDay', params: { billingDay: 32 } }, '[0].event.params.billingDay'],
    ['both all and any', { all: [], any: [] }, undefined, '[0].conditions'],
    ['a date value that is not a day (Feb 30)', { all: [{ fact: 'line', path: '$.startDate', operator: 'equal', value: '2026-02-30' }] }, undefined, '[0].conditions.all[0].value'],
    ['an override to month 13', { all: [] }, { type: 'override', params: { to: '2026-13-01' } }, '[0].event.params.to'],
  ])('%s', (_n, conditions, event, path) => {
    const r = importJre([rule(conditions, event ?? { type: 'hold', params: {} }), rule({ all: [] }, { type: 'align', params: { align: 'own' } }, { name: 'Kept' })]);
    expect(r.problems.map((p) => p.path)).toEqual([path]);
    expect(r.dropped).toEqual([0]);
    expect(r.policies).toBe(1);
    expect(r.text).toContain('policy "Kept"');
    expect(r.text).toMatch(/# not imported: rule/);
  });

  test('a date that does not exist says why', () => {
    const r = importJre([rule({ all: [] }, { type: 'override', params: { to: '2027-02-29' } })]);
    expect(r.problems).toEqual([{ path: '[0].event.params.to', message: '2027-02-29 is not a calendar date: February 2027 has 28 days' }]);
  });

  test('input that is not rules at all', () => {
    expect(importJre('nope').problems).toEqual([{ path: '$', message: expect.stringMatching(/expected an array/) }]);
  });
});

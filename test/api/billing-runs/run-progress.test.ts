import { milestonesCrossed, percentDone, progressBar } from '../../../api/billing-runs/run-progress.js';

describe('run progress', () => {
  test.each([
    ['nothing done', 0, 1000, 0],
    ['just under 10%', 99, 1000, 9],
    ['exactly 10%', 100, 1000, 10],
    ['all done', 1000, 1000, 100],
    ['empty run counts as done', 0, 0, 100],
  ])('percentDone: %s', (_name, done, total, pct) => {
    expect(percentDone({ done, total })).toBe(pct);
  });

  test.each([
    ['first report at 0 prints 0%', null, [0, 10], [0]],
    ['crossing one milestone', [5, 100], [12, 100], [10]],
    ['jumping several milestones at once', [5, 100], [47, 100], [10, 20, 30, 40]],
    ['no new milestone', [12, 100], [19, 100], []],
    ['reaching the end', [95, 100], [100, 100], [100]],
  ] as const)('milestonesCrossed: %s', (_name, before, after, expected) => {
    const b = before ? { done: before[0], total: before[1] } : null;
    expect(milestonesCrossed(b, { done: after[0], total: after[1] })).toEqual(expected);
  });

  test('progressBar fills in proportion', () => {
    expect(progressBar({ done: 50, total: 100 }, 10)).toBe('[#####.....]  50%  50/100');
    expect(progressBar({ done: 100, total: 100 }, 10)).toBe('[##########] 100%  100/100');
  });
});

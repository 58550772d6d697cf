// Planning a chunk in slices (with yields between them) gives exactly the plan
// of the whole chunk at once, for slice sizes around the boundaries.
import { planInSlices } from '../../../api/billing-runs/plan-in-slices.js';
import { simplePlanner, syntheticBook } from './support/simple-planner.js';

const book = syntheticBook(6, 9);
const ids = book.orderProducts.map((p) => p.id);

describe('planInSlices', () => {
  test.each([
    ['slice of 1', 1],
    ['slice that does not divide the chunk', 7],
    ['slice one short of the chunk', ids.length - 1],
    ['slice the size of the chunk', ids.length],
    ['slice larger than the chunk', ids.length + 5],
  ])('%s equals planning the whole chunk', async (_name, slice) => {
    const whole = simplePlanner(book, ids, '2026-05-01');
    expect(whole.lines.length).toBeGreaterThan(0);
    expect(await planInSlices(simplePlanner, book, ids, '2026-05-01', slice)).toEqual(whole);
  });

  test('other work gets the event loop between slices', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other')); // queued while the first slice is planned
    const planning = planInSlices(
      (b, part, asOf) => {
        order.push(`slice ${part.length}`);
        return simplePlanner(b, part, asOf);
      },
      book,
      ids.slice(0, 20),
      '2026-05-01',
      10,
    ).then(() => order.push('done'));
    await planning;
    expect(order).toEqual(['slice 10', 'other', 'slice 10', 'done']);
  });
});

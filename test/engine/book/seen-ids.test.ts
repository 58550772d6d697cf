// SeenIds keeps paths as runs of counting-up numbers: every path it hands back
// is the one registered, across gaps, other prefixes, leading zeros and paths
// without a number.
import { SeenIds } from '../../../engine/book/seen-ids.js';

describe('SeenIds', () => {
  test('rebuilds each registered path and account, whatever the pattern', () => {
    const paths = [
      'orders.csv row 2', 'orders.csv row 3', 'orders.csv row 4',
      'orders.csv row 7', 'orders.csv row 8', // a gap (rows 5 and 6 had no id)
      'orderProducts[0]', 'orderProducts[1]', 'orderProducts[2]',
      'x row 007', 'x row 8', 'no number', 'orders.csv row 9',
    ];
    const seen = new SeenIds();
    paths.forEach((p, i) => seen.add(`id-${i}`, p, i % 2 === 0 ? `A${i}` : undefined));
    paths.forEach((p, i) => {
      expect(seen.get(`id-${i}`)).toEqual({ path: p, accountId: i % 2 === 0 ? `A${i}` : undefined });
      expect(seen.accountOf(`id-${i}`)).toBe(i % 2 === 0 ? `A${i}` : undefined);
    });
    expect(seen.has('id-99')).toBe(false);
    expect(seen.get('id-99')).toBeUndefined();
  });

  test('the first declaration of an id wins', () => {
    const seen = new SeenIds();
    seen.add('OP1', 'order-products.csv row 2', 'A1');
    seen.add('OP1', 'order-products.csv row 3', 'A2');
    expect(seen.get('OP1')).toEqual({ path: 'order-products.csv row 2', accountId: 'A1' });
  });
});

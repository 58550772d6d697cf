import type { BillingRunsRepository, Db } from '../../../api/billing-runs/billing-runs.repository.js';
import { RunWorker } from '../../../api/billing-runs/billing-runs.worker.js';
import { applyHeapGrowth, appliedHeapGrowth } from '../../../api/billing-runs/heap-growth.js';
import type { RunPolicies } from '../../../api/billing-runs/run-policies.js';

describe('applyHeapGrowth', () => {
  afterAll(() => applyHeapGrowth(0));

  test('sets the factor once per value, and 0 gives V8 its own factor back', () => {
    applyHeapGrowth(50);
    expect(appliedHeapGrowth()).toBe(50);
    applyHeapGrowth(50);
    expect(appliedHeapGrowth()).toBe(50);
    applyHeapGrowth(0);
    expect(appliedHeapGrowth()).toBe(0);
  });

  test('a worker applies its setting when it starts draining', async () => {
    const idle = { activeRunIds: async () => [] } as unknown as BillingRunsRepository;
    const policies = {} as RunPolicies;
    await new RunWorker({} as Db, idle, policies, { leaseSeconds: 30, pollMs: 50, maxAttempts: 2, heapGrowthPercent: 40 }).drain();
    expect(appliedHeapGrowth()).toBe(40);
  });

  test.each([-1, 1.5, Number.NaN])('rejects %p', (p) => {
    expect(() => applyHeapGrowth(p)).toThrow(/heap growth must be a whole percentage >= 0/);
  });
});

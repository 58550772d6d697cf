// The facts object json-rules-engine rules (as exported by jre-export.ts) read
// for one line: every registered fact, read through its own implementation so
// both engines see the same values, nested by path (`account.region` ->
// facts.account.region). Decimals become JSON numbers, absent values null,
// durations null; `billingDate` only when the context has one.
import type { LineContext } from '../results/index.js';
import type { Registry } from '../vocabulary/registry.js';
import { isDecimal, isDuration, type Value } from '../vocabulary/runtime-values.js';

export type JreFacts = Record<string, unknown>;

function toJson(v: Value): unknown {
  if (v === null) return null;
  if (isDecimal(v)) return v.toNumber();
  if (Array.isArray(v)) return v.map(toJson);
  if (isDuration(v)) return null;
  return v;
}

/** Facts for `engine.run(facts)`. `paths` limits which facts are read (default: all). */
export function jreFacts(registry: Registry, ctx: LineContext, paths?: Iterable<string>): JreFacts {
  const facts: JreFacts = {};
  const list = paths ? [...paths] : registry.vocabulary().facts.map((f) => f.path);
  for (const path of list) {
    const def = registry.fact(path);
    if (!def) continue;
    if (def.scope === 'period' && ctx.billingDate === undefined) continue;
    let value: unknown;
    try {
      value = toJson(def.get(ctx));
    } catch {
      value = null;
    }
    const segs = path.split('.');
    let node = facts;
    for (let i = 0; i < segs.length - 1; i++) {
      const next = node[segs[i]];
      if (next === null || typeof next !== 'object') node[segs[i]] = {};
      node = node[segs[i]] as JreFacts;
    }
    node[segs[segs.length - 1]] = value;
  }
  return facts;
}

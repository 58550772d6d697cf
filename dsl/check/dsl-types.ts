// Shared type values, compatibility rules and the wording of types in messages.
import type { DslType } from '../vocabulary/vocabulary-types.js';

export const STRING: DslType = { kind: 'string' };
export const DECIMAL: DslType = { kind: 'decimal' };
export const DATE: DslType = { kind: 'date' };
export const DURATION: DslType = { kind: 'duration' };
export const BOOLEAN: DslType = { kind: 'boolean' };
export const ANY: DslType = { kind: 'any' };
export const LIST_OF_ANY: DslType = { kind: 'list', element: ANY };

const listTypes = new WeakMap<DslType, DslType>();

/** `list of element`, one shared object per element type object. */
export function listOf(element: DslType): DslType {
  if (element === ANY) return LIST_OF_ANY;
  let list = listTypes.get(element);
  if (!list) {
    list = { kind: 'list', element };
    listTypes.set(element, list);
  }
  return list;
}

const isText = (t: DslType): boolean => t.kind === 'string' || t.kind === 'enum';

/** True when values of `a` and `b` can be compared with `=` or passed where the other is expected. */
export function compatible(a: DslType, b: DslType): boolean {
  if (a === b || a.kind === 'any' || b.kind === 'any') return true;
  if (a.kind === 'enum' && b.kind === 'enum') return a.name === b.name;
  if (isText(a) && isText(b)) return true;
  if (a.kind === 'list' && b.kind === 'list') return compatible(a.element, b.element);
  return a.kind === b.kind;
}

/** How a type reads in a message: "a number", "text", "a line.billingFrequency value". */
export function typeName(t: DslType): string {
  switch (t.kind) {
    case 'string':
      return 'text';
    case 'decimal':
      return 'a number';
    case 'date':
      return 'a date';
    case 'duration':
      return 'a duration';
    case 'boolean':
      return 'a condition (true/false)';
    case 'enum':
      return `a value of ${t.name}`;
    case 'list':
      return `a list of ${pluralName(t.element)}`;
    case 'any':
      return 'any value';
  }
}

function pluralName(t: DslType): string {
  switch (t.kind) {
    case 'string':
      return 'texts';
    case 'decimal':
      return 'numbers';
    case 'date':
      return 'dates';
    case 'duration':
      return 'durations';
    case 'boolean':
      return 'conditions';
    case 'enum':
      return `values of ${t.name}`;
    case 'list':
      return 'lists';
    case 'any':
      return 'values';
  }
}

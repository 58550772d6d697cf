// Configuration diagnostics (PV31xx): proviso.config.json and plugin loading.
import type { CatalogEntry } from '../../dsl/diagnostics/diagnostic-types.js';

export const CONFIG_CODES = {
  PV3101: {
    severity: 'error',
    message: '{file} is not valid JSON: {error}',
    example: '{ "attributes": { "account": { "region": "string" }, } }',
    fix: 'Fix the JSON syntax (no trailing commas, double-quoted keys).',
  },
  PV3102: {
    severity: 'error',
    message: '{path}: expected {expected}, found {actual}',
    example: '{ "attributes": ["region"] }',
    fix: 'Use the shape shown in the configuration reference: `attributes` is an object of entities, `plugins` a list of module paths.',
  },
  PV3103: {
    severity: 'error',
    message: '{path}: unknown key "{key}" (expected one of {allowed})',
    example: '{ "atributes": {} }',
    fix: 'Remove the key or correct its spelling.',
  },
  PV3104: {
    severity: 'error',
    message: '{path}: unknown attribute type {actual} (expected "string", "decimal", "date", "boolean" or a list of allowed strings)',
    example: '{ "attributes": { "line": { "seats": "number" } } }',
    fix: 'Use one of the attribute types, e.g. "decimal" for numbers.',
  },
  PV3105: {
    severity: 'error',
    message: '{path}: a list of allowed values must hold at least one string and no duplicates ({problem})',
    example: '{ "attributes": { "account": { "segment": [] } } }',
    fix: 'List each allowed value once, as a string.',
  },
  PV3106: {
    severity: 'error',
    message: '{path}: "{name}" is not a valid attribute name (letters, digits and _, not starting with a digit)',
    example: '{ "attributes": { "account": { "cost-center": "string" } } }',
    fix: 'Rename the attribute, e.g. costCenter.',
  },
  PV3107: {
    severity: 'error',
    message: '{path}: {fact} is a built-in fact; an attribute cannot replace it',
    example: '{ "attributes": { "account": { "currency": "string" } } }',
    fix: 'Give the attribute another name.',
  },
  PV3108: {
    severity: 'error',
    message: 'configuration file {file} not found',
    example: 'proviso check --config missing.json rules/',
    fix: 'Pass the path of an existing proviso.config.json, or omit --config.',
  },
  PV3109: {
    severity: 'error',
    message: 'plugin {plugin} could not be loaded: {error}',
    example: '{ "plugins": ["./vocabulary/missing.js"] }',
    fix: 'Check the path (relative to proviso.config.json) and that the module is valid JavaScript.',
  },
  PV3110: {
    severity: 'error',
    message: 'plugin {plugin} exports no plugin function (expected a default export or a named export `register`)',
    example: 'export const nothing = 1;',
    fix: 'Export the plugin as `export default function (api) { ... }`.',
  },
  PV3111: {
    severity: 'error',
    message: 'plugin {plugin} failed while registering: {error}',
    example: "api.addFunction({ name: 'nextWeekday', ... }) // already a built-in",
    fix: 'Fix the plugin; vocabulary names must be unique across built-ins, attributes and plugins.',
  },
  PV3112: {
    severity: 'error',
    message: 'attribute {fact} could not be registered: {error}',
    example: '{ "attributes": { "account": { "region": "string" } } } with a plugin that also defines account.region',
    fix: 'Rename the attribute or the plugin fact.',
  },
  PV3113: {
    severity: 'error',
    message: 'configuration file {file} could not be read: {error}',
    example: 'proviso check --config rules/ rules/',
    fix: 'Pass a readable JSON file (not a folder) as the configuration.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type ConfigCode = keyof typeof CONFIG_CODES;

export function configMessage(code: ConfigCode, args: Readonly<Record<string, string>>): string {
  return CONFIG_CODES[code].message.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? args[k] : m));
}

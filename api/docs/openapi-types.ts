// TypeScript types from the OpenAPI description (pure: document in, source
// text out), in the shape openapi-fetch reads: `paths` (each route's
// operations), `operations` (by operationId: parameters, request body,
// responses by status and media type) and `components` (named schemas).
// `npm run docs` writes editor/src/api/generated/openapi.ts with it; a test
// regenerates and compares. Covers the JSON Schema the description uses:
// $ref, type (with nullable), enum, properties/required, additionalProperties,
// items, anyOf/oneOf/allOf.

interface Schema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  description?: string;
}

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  description?: string;
}

interface MediaContent {
  schema?: Schema;
}

interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaContent> };
  responses?: Record<string, { content?: Record<string, MediaContent> }>;
}

export interface OpenApiLike {
  paths: Record<string, object>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(name: string): string {
  return IDENT.test(name) ? name : JSON.stringify(name);
}

function indent(text: string, by: string): string {
  return text.replace(/\n/g, `\n${by}`);
}

function comment(text: string | undefined, pad: string): string {
  if (!text) return '';
  return `${pad}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()} */\n`;
}

/** The TypeScript type of a schema. */
export function schemaType(s: Schema | boolean | undefined): string {
  if (s === undefined || s === true) return 'unknown';
  if (s === false) return 'never';
  let t: string;
  if (s.$ref) {
    const m = /^#\/components\/schemas\/(.+)$/.exec(s.$ref);
    t = m ? `components["schemas"][${JSON.stringify(m[1])}]` : 'unknown';
  } else if (s.enum) {
    t = s.enum.map((v) => JSON.stringify(v)).join(' | ') || 'never';
  } else if (s.const !== undefined) {
    t = JSON.stringify(s.const);
  } else if (s.anyOf || s.oneOf) {
    t = (s.anyOf ?? s.oneOf)!.map((x) => wrap(schemaType(x))).join(' | ');
  } else if (s.allOf) {
    t = s.allOf.map((x) => wrap(schemaType(x))).join(' & ');
  } else {
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.length === 0) t = s.properties || s.additionalProperties !== undefined ? objectType(s) : 'unknown';
    else t = types.map((ty) => primitive(ty, s)).join(' | ');
  }
  return s.nullable ? `${wrap(t)} | null` : t;
}

function wrap(t: string): string {
  return /[|&]/.test(t) && !/^[{(]/.test(t) ? `(${t})` : t;
}

function primitive(type: string, s: Schema): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return Array.isArray(s.items) ? `[${s.items.map(schemaType).join(', ')}]` : `${wrap(schemaType(s.items))}[]`;
    case 'object':
      return objectType(s);
    default:
      return 'unknown';
  }
}

function objectType(s: Schema): string {
  const required = new Set(s.required ?? []);
  const lines: string[] = [];
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    lines.push(`${comment(prop.description, '')}${key(name)}${required.has(name) ? '' : '?'}: ${schemaType(prop)};`);
  }
  const extra = s.additionalProperties;
  // with named properties the index signature must admit them all: unknown
  if (extra !== undefined && extra !== false) lines.push(`[key: string]: ${lines.length === 0 ? schemaType(extra) : 'unknown'};`);
  else if (extra === undefined && !s.properties) lines.push('[key: string]: unknown;');
  if (lines.length === 0) return 'Record<string, never>';
  return `{\n  ${lines.map((l) => indent(l, '  ')).join('\n  ')}\n}`;
}

function params(op: Operation, where: Parameter['in']): string {
  const ps = (op.parameters ?? []).filter((p) => p.in === where);
  if (ps.length === 0) return `${where}?: never;`;
  const anyRequired = ps.some((p) => p.required || where === 'path');
  const body = ps.map((p) => `${comment(p.description, '')}${key(p.name)}${p.required || where === 'path' ? '' : '?'}: ${schemaType(p.schema)};`);
  return `${where}${anyRequired ? '' : '?'}: {\n  ${body.map((l) => indent(l, '  ')).join('\n  ')}\n};`;
}

function content(c: Record<string, MediaContent> | undefined): string {
  if (!c || Object.keys(c).length === 0) return 'content?: never;';
  const lines = Object.entries(c).map(([media, m]) => `${JSON.stringify(media)}: ${schemaType(m.schema)};`);
  return `content: {\n  ${lines.map((l) => indent(l, '  ')).join('\n  ')}\n};`;
}

function operationType(op: Operation): string {
  const lines = [
    `parameters: {\n  ${['query', 'header', 'path', 'cookie'].map((w) => indent(params(op, w as Parameter['in']), '  ')).join('\n  ')}\n};`,
    op.requestBody ? `requestBody${op.requestBody.required ? '' : '?'}: {\n  ${indent(content(op.requestBody.content), '  ')}\n};` : 'requestBody?: never;',
    `responses: {\n  ${Object.entries(op.responses ?? {})
      .map(([status, r]) => `${/^\d+$/.test(status) ? status : JSON.stringify(status)}: {\n  headers: { [name: string]: unknown };\n  ${indent(content(r.content), '  ')}\n};`)
      .map((l) => indent(l, '  '))
      .join('\n  ')}\n};`,
  ];
  return `{\n  ${lines.map((l) => indent(l, '  ')).join('\n  ')}\n}`;
}

/** The whole generated module. */
export function renderOpenApiTypes(doc: OpenApiLike, header: string): string {
  const out: string[] = [header.trimEnd(), ''];
  const ops: string[] = [];
  out.push('export interface paths {');
  for (const [path, item] of Object.entries(doc.paths)) {
    out.push(`  ${JSON.stringify(path)}: {`);
    for (const m of METHODS) {
      const op = (item as Record<string, unknown>)[m] as Operation | undefined;
      if (!op) {
        out.push(`    ${m}?: never;`);
        continue;
      }
      const id = op.operationId ?? `${m}${path.replace(/[^A-Za-z0-9]+/g, '_')}`;
      out.push(`${comment(op.summary, '    ')}    ${m}: operations[${JSON.stringify(id)}];`);
      ops.push(`${comment(op.summary, '  ')}  ${key(id)}: ${indent(operationType(op), '  ')};`);
    }
    out.push('  };');
  }
  out.push('}', '', 'export interface components {', '  schemas: {');
  for (const [name, s] of Object.entries(doc.components?.schemas ?? {})) {
    out.push(`${comment((s as Schema).description, '    ')}    ${key(name)}: ${indent(schemaType(s as Schema), '    ')};`);
  }
  out.push('  };', '}', '', 'export interface operations {', ...ops, '}', '');
  return out.join('\n');
}

// Reads the data model of schema.prisma (models, scalar fields, optionality,
// native types, @@map/@map, ids and unique constraints) and compares it with a
// migrated database's catalog. A small reader for this project's schema style:
// one field per line, attributes as Prisma writes them.

export interface FieldModel {
  readonly name: string;
  readonly column: string;
  readonly type: string;
  readonly optional: boolean;
  readonly list: boolean;
  /** Expected PostgreSQL type as information_schema describes it. */
  readonly sqlType: string;
}

export interface ModelSpec {
  readonly name: string;
  readonly table: string;
  readonly fields: readonly FieldModel[];
  /** Column lists of the primary key and every unique constraint. */
  readonly uniques: readonly (readonly string[])[];
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Boolean', 'DateTime', 'Decimal', 'Json', 'Float', 'Bytes']);

function sqlTypeOf(type: string, attrs: string): string {
  const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attrs);
  const args = native?.[2]?.split(',').map((s) => s.trim()) ?? [];
  switch (type) {
    case 'String':
      return native?.[1] === 'Uuid' ? 'uuid' : 'text';
    case 'Int':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'Boolean':
      return 'boolean';
    case 'Float':
      return 'double precision';
    case 'Json':
      return native?.[1] === 'Json' ? 'json' : 'jsonb';
    case 'Bytes':
      return 'bytea';
    case 'Decimal':
      return native?.[1] === 'Decimal' ? `numeric(${args[0]},${args[1]})` : 'numeric(65,30)';
    case 'DateTime':
      if (native?.[1] === 'Date') return 'date';
      if (native?.[1] === 'Timestamptz') return `timestamp with time zone(${args[0] ?? '6'})`;
      if (native?.[1] === 'Timestamp') return `timestamp without time zone(${args[0] ?? '6'})`;
      return 'timestamp without time zone(3)';
    default:
      return `unknown ${type}`;
  }
}

function listArg(text: string): string[] {
  const m = /\[([^\]]*)\]/.exec(text);
  return m ? m[1].split(',').map((s) => s.trim().replace(/\(.*\)$/, '')).filter(Boolean) : [];
}

export function readPrismaSchema(text: string): ModelSpec[] {
  const blocks = [...text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(blocks.map((b) => b[1]));
  const enumNames = new Set([...text.matchAll(/^enum\s+(\w+)\s*\{/gm)].map((m) => m[1]));
  return blocks.map(([, name, body]) => {
    let table = name;
    const fields: FieldModel[] = [];
    const uniqueFields: string[][] = [];
    const blockUniques: string[][] = [];
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (!line) continue;
      if (line.startsWith('@@')) {
        const map = /^@@map\("([^"]+)"\)/.exec(line);
        if (map) table = map[1];
        if (/^@@(id|unique)\(/.test(line)) blockUniques.push(listArg(line));
        continue;
      }
      const m = /^(\w+)\s+(\w+)(\?|\[\])?\s*(.*)$/.exec(line);
      if (!m) throw new Error(`cannot read line of model ${name}: ${line}`);
      const [, fname, type, mod, attrs] = m;
      if (modelNames.has(type)) continue; // relation field: no column
      if (!SCALARS.has(type) && !enumNames.has(type)) throw new Error(`unknown type ${type} in ${name}.${fname}`);
      const column = /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? fname;
      fields.push({ name: fname, column, type, optional: mod === '?', list: mod === '[]', sqlType: enumNames.has(type) ? type : sqlTypeOf(type, attrs) });
      if (/@id\b/.test(attrs) || /@unique\b/.test(attrs)) uniqueFields.push([fname]);
    }
    const columnOf = new Map(fields.map((f) => [f.name, f.column]));
    const uniques = [...uniqueFields, ...blockUniques].map((cols) => cols.map((c) => columnOf.get(c) ?? `?${c}`));
    return { name, table, fields, uniques };
  });
}

export interface DbColumn {
  table: string;
  column: string;
  sqlType: string;
  nullable: boolean;
}

export interface DbUniqueIndex {
  table: string;
  name: string;
  columns: string[];
  /** Partial index predicate, or null. */
  predicate: string | null;
}

export interface DbSnapshot {
  tables: string[];
  columns: DbColumn[];
  uniques: DbUniqueIndex[];
}

/** Reads tables, columns and unique indexes of the public schema (without _prisma_migrations). */
export async function snapshotDatabase(query: <T>(sql: string) => Promise<T[]>): Promise<DbSnapshot> {
  const tables = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name <> '_prisma_migrations' ORDER BY 1`,
  );
  const cols = await query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    numeric_precision: number | null;
    numeric_scale: number | null;
    datetime_precision: number | null;
  }>(
    `SELECT table_name, column_name, data_type, is_nullable, numeric_precision, numeric_scale, datetime_precision
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const idx = await query<{ table_name: string; index_name: string; columns: string; predicate: string | null }>(
    `SELECT t.relname AS table_name, i.relname AS index_name,
            (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns,
            pg_get_expr(x.indpred, x.indrelid) AS predicate
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND x.indisunique AND t.relname <> '_prisma_migrations'`,
  );
  return {
    tables: tables.map((t) => t.table_name),
    columns: cols.map((c) => ({
      table: c.table_name,
      column: c.column_name,
      nullable: c.is_nullable === 'YES',
      sqlType:
        c.data_type === 'numeric'
          ? `numeric(${c.numeric_precision},${c.numeric_scale})`
          : c.data_type.startsWith('timestamp')
            ? `${c.data_type}(${c.datetime_precision})`
            : c.data_type,
    })),
    uniques: idx.map((i) => ({ table: i.table_name, name: i.index_name, columns: i.columns.split(','), predicate: i.predicate })),
  };
}

/** Every difference between the models and the database, as readable lines. */
export function compareSchema(models: readonly ModelSpec[], db: DbSnapshot): string[] {
  const out: string[] = [];
  const modelTables = new Set(models.map((m) => m.table));
  for (const t of db.tables) if (!modelTables.has(t)) out.push(`table ${t} is in the database but in no model`);
  for (const m of models) {
    if (!db.tables.includes(m.table)) {
      out.push(`model ${m.name}: table ${m.table} is missing in the database`);
      continue;
    }
    const cols = db.columns.filter((c) => c.table === m.table);
    for (const f of m.fields) {
      const c = cols.find((x) => x.column === f.column);
      if (!c) {
        out.push(`${m.name}.${f.name}: column ${m.table}.${f.column} is missing in the database`);
        continue;
      }
      if (c.sqlType !== f.sqlType) out.push(`${m.name}.${f.name}: database type ${c.sqlType}, schema says ${f.sqlType}`);
      if (c.nullable !== f.optional) out.push(`${m.name}.${f.name}: database ${c.nullable ? 'NULL' : 'NOT NULL'}, schema ${f.optional ? 'optional' : 'required'}`);
    }
    for (const c of cols) if (!m.fields.some((f) => f.column === c.column)) out.push(`column ${m.table}.${c.column} is in the database but not in model ${m.name}`);
    const key = (cols: readonly string[]) => cols.join(',');
    const dbFull = db.uniques.filter((u) => u.table === m.table && u.predicate === null);
    for (const u of m.uniques) {
      if (!dbFull.some((d) => key(d.columns) === key(u))) out.push(`${m.name}: unique (${u.join(', ')}) is missing in the database`);
    }
    for (const d of dbFull) {
      if (!m.uniques.some((u) => key(u) === key(d.columns))) out.push(`${m.table}: unique index ${d.name} (${d.columns.join(', ')}) is not in the schema`);
    }
  }
  return out;
}

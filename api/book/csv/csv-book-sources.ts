// Where CSV book files come from: a folder on disk (the CLI) or files an HTTP
// upload stored (POST /api/book/csv). Both open a stream per file, or null
// when the file is absent.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { CsvBookSource } from './csv-book-reader.js';

export function folderSource(dir: string): CsvBookSource {
  return {
    async open(file: string): Promise<Readable | null> {
      const path = join(dir, file);
      const s = await stat(path).catch(() => null);
      return s && s.isFile() ? createReadStream(path) : null;
    },
  };
}

/** Files by name -> path of their stored copy (multer's disk storage). */
export function storedFilesSource(paths: ReadonlyMap<string, string>): CsvBookSource {
  return {
    async open(file: string): Promise<Readable | null> {
      const path = paths.get(file);
      return path ? createReadStream(path) : null;
    },
  };
}

/** True when the path is a folder (a CSV book) rather than a JSON file. */
export async function isFolder(path: string): Promise<boolean> {
  const s = await stat(path).catch(() => null);
  return Boolean(s?.isDirectory());
}

// Cache headers of the built editor: files whose name carries a content hash
// (vite writes assets/<name>-<hash>.<ext>) never change, so browsers keep them
// for a year without asking; index.html is asked for every time, so a new
// build is seen at once.
import type { ServerResponse } from 'node:http';

const HASHED = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function isHashedAsset(path: string): boolean {
  return HASHED.test(path);
}

export function staticCacheHeaders(res: ServerResponse, path: string): void {
  res.setHeader('Cache-Control', isHashedAsset(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

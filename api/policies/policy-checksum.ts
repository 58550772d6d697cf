import { createHash } from 'node:crypto';

/** sha256 of a policy source (UTF-8), hex: recorded on every published version. */
export function policyChecksum(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

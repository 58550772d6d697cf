// The signature receivers check (docs/webhooks.md): header
//   Proviso-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// The timestamp is signed with the body, so a captured request cannot be
// replayed later than the receiver's tolerance.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'proviso-signature';

export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${hmac(secret, timestampSeconds, body)}`;
}

function hmac(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

/** What a receiver does: parse the header, recompute, compare in constant time, check the age. */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): VerifyResult {
  if (!header) return { ok: false, reason: 'no Proviso-Signature header' };
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1) return { ok: false, reason: 'malformed Proviso-Signature header' };
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  const given = Buffer.from(v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: `timestamp ${t} is more than ${toleranceSeconds} s away` };
  return { ok: true, timestamp: t };
}

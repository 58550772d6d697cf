// The global guard: every route needs `Authorization: Bearer <key>` unless it
// is @Public(); @Roles(role) sets the lowest role allowed (default viewer).
import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeysService } from './api-keys.service.js';
import { IS_PUBLIC, REQUIRED_ROLE } from './auth.decorators.js';
import { type AuthenticatedKey, type Role, roleAtLeast } from './roles.js';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; apiKey?: AuthenticatedKey }>();
    // Requests with a body were authenticated before the body was read (authenticate-first middleware).
    const key = req.apiKey ?? (await authenticateHeader(this.keys, req.headers.authorization));
    if (typeof key === 'string') throw new UnauthorizedException(key);
    req.apiKey = key;
    const needs = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'viewer';
    if (!roleAtLeast(key.role, needs)) {
      throw new ForbiddenException(`this action needs the ${needs} role; the key '${key.name}' has ${key.role}`);
    }
    return true;
  }
}

/** The key an `Authorization` header names, or the 401 message saying what is wrong with it. */
export async function authenticateHeader(keys: ApiKeysService, header: string | undefined): Promise<AuthenticatedKey | string> {
  if (!header) return 'missing API key: send Authorization: Bearer <key>';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) return 'malformed Authorization header: expected Bearer <key>';
  const key = await keys.authenticate(m[1]);
  return key ?? 'invalid or revoked API key';
}

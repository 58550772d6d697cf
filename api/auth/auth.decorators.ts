import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedKey, Role } from './roles.js';

export const IS_PUBLIC = 'proviso:public';
export const REQUIRED_ROLE = 'proviso:role';

/** No API key needed (health, the editor's static files). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The lowest role allowed; routes without it need `viewer`. */
export const Roles = (role: Role): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLE, role);

/** The API key that made the request. */
export const CurrentKey = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedKey | undefined => {
  return (ctx.switchToHttp().getRequest() as { apiKey?: AuthenticatedKey }).apiKey;
});

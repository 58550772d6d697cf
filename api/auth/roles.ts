export const ROLES = ['viewer', 'author', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** admin > author > viewer: a key may do what its role or any lower role may. */
export function roleAtLeast(has: Role, needs: Role): boolean {
  return ROLES.indexOf(has) >= ROLES.indexOf(needs);
}

export interface AuthenticatedKey {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

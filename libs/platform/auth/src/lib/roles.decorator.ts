import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ROLES_METADATA = 'itsm:auth:roles';

/**
 * Who may call a GraphQL resolver (method) or every resolver of a class; a method's list replaces
 * its class's. A resolver without @Roles is refused (deny by default).
 */
export function Roles(...roles: Role[]): ClassDecorator & MethodDecorator {
  if (roles.length === 0) throw new TypeError('@Roles() needs at least one role: list them all (@Roles(...ROLES)) to admit any caller');
  return SetMetadata(ROLES_METADATA, Object.freeze([...roles]));
}

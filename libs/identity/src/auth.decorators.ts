import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@loanflow/domain';
import { Public, PUBLIC_ROUTE } from '@loanflow/observability';
import type { Principal } from './principal';

export { Public, PUBLIC_ROUTE };
export const REQUIRED_ROLES = 'loanflow:roles';

/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = {
  principal?: Principal;
  method: string;
  originalUrl?: string;
  url: string;
};

/** The signed-in user, in a controller method's parameters. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentUser used on a public route');
    return principal;
  },
);

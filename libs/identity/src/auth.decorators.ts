import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

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

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, Role } from '@loanflow/domain';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { Directory } from './directory';
import { auditActorOf } from './principal';
import { Tokens } from './tokens';

/**
 * Every route needs a valid bearer token unless marked @Public; @Roles narrows it further.
 * A refusal is 401 or 403 and an audit entry, never a silent no.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: Tokens,
    private readonly directory: Directory,
    private readonly audit: AuditTrail,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const route = `${request.method} ${request.originalUrl ?? request.url}`;

    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      return this.refuse401(route, 'no bearer token');
    }
    let verified;
    try {
      verified = await this.tokens.verify(token);
    } catch (error) {
      return this.refuse401(route, `token rejected: ${(error as Error).message}`);
    }
    const user = await this.directory.findUser(verified.username);
    if (!user) return this.refuse401(route, `no active user ${verified.username}`);
    const principal = await this.directory.principalOf(user, verified.roles);
    request.principal = principal;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => principal.roles.includes(role))) {
      const reason = `${route} needs one of the roles ${required.join(', ')}`;
      await this.audit.record({
        actor: auditActorOf(principal),
        action: 'access.refused',
        outcome: 'refused',
        reason,
      });
      throw new DomainError(
        'ROLE_REQUIRED',
        `You need one of the roles ${required.join(', ')} for this.`,
        { required },
      );
    }
    return true;
  }

  private async refuse401(route: string, reason: string): Promise<never> {
    await this.audit.record({
      actor: auditActorOf(undefined),
      action: 'access.unauthenticated',
      outcome: 'refused',
      reason: `${route}: ${reason}`,
    });
    throw new DomainError('UNAUTHENTICATED', 'Sign in first: a valid bearer token is required.');
  }
}

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, Role } from '@loanflow/domain';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { clientAddressOf, RequestWithAddress } from './client-address';
import { Directory } from './directory';
import { auditActorOf } from './principal';
import { RefusalAudit } from './refusals/refusal-audit';
import { Tokens } from './tokens/tokens';

/**
 * Every route needs a valid bearer token unless marked @Public; @Roles narrows it further.
 * A refusal is 401 or 403 and audited, never a silent no: a 403 is a row of its own; 401s are
 * counted per client address and minute, one row each (a flood must not flood the trail).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: Tokens,
    private readonly directory: Directory,
    private readonly audit: AuditTrail,
    private readonly refusals: RefusalAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<
        AuthenticatedRequest & RequestWithAddress & { headers: Record<string, string | undefined> }
      >();
    const route = `${request.method} ${request.originalUrl ?? request.url}`;
    const refuse401 = (reason: string) => this.refuse401(clientAddressOf(request), route, reason);

    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      return refuse401('no bearer token');
    }
    let verified;
    try {
      verified = await this.tokens.verify(token);
    } catch (error) {
      return refuse401(`token rejected: ${(error as Error).message}`);
    }
    const user = await this.directory.findUser(verified.username);
    if (!user) return refuse401(`no active user ${verified.username}`);
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

  private refuse401(address: string, route: string, reason: string): never {
    this.refusals.count(address, route, reason);
    throw new DomainError('UNAUTHENTICATED', 'Sign in first: a valid bearer token is required.');
  }
}

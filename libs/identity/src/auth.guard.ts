import { CanActivate, ExecutionContext, Injectable, Logger, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, isDomainError, messageOf } from '@loanflow/domain';
import {
  ACCESS_POLICY,
  AccessObject,
  AccessPolicy,
  describePolicy,
  RoleSet,
} from '@loanflow/observability';
import { AccessObjectResolver, scopeAllows, ScopedRequest } from './access-scope';
import { AuthenticatedRequest } from './auth.decorators';
import { clientAddressOf, RequestWithAddress } from './client-address';
import { Directory } from './directory';
import { auditActorOf, Principal } from './principal';
import { RefusalAudit } from './refusals/refusal-audit';
import { Tokens } from './tokens/tokens';

type GuardedRequest = AuthenticatedRequest &
  ScopedRequest &
  RequestWithAddress & {
    headers: Record<string, string | undefined>;
    params?: Record<string, string | undefined>;
  };

/** What a refused object lookup answers: the same for a missing object and one out of scope. */
const NOT_FOUND: Record<AccessObject, [code: string, noun: string]> = {
  loan: ['LOAN_NOT_FOUND', 'loan'],
  task: ['TASK_NOT_FOUND', 'task'],
  'process-instance': ['INSTANCE_NOT_FOUND', 'process instance'],
  incident: ['INCIDENT_NOT_FOUND', 'incident'],
};

/**
 * The one access policy, applied to every route from what the route declares (`Access.*`): a
 * route that declares nothing is refused. Then: a valid bearer token (401), one of the roles
 * (403), and for unit- and object-scoped routes the caller's org subtree; an object outside it
 * answers exactly as a missing one (404, nothing about where it is). Every refusal of a signed-in
 * user is an audit row of its own; 401s are counted per client address and minute, one row each
 * (a flood must not flood the trail).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: Tokens,
    private readonly directory: Directory,
    private readonly audit: AuditTrail,
    private readonly refusals: RefusalAudit,
    @Optional() private readonly objects?: AccessObjectResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(
      ACCESS_POLICY,
      targets,
    );
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const route = `${request.method} ${request.originalUrl ?? request.url}`;
    if (!policy) {
      // A route that forgot to declare its policy is closed, never open.
      this.logger.error(`${route} declares no access policy: refused`);
      throw new DomainError(
        'ACCESS_POLICY_MISSING',
        'This route declares no access policy and is closed.',
      );
    }
    if (policy.kind === 'public') return true;

    const principal = await this.authenticate(request, route);
    if (policy.kind === 'signed-in') return true;
    await this.requireRoles(policy.roles, principal, route);
    if (policy.kind === 'role') return true;

    request.accessScope = await this.directory.scopeOf(principal);
    if (policy.kind === 'unit') return true;

    const key = request.params?.[policy.param] ?? '';
    if (!this.objects) throw new Error(`no resolver for ${describePolicy(policy)} on ${route}`);
    const found = key ? await this.objects.resolve(policy.object, key) : null;
    if (!found || !scopeAllows(request.accessScope, found.branchCode)) {
      const [code, noun] = NOT_FOUND[policy.object];
      await this.audit.record({
        actor: auditActorOf(principal),
        action: 'access.refused',
        outcome: 'refused',
        loanKey: found?.loanId ?? null,
        reason: `${route}: ${found ? `the ${noun} is outside ${principal.orgUnitCode} and the units below it` : `no ${noun} ${key}`}`,
      });
      throw new DomainError(code, `There is no ${noun} ${key} that you may see.`);
    }
    request.accessObject = found;
    return true;
  }

  private async authenticate(request: GuardedRequest, route: string): Promise<Principal> {
    if (request.principal) return request.principal;
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      return this.refuse401(request, route, 'no bearer token');
    }
    let verified;
    try {
      verified = await this.tokens.verify(token);
    } catch (error) {
      return this.refuse401(request, route, `token rejected: ${messageOf(error)}`);
    }
    const caller = await this.directory.findCaller(verified.username);
    if (!caller) return this.refuse401(request, route, `no active user ${verified.username}`);
    const { user } = caller;
    try {
      request.principal = await this.directory.principalOfCaller(caller, verified.roles);
    } catch (error) {
      if (isDomainError(error))
        await this.audit.record({
          actor: {
            username: user.username,
            roles: verified.roles ?? [],
            orgUnitCode: user.orgUnitCode,
          },
          action: 'access.refused',
          outcome: 'refused',
          reason: `${route}: ${error.code}: ${error.message}`,
        });
      throw error;
    }
    return request.principal;
  }

  private async requireRoles(roles: RoleSet, principal: Principal, route: string): Promise<void> {
    if (roles === 'any' || roles.some((role) => principal.roles.includes(role))) return;
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'access.refused',
      outcome: 'refused',
      reason: `${route} needs one of the roles ${roles.join(', ')}`,
    });
    throw new DomainError(
      'ROLE_REQUIRED',
      `You need one of the roles ${roles.join(', ')} for this.`,
      {
        required: roles,
      },
    );
  }

  private refuse401(request: GuardedRequest, route: string, reason: string): never {
    this.refusals.count(clientAddressOf(request), route, reason);
    throw new DomainError('UNAUTHENTICATED', 'Sign in first: a valid bearer token is required.');
  }
}

import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, isDomainError } from '@loanflow/domain';
import { Directory } from '../directory';
import { auditActorOf } from '../principal';
import { RefusalAudit } from '../refusals/refusal-audit';
import { Tokens } from '../tokens/tokens';
import { PasswordCheck } from './password-check';

const ROUTE = 'POST /api/auth/login';

/**
 * Sign-in with a user name and password. An unknown name and a wrong password get the same work,
 * the same limits and the same answer; each password checked and refused is an audit row (the
 * limits keep them few), a refusal before any check (throttled, locked) is only counted.
 */
@Injectable()
export class SignIn {
  constructor(
    private readonly passwords: PasswordCheck,
    private readonly directory: Directory,
    private readonly tokens: Tokens,
    private readonly audit: AuditTrail,
    private readonly refusals: RefusalAudit,
  ) {}

  async signIn(
    username: string,
    password: string,
    address: string,
  ): Promise<{ accessToken: string; expiresAt: Date }> {
    try {
      await this.passwords.assertAllowed(username, address);
    } catch (error) {
      if (isDomainError(error)) this.refusals.count(address, ROUTE, `sign-in ${error.code}`);
      throw error;
    }
    const user = await this.passwords.verify({
      username,
      password,
      address,
      action: 'auth.login',
      actor: { username, roles: [], orgUnitCode: null },
      refusedReason: 'unknown user or wrong password',
    });
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Unknown user name or wrong password.');
    let principal;
    try {
      principal = await this.directory.principalOf(user);
    } catch (error) {
      // Roles one person may not hold together: no token, and the reason on record.
      if (isDomainError(error))
        await this.audit.record({
          actor: { username, roles: [], orgUnitCode: user.orgUnitCode },
          action: 'auth.login',
          outcome: 'refused',
          inputs: { username },
          reason: `${error.code}: ${error.message}`,
        });
      throw error;
    }
    const issued = await this.tokens.issue(user.username);
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'auth.login',
      outcome: 'ok',
      inputs: { username },
    });
    return issued;
  }
}

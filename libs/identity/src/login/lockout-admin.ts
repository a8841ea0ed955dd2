import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { auditActorOf, Principal } from '../principal';
import { Lockout, LoginProtection } from './login-protection';
import { normaliseUserName } from './login-policy';

/** What an administrator does about sign-in lockouts: see them, lift one (audited). */
@Injectable()
export class LockoutAdmin {
  constructor(
    private readonly protection: LoginProtection,
    private readonly audit: AuditTrail,
  ) {}

  list(): Promise<Lockout[]> {
    return this.protection.lockouts();
  }

  async unlock(
    admin: Principal,
    username: string,
  ): Promise<{ username: string; wasLocked: boolean }> {
    const wasLocked = await this.protection.unlock(username);
    const name = normaliseUserName(username);
    await this.audit.record({
      actor: auditActorOf(admin),
      action: 'auth.unlock',
      outcome: 'ok',
      inputs: { username: name },
      reason: wasLocked
        ? `lifted the sign-in lockout of ${name}`
        : `${name} was not locked; failed sign-ins cleared`,
    });
    return { username: name, wasLocked };
  }
}

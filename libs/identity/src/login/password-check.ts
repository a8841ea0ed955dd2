import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditActor, AuditTrail } from '@loanflow/audit';
import { UserEntity } from '@loanflow/persistence';
import { Directory } from '../directory';
import { dummyPasswordHash, verifyPassword } from '../password';
import { LoginProtection } from './login-protection';

export interface PasswordAttempt {
  username: string;
  password: string;
  address: string;
  /** The audit action a wrong password is recorded under, e.g. auth.login. */
  action: string;
  /** Who the refusal row names: the name tried, or the signed-in user. */
  actor: AuditActor;
  refusedReason: string;
}

/**
 * One password check under the sign-in limits: the same work for every name (scrypt against a
 * dummy hash when there is no user or no password), failures counted, a lockout audited once.
 */
@Injectable()
export class PasswordCheck implements OnModuleInit {
  constructor(
    private readonly directory: Directory,
    private readonly protection: LoginProtection,
    private readonly audit: AuditTrail,
  ) {}

  async onModuleInit(): Promise<void> {
    // Made before the first sign-in, so that it does not make the first unknown name slower.
    await dummyPasswordHash();
  }

  /** Throws ACCOUNT_LOCKED or LOGIN_THROTTLED; nothing is checked or counted then. */
  assertAllowed(username: string, address: string): Promise<void> {
    return this.protection.assertAllowed(username, address);
  }

  /** The user when the password is theirs; null (audited, counted) otherwise. */
  async verify(attempt: PasswordAttempt): Promise<UserEntity | null> {
    const user = await this.directory.findUser(attempt.username);
    const stored = user?.passwordHash ?? (await dummyPasswordHash());
    const matches = await verifyPassword(attempt.password, stored);
    if (user?.passwordHash && matches) {
      await this.protection.recordSuccess(attempt.username);
      return user;
    }
    const { lockStarted } = await this.protection.recordFailure(attempt.username, attempt.address);
    await this.audit.record({
      actor: attempt.actor,
      action: attempt.action,
      outcome: 'refused',
      inputs: { username: attempt.username },
      reason: attempt.refusedReason,
    });
    if (lockStarted) {
      await this.audit.record({
        actor: attempt.actor,
        action: 'auth.lockout',
        outcome: 'refused',
        inputs: { username: lockStarted.username, address: attempt.address },
        reason: `${lockStarted.failures} failed sign-ins for ${lockStarted.username}, the last from ${attempt.address}: locked until ${lockStarted.lockedUntil}`,
      });
    }
    return null;
  }
}

import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, messageOf } from '@loanflow/domain';
import { hashPassword } from '../password';
import { auditActorOf, Principal } from '../principal';
import { PasswordChangeRecords } from './password-change-records';
import { PasswordCheck } from './password-check';
import { newPasswordProblems } from './password-policy';

/**
 * A signed-in user changes their own password: the current one is checked under the same limits
 * as a sign-in (a stolen token does not make guessing it free). Tokens already issued stay valid
 * until they expire.
 */
@Injectable()
export class PasswordChange {
  constructor(
    private readonly passwords: PasswordCheck,
    private readonly audit: AuditTrail,
    private readonly records: PasswordChangeRecords,
  ) {}

  async change(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    address: string,
  ): Promise<void> {
    const actor = auditActorOf(principal);
    const problems = newPasswordProblems({
      username: principal.username,
      currentPassword,
      newPassword,
    });
    if (problems.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'The new password does not meet the policy.', {
        fieldErrors: [{ field: 'newPassword', reasons: problems }],
      });
    }
    try {
      await this.passwords.assertAllowed(principal.username, address);
    } catch (error) {
      await this.audit.record({
        actor,
        action: 'auth.password-change',
        outcome: 'refused',
        reason: `refused before checking: ${messageOf(error)}`,
      });
      throw error;
    }
    const user = await this.passwords.verify({
      username: principal.username,
      password: currentPassword,
      address,
      action: 'auth.password-change',
      actor,
      refusedReason: 'the current password was wrong',
    });
    if (!user) {
      throw new DomainError('CURRENT_PASSWORD_WRONG', 'The current password is wrong.');
    }
    const passwordHash = await hashPassword(newPassword);
    await this.records.transaction(async (tx) => {
      await tx.setPasswordHash(user.id, passwordHash);
      await tx.audit({ actor, action: 'auth.password-change', outcome: 'ok' });
    });
  }
}

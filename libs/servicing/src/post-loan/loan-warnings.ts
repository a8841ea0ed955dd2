import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, WarningLevel } from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import { BusinessClock } from '@loanflow/workflow';
import { RiskWarnings } from './risk-warnings.service';
import { WarningRecords } from './warning-records';
import { WarningView, warningView } from './warning.view';

/** The warnings staff raise by hand and read on a loan (the routes' side of RiskWarnings). */
@Injectable()
export class LoanWarnings {
  constructor(
    private readonly warnings: RiskWarnings,
    private readonly register: WarningRecords,
    private readonly clock: BusinessClock,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Raises a warning on the signal a person saw; one of the same or a milder level while another is
   * open is refused (409) and the refusal audited.
   */
  async raiseByHand(
    principal: Principal,
    loanId: string,
    level: WarningLevel,
    description: string,
  ): Promise<{ outcome: string; warning: WarningView }> {
    const raised = await this.warnings.raise({
      loanId,
      level,
      signal: 'manual',
      description,
      actor: auditActorOf(principal),
      at: await this.clock.now(),
    });
    if (raised.outcome === 'already-open') {
      const refusal = new DomainError(
        'WARNING_ALREADY_OPEN',
        `Loan ${loanId} already has an open ${raised.warning.level} warning (${raised.warning.id}); raise a worse level to supersede it.`,
        { openWarning: warningView(raised.warning) },
      );
      await this.audit.record({
        actor: auditActorOf(principal),
        action: 'warning.raise',
        outcome: 'refused',
        loanKey: loanId,
        reason: `${refusal.code}: ${refusal.message}`,
      });
      throw refusal;
    }
    return { outcome: raised.outcome, warning: warningView(raised.warning) };
  }

  async listOf(loanId: string): Promise<WarningView[]> {
    const rows = await this.register.ofLoan(loanId);
    return rows.map(warningView);
  }
}

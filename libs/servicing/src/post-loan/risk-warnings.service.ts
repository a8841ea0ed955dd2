import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditActor, SYSTEM_ACTOR } from '@loanflow/audit';
import {
  beijingDate,
  DomainError,
  isWorseClass,
  LoanClass,
  loanPosition,
  messageOf,
  raiseOutcome,
  RaiseOutcome,
  WARNING_LEVEL_NAMES,
  WarningLevel,
  WarningSignal,
} from '@loanflow/domain';
import { publishOnce, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import {
  RISK_WARNING_RAISED_MESSAGE,
  RISK_WARNING_SUPERSEDED_MESSAGE,
} from '../servicing.contract';
import { servicedLoanSummaryOf, LoanRecords } from '@loanflow/loans';
import { WarningLoan, WarningRecord, WarningRecords, WarningTransaction } from './warning-records';

export interface RaiseWarning {
  loanId: string;
  level: WarningLevel;
  signal: WarningSignal;
  description: string;
  actor: AuditActor;
  at: Date;
}

export interface RaisedWarning {
  outcome: RaiseOutcome;
  /** The warning now open: the new one, or the one already open. */
  warning: WarningRecord;
  superseded: WarningRecord | null;
}

/**
 * A red signal is a potential loss: the loan is at least special mention (关注) from then on, in
 * the caller's transaction (the row is locked by it).
 */
export async function applyRedWarningFloor(
  tx: WarningTransaction,
  loan: WarningLoan,
  why: { reason: string; actor: AuditActor; at: Date },
): Promise<void> {
  if (!isWorseClass('special-mention', loan.classification as LoanClass)) return;
  const position = loanPosition({ ...(await tx.ledger(loan.id)), asOf: beijingDate(why.at) });
  await tx.classify({
    loanId: loan.id,
    from: loan.classification as LoanClass,
    to: 'special-mention',
    daysPastDue: position.daysPastDue,
    source: 'warning',
    ...why,
  });
}

/** Loans that can still carry a warning: paid out and not yet closed. */
const WARNABLE: readonly string[] = ['disbursed'];

/**
 * Raises risk warnings, from staff or from a rule: at most one open per loan, a worse one
 * supersedes it. A red warning makes the loan at least special mention (关注): a high risk signal
 * is a potential loss the classification must show. The row is the outbox of its start message.
 */
@Injectable()
export class RiskWarnings {
  private readonly logger = new Logger(RiskWarnings.name);

  constructor(
    private readonly register: WarningRecords,
    private readonly records: LoanRecords,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async raise(request: RaiseWarning): Promise<RaisedWarning> {
    const raised = await this.register.transaction(async (tx) => {
      // One raise at a time per loan: the open warning read here is the one replaced.
      const loan = await tx.lockLoan(request.loanId);
      if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${request.loanId}.`);
      if (!WARNABLE.includes(loan.status))
        throw new DomainError(
          'LOAN_NOT_IN_SERVICING',
          `Loan ${loan.id} is ${loan.status}: warnings are raised on loans being serviced.`,
        );
      const open = await tx.openOf(loan.id);
      const outcome = raiseOutcome(open?.level ?? null, request.level);
      if (outcome === 'already-open') return { outcome, warning: open!, superseded: null };
      if (open) await tx.update(open.id, { openKey: null });
      const warning = await tx.insert({
        loanId: loan.id,
        openKey: loan.id,
        level: request.level,
        signal: request.signal,
        description: request.description.slice(0, 1000),
        raisedBy: request.actor.username ?? 'system',
        raisedAt: request.at,
        state: 'open',
        supersededBy: null,
        closedAt: null,
        resolution: null,
        publishedAt: null,
      });
      if (open) {
        await tx.update(open.id, {
          state: 'superseded',
          supersededBy: warning.id,
          closedAt: request.at,
          resolution: `superseded by ${request.level} warning ${warning.id}`,
        });
      }
      await tx.audit({
        actor: request.actor,
        action: 'warning.raise',
        outcome: 'ok',
        loanKey: loan.id,
        reason:
          `${WARNING_LEVEL_NAMES[request.level]} ${request.level} warning ${warning.id} (${request.signal}): ${request.description}` +
          (open ? `; supersedes ${open.level} warning ${open.id}` : ''),
      });
      if (request.level === 'red')
        await applyRedWarningFloor(tx, loan, {
          reason: `red warning ${warning.id}: ${request.description}`,
          actor: request.actor,
          at: request.at,
        });
      return {
        outcome,
        warning,
        superseded: open
          ? { ...open, state: 'superseded' as const, supersededBy: warning.id }
          : null,
      };
    });
    if (raised.outcome !== 'already-open') await this.publish(raised.warning);
    return raised;
  }

  /**
   * Starts the warning's instance and ends the one it superseded. Message ids make a repeat a
   * no-op; the correlation key (the warning id) keeps one instance per warning.
   */
  async publish(warning: WarningRecord): Promise<boolean> {
    try {
      const [file, superseded] = await Promise.all([
        this.records.fileForJob(warning.loanId),
        this.register.supersededBy(warning.id),
      ]);
      const { loan, applicant, guarantors } = file;
      await publishOnce(this.zeebe, {
        name: RISK_WARNING_RAISED_MESSAGE,
        correlationKey: warning.id,
        messageId: `risk-warning:${warning.id}`,
        timeToLive: 3_600_000,
        variables: {
          warningId: warning.id,
          loanId: loan.id,
          businessKey: loan.id,
          level: warning.level,
          signal: warning.signal,
          description: warning.description,
          branchCode: loan.branchCode,
          customerManager: loan.customerManager,
          loan: servicedLoanSummaryOf(loan, applicant, guarantors),
        },
      });
      if (superseded)
        await publishOnce(this.zeebe, {
          name: RISK_WARNING_SUPERSEDED_MESSAGE,
          correlationKey: superseded.id,
          messageId: `risk-warning-superseded:${superseded.id}`,
          timeToLive: 3_600_000,
          variables: { supersededBy: warning.id },
        });
      // Once the broker has the messages, a failure to mark it leaves it to the sweep, whose
      // repeat the message ids make a no-op.
      await this.register.markPublished(warning.id, new Date());
    } catch (error) {
      // The warning is saved: the outbox sweep publishes it later.
      this.logger.warn(
        `warning ${warning.id}: not yet published (will retry): ${messageOf(error)}`,
      );
      return false;
    }
    return true;
  }

  /**
   * Closes the loan's open warning when the loan leaves servicing (written off): nothing is left
   * to monitor, so its handling ends (the same message a superseding warning sends).
   */
  async withdrawOpen(loanId: string, reason: string, at: Date): Promise<void> {
    const open = await this.register.transaction(async (tx) => {
      const warning = await tx.openOf(loanId);
      if (!warning) return null;
      // Only while it is still open: a delivery beside this one may have withdrawn it already.
      const withdrawn = await tx.updateOpen(loanId, warning.id, {
        state: 'resolved',
        openKey: null,
        closedAt: at,
        resolution: reason,
      });
      if (!withdrawn) return warning;
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'warning.resolve',
        outcome: 'ok',
        loanKey: loanId,
        reason: `warning ${warning.id} withdrawn: ${reason}`,
      });
      return warning;
    });
    // A retry after the broker failed finds the warning withdrawn already: its instance is told
    // again (the message id and the warning's own correlation key make a repeat harmless).
    const withdrawn = open ? [open] : await this.register.resolvedAs(loanId, reason);
    for (const warning of withdrawn)
      await publishOnce(this.zeebe, {
        name: RISK_WARNING_SUPERSEDED_MESSAGE,
        correlationKey: warning.id,
        messageId: `risk-warning-superseded:${warning.id}`,
        timeToLive: 3_600_000,
        variables: { supersededBy: '' },
      });
  }

  /** Publishes open warnings whose start message the broker has not taken yet (the outbox sweep). */
  async publishPending(): Promise<number> {
    const waiting = await this.register.unpublished(100);
    let published = 0;
    // publish() never throws: one warning that cannot go out (its loan file unreadable, the broker
    // away) is logged and left for the next sweep, and the others still go.
    for (const warning of waiting) if (await this.publish(warning)) published++;
    if (published < waiting.length)
      this.logger.warn(
        `${waiting.length - published} of ${waiting.length} warnings not yet published (will retry)`,
      );
    return published;
  }
}

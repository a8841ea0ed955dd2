import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import {
  addDays,
  dailyRuleWithHistory,
  formatIsoDate,
  LOAN_CLASS_NAMES,
  LoanClass,
  parseIsoDate,
  upgradeProposal,
} from '@loanflow/domain';
import { NonRetryableJobError } from '@loanflow/workflow';
import { CollectionBands } from '../collection/collection-bands';
import { ClassificationRecords } from './classification-records';

/** The system's upgrade proposal, for the risk manager's approval. */
export type SystemUpgrade = { proposed: LoanClass; reason: string };

export type Classified = {
  classification: LoanClass;
  daysPastDue: number;
  /** Only when a proposal was looked for: the one made now, or null. */
  systemUpgrade?: SystemUpgrade | null;
};

/** A proposal the risk manager refused is not made again for this many days. */
const PROPOSAL_PAUSE_DAYS = 30;

/**
 * The classification rule, the one place it is applied: after every due-date check and repayment
 * (the servicing model's jobs) and once a day over the whole book (the daily-book batch). The
 * floor by days past due (any overdue → special mention, over 90 → substandard, over 270 →
 * doubtful, over 360 → loss) and, for a restructured loan, by its observation period, applied when
 * worse than the loan's level, with its history and trail entry (ClassificationRecords). The rule
 * never makes a loan better; once a day it proposes a better level the 2023 conditions allow, for
 * the risk manager to approve (one proposal open at a time). The same position then decides who
 * holds the loan's collection work (CollectionBands). Repeating it on the same day changes nothing.
 */
@Injectable()
export class LoanClassifier {
  constructor(
    private readonly register: ClassificationRecords,
    private readonly bands: CollectionBands,
  ) {}

  /** Applies the floor (and, when asked, looks for an earned upgrade), then reassesses the band. */
  async classifyAndReassess(
    loanId: string,
    at: Date,
    date: string,
    propose: boolean,
  ): Promise<Classified> {
    const classified = await this.classify(loanId, at, date, propose);
    await this.bands.reassess(loanId, date, at);
    return classified;
  }

  private classify(loanId: string, at: Date, date: string, propose: boolean): Promise<Classified> {
    return this.register.transaction(async (tx) => {
      const loan = await tx.lockLoan(loanId);
      if (!loan)
        throw new NonRetryableJobError(`loan ${loanId} does not exist in the loan register`);
      const facts = await tx.facts(loan, date);
      const current = facts.current;
      const level = dailyRuleWithHistory(current, facts.floor);
      if (level !== current)
        await tx.classify({
          loanId,
          from: current,
          to: level,
          daysPastDue: facts.daysPastDue,
          source: 'rule',
          reason: `on ${date} the floor is ${LOAN_CLASS_NAMES[level]}: ${facts.floor.reasons.join('; ')}`,
          actor: SYSTEM_ACTOR,
          at,
        });
      const result = { classification: level, daysPastDue: facts.daysPastDue };
      if (!propose || loan.status !== 'disbursed') return result;
      const paused =
        loan.upgradeProposalOpen ||
        (loan.upgradeProposedOn !== null &&
          formatIsoDate(addDays(parseIsoDate(loan.upgradeProposedOn)!, PROPOSAL_PAUSE_DAYS)) >
            date);
      const proposal = paused ? null : upgradeProposal(level, facts.record);
      if (!proposal) return { ...result, systemUpgrade: null };
      await tx.openProposal(loanId, { proposedOn: date, level: proposal.proposed });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'classification.propose',
        outcome: 'ok',
        loanKey: loanId,
        reason: `${level} → ${proposal.proposed} (${LOAN_CLASS_NAMES[proposal.proposed]}) proposed for the risk manager's approval: ${proposal.reason}`,
      });
      return { ...result, systemUpgrade: proposal };
    });
  }
}

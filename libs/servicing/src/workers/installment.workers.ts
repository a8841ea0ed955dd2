import { loanPosition } from '@loanflow/domain';
import { JobHandler, JobWorker } from '@loanflow/workflow';
import { Classified, LoanClassifier } from '../classification/loan-classifier';
import { GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { InstallmentRecords, ScheduledDate } from './installment-records';
import { CheckInstallmentInput, NextInstallmentInput } from './servicing-inputs';
import { endOfBeijingDayIso, engineMoment } from './servicing-time';

export interface NextInstallment {
  number: number;
  dueDate: string;
  /** When to look at it: the end of its due date in Beijing. */
  checkAt: string;
}

/** The installment after `lastChecked` (none checked yet: the first), and when to look at it. */
export function installmentAfter(
  schedule: readonly ScheduledDate[],
  lastChecked: number,
): { nextInstallment: NextInstallment | null; installmentsLeft: boolean } {
  const next = schedule.find((line) => line.number > lastChecked);
  return next
    ? {
        nextInstallment: {
          number: next.number,
          dueDate: next.dueDate,
          checkAt: endOfBeijingDayIso(next.dueDate),
        },
        installmentsLeft: true,
      }
    : { nextInstallment: null, installmentsLeft: false };
}

/**
 * The installment the loan's process waits for first, and again after its schedule was revised
 * (an extension, a restructuring, a recall); after a due-date check the check itself says.
 */
@JobWorker({
  type: SERVICING_JOB.nextInstallment,
  description: 'Find the next installment to watch and when to check it (end of its due date).',
  input: NextInstallmentInput,
  outputs: ['nextInstallment', 'installmentsLeft'],
})
export class NextInstallmentWorker implements JobHandler<
  NextInstallmentInput,
  { nextInstallment: NextInstallment | null; installmentsLeft: boolean }
> {
  constructor(private readonly register: InstallmentRecords) {}

  async handle({ loanId, lastCheckedInstallment }: NextInstallmentInput) {
    return installmentAfter(await this.register.schedule(loanId), lastCheckedInstallment ?? 0);
  }
}

export type InstallmentChecked = Classified & {
  lastCheckedInstallment: number;
  installmentPaid: boolean;
  loanSettled: boolean;
  nextInstallment: NextInstallment | null;
  installmentsLeft: boolean;
};

/**
 * An installment at the end of its due date, in one job: paid or missed (and the loan's days past
 * due), the classification rule on the loan's new position (LoanClassifier: the floor, then who
 * holds the collection work), and the next installment to watch. One job per due date instead of
 * three (check, classify, next) is what a servicing book costs the engine each day
 * (docs/operations/sizing.md). It changes the loan's standing, so it runs only where the models
 * place it.
 */
@JobWorker({
  type: SERVICING_JOB.checkInstallment,
  onlyAt: GUARDED_AT.checkInstallment,
  description:
    'Check an installment at the end of its due date (paid, or missed with days past due), apply the five-level floor and find the next installment.',
  input: CheckInstallmentInput,
  outputs: [
    'lastCheckedInstallment',
    'installmentPaid',
    'daysPastDue',
    'loanSettled',
    'classification',
    'nextInstallment',
    'installmentsLeft',
  ],
})
export class CheckInstallmentWorker implements JobHandler<
  CheckInstallmentInput,
  InstallmentChecked
> {
  constructor(
    private readonly register: InstallmentRecords,
    private readonly classifier: LoanClassifier,
  ) {}

  async handle({ loanId, installmentNumber, asOf }: CheckInstallmentInput) {
    const { at, date } = engineMoment(asOf);
    // Money the borrower paid ahead is applied as the installment falls due, before it is judged.
    await this.register.applyAdvance(loanId, date);
    const ledger = await this.register.ledger(loanId);
    const position = loanPosition({ ...ledger, asOf: date });
    // Missed means overdue on the engine's day: unpaid and its due date over. A check that runs
    // before the date has turned (a timer and a payment in the same moment) does not open an episode.
    const paid = !position.overdueInstallments.includes(installmentNumber);
    // The rule reads the position again in its own transaction: a repayment recorded in between
    // is judged with it, as the separate classification step used to.
    const { classification, daysPastDue } = await this.classifier.classifyAndReassess(
      loanId,
      at,
      date,
      false,
    );
    return {
      lastCheckedInstallment: installmentNumber,
      installmentPaid: paid,
      daysPastDue,
      loanSettled: position.settled,
      classification,
      ...installmentAfter(ledger.installments, installmentNumber),
    };
  }
}

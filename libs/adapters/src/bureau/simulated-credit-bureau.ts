import { createHash } from 'node:crypto';
import type { BureauQuery, BureauReport, CreditBureau } from './credit-bureau';

/**
 * People the simulated bureau knows by name, so demos and tests can pick a profile. Everyone else
 * gets a report derived from a hash of their ID number: the same person always gets the same answer.
 */
export const SIMULATED_BUREAU_PROFILES: Readonly<Record<string, BureauReport>> = {
  // A clean record: scores grade A or B with a modest debt-to-income.
  '33010619900101123X': {
    score: 780,
    overdueAccounts: 0,
    maxDaysOverdue: 0,
    inquiriesLast6Months: 1,
    monthlyDebtPayments: '1200.00',
  },
  // Past trouble: scores grade D.
  '330106198001015017': {
    score: 520,
    overdueAccounts: 2,
    maxDaysOverdue: 95,
    inquiriesLast6Months: 9,
    monthlyDebtPayments: '9000.00',
  },
};

export class SimulatedCreditBureau implements CreditBureau {
  readonly source = 'simulated-bureau';

  query({ idNumber }: BureauQuery): Promise<BureauReport> {
    return Promise.resolve(LATER_REPORTS.get(idNumber) ?? simulatedBureauReport(idNumber));
  }
}

/**
 * What the simulated bureau has learnt about a person since (new overdue elsewhere, a lower score):
 * from now on every query about them answers this. Kept per process, for demos and tests, which
 * stand in for the lenders that report to the bureau; a real bureau has its own news.
 */
const LATER_REPORTS = new Map<string, BureauReport>();

export function reportToSimulatedBureau(idNumber: string, report: BureauReport): void {
  LATER_REPORTS.set(idNumber, { ...report });
}

/** The simulated bureau's answer about one person (what a demo or a test may rely on). */
export function simulatedBureauReport(idNumber: string): BureauReport {
  const known = SIMULATED_BUREAU_PROFILES[idNumber];
  if (known) return { ...known };
  const digest = createHash('sha256').update(idNumber).digest();
  const score = 600 + (digest.readUInt16BE(0) % 250);
  const troubled = digest.readUInt8(2) % 10 === 0;
  return {
    score,
    overdueAccounts: troubled ? 1 : 0,
    maxDaysOverdue: troubled ? 15 + (digest.readUInt8(3) % 60) : 0,
    inquiriesLast6Months: digest.readUInt8(4) % 6,
    monthlyDebtPayments: `${(digest.readUInt16BE(5) % 40) * 100}.00`,
  };
}

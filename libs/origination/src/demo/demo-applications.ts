import { randomInt } from 'node:crypto';
import { simulatedBureauReport } from '@loanflow/adapters';
import { beijingDate, checkCharacter } from '@loanflow/domain';
/**
 * Sample applications and task answers of the demo bank: what `loanflow demo-loans` files through
 * the API, and what the tests and the bench drive loans with.
 */

export const FORM = {
  investigation: 'loanflow:investigation-report',
  review: 'loanflow:review-opinion',
  approval: 'loanflow:approval-decision',
  contracts: 'loanflow:contract-signing',
  collateral: 'loanflow:collateral-registration',
  disbursementCheck: 'loanflow:disbursement-check',
} as const;

/** The simulated bureau knows this applicant: a clean record (see SIMULATED_BUREAU_PROFILES). */
export const CLEAN_APPLICANT = {
  name: '张伟 Zhang Wei',
  idNumber: '33010619900101123X',
  birthDate: '1990-01-01',
  phone: '13800138000',
  employer: '杭州某科技有限公司',
  monthlyIncome: '60000.00',
  monthlyDebtPayments: '1200.00',
};

const issuedIdNumbers = new Set<string>();

/**
 * Another person with CLEAN_APPLICANT's standing: of an age in the same band, a clean report in the same
 * bands of the scorecard (bureau score 750 or more, nothing overdue, at most 2 inquiries, at most
 * 1,200.00 of debts), hence the same grade. Each call is a new ID number, never one this process
 * gave before, so that the loans one test or bench files never count as another's existing
 * exposure with the bank (drawn at random, a repeat came in two or three runs of 120 bench loans
 * in a hundred, and sent a loan to a higher authority than its bot approves at).
 */
export function freshApplicant(overrides: Partial<typeof CLEAN_APPLICANT> = {}) {
  for (;;) {
    // Born on a day of 1985–1995 (the scorecard's 25–50 age band until 2035), any sequence code.
    const birthDate = new Date(Date.UTC(1985, 0, 1) + randomInt(0, 4000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const sequence = String(randomInt(0, 1000)).padStart(3, '0');
    const first17 = `330106${birthDate.replace(/-/g, '')}${sequence}`;
    const idNumber = first17 + checkCharacter(first17);
    if (idNumber === CLEAN_APPLICANT.idNumber || issuedIdNumbers.has(idNumber)) continue;
    const report = simulatedBureauReport(idNumber);
    if (
      report.score >= 750 &&
      report.overdueAccounts === 0 &&
      report.maxDaysOverdue === 0 &&
      report.inquiriesLast6Months <= 2 &&
      Number(report.monthlyDebtPayments) <= 1200
    ) {
      issuedIdNumbers.add(idNumber);
      return { ...CLEAN_APPLICANT, idNumber, birthDate, ...overrides };
    }
  }
}

/**
 * A small but valid PDF (its bytes say PDF) standing for a scanned paper of one kind: what the
 * demo and the tests upload, since the checks read uploaded papers and not declared ones.
 */
export function samplePaper(kind: string): { kind: string; fileName: string; bytes: Buffer } {
  const text = `%PDF-1.4\n% LoanFlow sample paper: ${kind}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return { kind, fileName: `${kind}.pdf`, bytes: Buffer.from(text, 'utf8') };
}

/** The papers of an application: a sample file of each kind it lists in `documents`. */
export function papersOf(application: object) {
  const kinds = (application as { documents?: unknown }).documents;
  return Array.isArray(kinds) ? kinds.map((kind) => samplePaper(String(kind))) : [];
}

/** The upload kinds the disbursement conditions read (see disbursement-conditions). */
export const SIGNED_CONTRACT_PAPER = 'contract';
export const REGISTRATION_CERTIFICATE_PAPER = 'collateral-certificate';

export const GUARANTOR = {
  name: '张丽 Zhang Li',
  idNumber: '330106198502022346',
  phone: '13900139000',
  monthlyIncome: '20000.00',
  relation: 'sibling',
};

const BASE_DOCUMENTS = ['id-card', 'income-proof', 'credit-authorization', 'purpose-evidence'];

/**
 * A consumer credit loan from the Xihu sub-branch, complete and acceptable, by a fresh applicant
 * of CLEAN_APPLICANT's standing (pass `applicant` to choose the person).
 */
export function creditApplication(overrides: Record<string, unknown> = {}) {
  return {
    applicant: freshApplicant(),
    product: 'consumer',
    amount: '200000.00',
    termMonths: 36,
    purpose: 'home renovation: contract with 杭州某装饰公司',
    guaranteeType: 'credit',
    payment: {
      method: 'entrusted',
      payeeName: '杭州某装饰工程有限公司',
      payeeAccount: '6222020200112233445',
    },
    documents: BASE_DOCUMENTS,
    ...overrides,
  };
}

export function guarantorApplication(overrides: Record<string, unknown> = {}) {
  return creditApplication({
    guaranteeType: 'guarantor',
    guarantors: [GUARANTOR],
    documents: [...BASE_DOCUMENTS, 'guarantor-id-card', 'guarantor-income-proof'],
    ...overrides,
  });
}

export function mortgageApplication(overrides: Record<string, unknown> = {}) {
  // The applicant's own home: the owner is the applicant (someone else's needs their consent).
  const applicant = (overrides.applicant as typeof CLEAN_APPLICANT | undefined) ?? freshApplicant();
  return creditApplication({
    applicant,
    product: 'housing',
    amount: '1500000.00',
    termMonths: 240,
    purpose: 'first home: 杭州市西湖区文三路 100 号 2 幢 501 室',
    guaranteeType: 'mortgage',
    collateral: [
      {
        kind: 'property',
        description: '杭州市西湖区文三路 100 号 2 幢 501 室, 98 m²',
        ownerName: applicant.name,
        ownerIdNumber: applicant.idNumber,
        appraisedValue: '3200000.00',
      },
    ],
    payment: {
      method: 'entrusted',
      payeeName: '王某 (seller)',
      payeeAccount: '6217000010002223334',
    },
    documents: [
      ...BASE_DOCUMENTS,
      'house-purchase-contract',
      'down-payment-receipt',
      'collateral-ownership-certificate',
      'collateral-valuation-report',
    ],
    ...overrides,
  });
}

export function approvalOf(amount: string, termMonths: number, annualRate = '0.0435') {
  return {
    decision: 'approve',
    amount,
    termMonths,
    annualRate,
    reasons: 'stable income, low DTI, purpose verified',
  };
}

export const RELEASE = {
  decision: 'release',
  contractsInForce: true,
  collateralRegistered: true,
  paymentMethodAllowed: true,
};

const today = (): string => beijingDate(new Date());

export function contractsFor(loanId: string, guarantorIds: string[] = [], secured = false) {
  const suffix = loanId.slice(-6);
  return {
    loanContractNo: `HT-${suffix}-L`,
    borrowerSigned: true,
    signedOn: today(),
    guaranteeContracts: guarantorIds.map((id, i) => ({
      guarantorIdNumber: id,
      contractNo: `HT-${suffix}-G${i + 1}`,
    })),
    ...(secured && { collateralContractNo: `HT-${suffix}-M` }),
  };
}

export const REGISTRATION = {
  certificateNo: '浙(2026)杭州市不动产证明第0123456号',
  registryOffice: '杭州市不动产登记中心',
  registeredOn: today(),
  certificateHandedOver: true,
};

export const GOOD_INVESTIGATION = {
  interviewDone: true,
  purposeVerified: true,
  incomeVerified: true,
  monthlyIncome: '28000.00',
  monthlyDebtPayments: '4200.00',
  opinion: 'recommend',
  remarks: 'Met the applicant at the branch; renovation contract and salary slips checked.',
  // Ignored for a loan without guarantors; a loan with them is recommended only so.
  guarantorsVerified: true,
  guarantorAssessment:
    'Guarantor met in person; salary slips and credit report checked, willing to guarantee.',
};

export const PASSING_REVIEW = {
  outcome: 'pass',
  legalityChecked: true,
  complianceChecked: true,
  transactionAuthentic: true,
  collateralStatusChecked: true,
  relatedPartyAnomalies: false,
};

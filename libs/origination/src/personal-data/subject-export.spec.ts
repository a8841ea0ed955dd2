import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { UnitScope } from '@loanflow/identity';
import {
  LoanCollateralEntity,
  LoanContractEntity,
  LoanEntity,
  LoanPartyEntity,
  NotificationEntity,
  RepaymentEntity,
} from '@loanflow/persistence';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { SubjectExport } from './subject-export';
import { LoanHoldings, SubjectExportRecords } from './subject-export-records';

const HZ = 'SB-HZ-XH';
const NB = 'SB-NB-HS';
/** The person asking for their copy: 张伟, applicant on two loans and guarantor on a third. */
const SUBJECT = '33010619900101123X';
/** 李娜, the applicant of the loan 张伟 guarantees. */
const OTHER = '330106198505051249';
const OWN = 'LN20270301-AAAAAA';
const GUARANTEED = 'LN20270302-BBBBBB';
const ELSEWHERE = 'LN20270303-CCCCCC';
const REASON = 'written request of the customer dated 2027-03-01, ref. PI-2027-0012';

const branch: UnitScope = { all: false, unitCodes: [HZ] };
const chen = staffPrincipal('chen.mgr', ['center-manager'], HZ);

function loan(id: string, branchCode: string, over: Partial<LoanEntity> = {}): LoanEntity {
  return Object.assign(new LoanEntity(), {
    id,
    branchCode,
    status: 'disbursed',
    product: 'housing',
    requestedAmountMinor: '50000000',
    createdAt: new Date('2027-03-01T02:00:00Z'),
    personalDataPurgedAt: null,
    payeeName: '张伟',
    payeeAccount: '6222021202000123456',
    ...over,
  });
}

function party(id: string, loanId: string, role: 'applicant' | 'guarantor', idNumber: string) {
  return Object.assign(new LoanPartyEntity(), {
    id,
    loanId,
    role,
    name: idNumber === SUBJECT ? '张伟' : '李娜',
    idNumber,
    birthDate: idNumber === SUBJECT ? '1990-01-01' : '1985-05-05',
    phone: idNumber === SUBJECT ? '13812345678' : '13987654321',
    address: '杭州市西湖区文三路 1 号',
    employer: null,
    monthlyIncomeMinor: '2000000',
    monthlyDebtMinor: '150000',
  });
}

/** The register in memory; every read is logged with what it was asked for. */
class FakeExportRecords extends SubjectExportRecords {
  readonly calls: string[] = [];
  loanRows = [
    loan(OWN, HZ),
    loan(GUARANTEED, HZ, { payeeName: '李娜', payeeAccount: '6222021202000999999' }),
    loan(ELSEWHERE, NB),
  ];
  partyRows = [
    party('1', OWN, 'applicant', SUBJECT),
    party('2', GUARANTEED, 'applicant', OTHER),
    party('3', GUARANTEED, 'guarantor', SUBJECT),
    party('4', ELSEWHERE, 'applicant', SUBJECT),
  ];
  held: LoanHoldings = {
    collateral: [
      Object.assign(new LoanCollateralEntity(), {
        loanId: OWN,
        kind: 'real-estate',
        description: '文三路 1 号 301 室',
        ownerName: '张伟',
        ownerIdNumber: SUBJECT,
      }),
      Object.assign(new LoanCollateralEntity(), {
        loanId: OWN,
        kind: 'vehicle',
        description: '浙A12345',
        ownerName: '李娜',
        ownerIdNumber: OTHER,
      }),
      Object.assign(new LoanCollateralEntity(), {
        loanId: GUARANTEED,
        kind: 'real-estate',
        description: '李娜的房产',
        ownerName: '李娜',
        ownerIdNumber: OTHER,
      }),
    ],
    contracts: [
      Object.assign(new LoanContractEntity(), {
        loanId: OWN,
        kind: 'loan' as const,
        contractNo: 'HT-2027-001',
        partyIdNumber: SUBJECT,
        effectiveFrom: '2027-03-05',
      }),
      Object.assign(new LoanContractEntity(), {
        loanId: GUARANTEED,
        kind: 'loan' as const,
        contractNo: 'HT-2027-002',
        partyIdNumber: OTHER,
        effectiveFrom: '2027-03-06',
      }),
      Object.assign(new LoanContractEntity(), {
        loanId: GUARANTEED,
        kind: 'guarantee' as const,
        contractNo: 'BZ-2027-002',
        partyIdNumber: SUBJECT,
        effectiveFrom: '2027-03-06',
      }),
    ],
    notifications: [
      Object.assign(new NotificationEntity(), {
        loanId: OWN,
        kind: 'decision',
        channel: 'sms',
        subject: '贷款审批结果',
        sentAt: new Date('2027-03-04T02:00:00Z'),
      }),
      Object.assign(new NotificationEntity(), {
        loanId: GUARANTEED,
        kind: 'decision',
        channel: 'sms',
        subject: '李娜的审批结果',
        sentAt: new Date('2027-03-04T03:00:00Z'),
      }),
    ],
    repayments: [
      Object.assign(new RepaymentEntity(), {
        loanId: OWN,
        amountMinor: '432100',
        paidAt: new Date('2027-04-05T02:00:00Z'),
        channel: 'auto-debit',
        state: 'applied' as const,
      }),
      Object.assign(new RepaymentEntity(), {
        loanId: GUARANTEED,
        amountMinor: '999900',
        paidAt: new Date('2027-04-06T02:00:00Z'),
        channel: 'counter',
        state: 'applied' as const,
      }),
    ],
  };

  async partiesWithIdNumber(idNumber: string): Promise<LoanPartyEntity[]> {
    this.calls.push(`parties ${idNumber}`);
    return this.partyRows.filter((p) => p.idNumber === idNumber);
  }
  async loans(loanIds: readonly string[]): Promise<LoanEntity[]> {
    this.calls.push(`loans ${loanIds.join(',')}`);
    return this.loanRows.filter((l) => loanIds.includes(l.id));
  }
  async holdings(loanIds: readonly string[]): Promise<LoanHoldings> {
    this.calls.push(`holdings ${loanIds.join(',')}`);
    const of = <T extends { loanId: string | null }>(rows: T[]) =>
      rows.filter((row) => row.loanId !== null && loanIds.includes(row.loanId));
    return {
      collateral: of(this.held.collateral),
      contracts: of(this.held.contracts),
      notifications: of(this.held.notifications),
      repayments: of(this.held.repayments),
    };
  }
}

function exporter(records = new FakeExportRecords()) {
  const audited: AuditAct[] = [];
  const audit = {
    record: async (act: AuditAct) => void audited.push(act),
  } as unknown as AuditTrail;
  return { service: new SubjectExport(records, audit), records, audited };
}

describe('a subject export (PIPL art. 45)', () => {
  it('exports, in full, what the bank holds about the person on the loans of the caller’s units', async () => {
    const { service } = exporter();
    const view = await service.export(chen, branch, { idNumber: SUBJECT, reason: REASON });
    expect(view.exportedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(view.loans).toEqual([
      {
        loanId: OWN,
        roles: ['applicant'],
        status: 'disbursed',
        product: 'housing',
        requestedAmount: '500000.00',
        branchCode: HZ,
        createdAt: '2027-03-01T02:00:00.000Z',
        personalDataPurgedAt: null,
        party: [
          {
            role: 'applicant',
            name: '张伟',
            idNumber: SUBJECT,
            birthDate: '1990-01-01',
            phone: '13812345678',
            address: '杭州市西湖区文三路 1 号',
            employer: null,
            monthlyIncome: '20000.00',
            monthlyDebtPayments: '1500.00',
          },
        ],
        payee: { name: '张伟', account: '6222021202000123456' },
        collateralOwned: [
          { kind: 'real-estate', description: '文三路 1 号 301 室', ownerName: '张伟' },
        ],
        contracts: [{ kind: 'loan', contractNo: 'HT-2027-001', effectiveFrom: '2027-03-05' }],
        notices: [
          {
            kind: 'decision',
            channel: 'sms',
            subject: '贷款审批结果',
            sentAt: '2027-03-04T02:00:00.000Z',
          },
        ],
        repayments: [
          {
            amount: '4321.00',
            paidAt: '2027-04-05T02:00:00.000Z',
            channel: 'auto-debit',
            state: 'applied',
          },
        ],
      },
      expect.objectContaining({ loanId: GUARANTEED, roles: ['guarantor'] }) as unknown,
    ]);
  });

  it('gives a guarantor their own part only: no payee, notices or payments of the applicant, nor the applicant’s data', async () => {
    const { service } = exporter();
    const view = await service.export(chen, branch, { idNumber: SUBJECT, reason: REASON });
    const guaranteed = view.loans.find((l) => l.loanId === GUARANTEED);
    expect(guaranteed).toMatchObject({
      roles: ['guarantor'],
      party: [{ role: 'guarantor', name: '张伟', idNumber: SUBJECT }],
      payee: null,
      collateralOwned: [],
      contracts: [{ kind: 'guarantee', contractNo: 'BZ-2027-002', effectiveFrom: '2027-03-06' }],
      notices: [],
      repayments: [],
    });
    expect(JSON.stringify(view)).not.toContain(OTHER);
    expect(JSON.stringify(view)).not.toContain('李娜');
  });

  it('leaves out loans booked outside the caller’s units, reading nothing more of them', async () => {
    const { service, records } = exporter();
    const view = await service.export(chen, branch, { idNumber: SUBJECT, reason: REASON });
    expect(view.loans.map((l) => l.loanId)).toEqual([OWN, GUARANTEED]);
    expect(records.calls).toEqual([
      `parties ${SUBJECT}`,
      `loans ${OWN},${GUARANTEED},${ELSEWHERE}`,
      `holdings ${OWN},${GUARANTEED}`,
    ]);
    const everywhere = await exporter().service.export(
      staffPrincipal('zhao.ho', ['center-manager'], 'HO'),
      { all: true, unitCodes: [] },
      { idNumber: SUBJECT, reason: REASON },
    );
    expect(everywhere.loans.map((l) => l.loanId)).toEqual([OWN, GUARANTEED, ELSEWHERE]);
  });

  it('audits the export with the request it answers, the ID number masked, and how many loans', async () => {
    const { service, audited } = exporter();
    await service.export(chen, branch, { idNumber: SUBJECT.toLowerCase(), reason: REASON });
    expect(audited).toEqual([
      {
        actor: { username: 'chen.mgr', roles: ['center-manager'], orgUnitCode: HZ },
        action: 'personal-data.export',
        outcome: 'ok',
        reason: `personal data of the holder of ID 330106********123X exported (2 loans in ${HZ} and below): ${REASON}`,
      },
    ]);
  });

  it('looks the number up in capitals: a lower-case check x finds the same person', async () => {
    const { service, records } = exporter();
    const view = await service.export(chen, branch, {
      idNumber: SUBJECT.toLowerCase(),
      reason: REASON,
    });
    expect(records.calls[0]).toBe(`parties ${SUBJECT}`);
    expect(view.loans).toHaveLength(2);
  });

  it('still audits an export that finds nobody, and reads no loan for it', async () => {
    const { service, records, audited } = exporter();
    const view = await service.export(chen, branch, {
      idNumber: '330106198808080012',
      reason: REASON,
    });
    expect(view.loans).toEqual([]);
    expect(records.calls).toEqual(['parties 330106198808080012']);
    expect(audited.map((act) => act.reason)).toEqual([
      `personal data of the holder of ID 330106********0012 exported (0 loans in ${HZ} and below): ${REASON}`,
    ]);
  });

  it('audits an export whose loans are all outside the units as one of 0 loans, reading none of their holdings', async () => {
    const { service, records, audited } = exporter();
    const nb = await service.export(
      staffPrincipal('he.mgr', ['center-manager'], NB),
      { all: false, unitCodes: [NB] },
      { idNumber: OTHER, reason: REASON },
    );
    expect(nb.loans).toEqual([]);
    expect(records.calls).toEqual([`parties ${OTHER}`, `loans ${GUARANTEED}`]);
    expect(audited[0]?.reason).toMatch(/\(0 loans in SB-NB-HS and below\)/);
  });

  it('refuses a number that is no resident identity number, on the field, reading and auditing nothing', async () => {
    const { service, records, audited } = exporter();
    await expect(
      service.export(chen, branch, { idNumber: '330106199001011230', reason: REASON }),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      message: 'idNumber is not a valid resident identity number.',
      details: {
        fieldErrors: [{ field: 'idNumber', reasons: ['not a valid resident identity number'] }],
      },
    });
    expect(records.calls).toEqual([]);
    expect(audited).toEqual([]);
  });
});

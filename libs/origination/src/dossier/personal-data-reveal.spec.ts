import type { AuditAct, AuditTrail } from '@loanflow/audit';
import { LoanCollateralEntity, LoanEntity, LoanPartyEntity } from '@loanflow/persistence';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { PersonalDataReveal } from './personal-data-reveal';
import { PersonalDataRevealRecords } from './personal-data-reveal-records';
import type { RevealRequest } from './reveal.request';

const LOAN = 'LN20270301-7QK2M4';
const OTHER_LOAN = 'LN20270302-9ZP1X8';
const REASON = 'calling the borrower back about the missed installment';

/** Two loans in memory: each with its applicant, guarantor and collateral. */
class FakeRevealRecords extends PersonalDataRevealRecords {
  readonly loanRows = [
    Object.assign(new LoanEntity(), { id: LOAN, payeeAccount: '6222021202000123456' }),
    Object.assign(new LoanEntity(), { id: OTHER_LOAN, payeeAccount: null }),
  ];
  readonly partyRows = [
    Object.assign(new LoanPartyEntity(), {
      id: '11',
      loanId: LOAN,
      role: 'applicant' as const,
      idNumber: '330106199001011237',
      phone: '13812345678',
    }),
    Object.assign(new LoanPartyEntity(), {
      id: '12',
      loanId: LOAN,
      role: 'guarantor' as const,
      idNumber: '33010619850505123X',
      phone: '13987654321',
    }),
    Object.assign(new LoanPartyEntity(), {
      id: '21',
      loanId: OTHER_LOAN,
      role: 'applicant' as const,
      idNumber: '330106197707071234',
      phone: '13700000000',
    }),
  ];
  readonly collateralRows = [
    Object.assign(new LoanCollateralEntity(), {
      id: '31',
      loanId: LOAN,
      ownerIdNumber: '330106196001011111',
    }),
    Object.assign(new LoanCollateralEntity(), {
      id: '41',
      loanId: OTHER_LOAN,
      ownerIdNumber: '330106196202022222',
    }),
  ];

  async loan(loanId: string) {
    return this.loanRows.find((loan) => loan.id === loanId) ?? null;
  }
  async collateral(collateralId: string, loanId: string) {
    return this.collateralRows.find((c) => c.id === collateralId && c.loanId === loanId) ?? null;
  }
  async party(partyId: string, loanId: string) {
    return this.partyRows.find((p) => p.id === partyId && p.loanId === loanId) ?? null;
  }
}

const li = staffPrincipal('li.cm', ['customer-manager'], 'SB-HZ-XH');

function reveal() {
  const audited: AuditAct[] = [];
  const audit = {
    record: async (act: AuditAct) => void audited.push(act),
  } as unknown as AuditTrail;
  return { service: new PersonalDataReveal(new FakeRevealRecords(), audit), audited };
}

const ask = (over: Partial<RevealRequest>): RevealRequest => ({
  field: 'idNumber',
  reason: REASON,
  ...over,
});

describe('revealing one identifier of a loan in full', () => {
  it('answers a party’s ID number and audits who saw which field of whom, and why', async () => {
    const { service, audited } = reveal();
    const view = await service.reveal(li, LOAN, ask({ partyId: '12' }));
    expect(view).toEqual({ loanId: LOAN, field: 'idNumber', value: '33010619850505123X' });
    expect(audited).toEqual([
      {
        actor: { username: 'li.cm', roles: ['customer-manager'], orgUnitCode: 'SB-HZ-XH' },
        action: 'personal-data.reveal',
        outcome: 'ok',
        loanKey: LOAN,
        inputs: { field: 'idNumber', partyId: '12', collateralId: undefined },
        reason: `idNumber of the guarantor (party 12) revealed: ${REASON}`,
      },
    ]);
  });

  it('answers a party’s phone, the payee account and a collateral owner’s ID number, each audited', async () => {
    const { service, audited } = reveal();
    expect((await service.reveal(li, LOAN, ask({ field: 'phone', partyId: '11' }))).value).toBe(
      '13812345678',
    );
    expect((await service.reveal(li, LOAN, ask({ field: 'payeeAccount' }))).value).toBe(
      '6222021202000123456',
    );
    expect(
      (await service.reveal(li, LOAN, ask({ field: 'ownerIdNumber', collateralId: '31' }))).value,
    ).toBe('330106196001011111');
    expect(audited.map((act) => act.reason)).toEqual([
      `phone of the applicant (party 11) revealed: ${REASON}`,
      `payeeAccount of the payee revealed: ${REASON}`,
      `ownerIdNumber of the owner of collateral 31 revealed: ${REASON}`,
    ]);
    expect(audited[2]?.inputs).toEqual({
      field: 'ownerIdNumber',
      partyId: undefined,
      collateralId: '31',
    });
  });

  it('refuses another loan’s party or collateral, on the field, revealing and auditing nothing', async () => {
    const { service, audited } = reveal();
    await expect(service.reveal(li, LOAN, ask({ partyId: '21' }))).rejects.toThrowDomainError(
      'VALIDATION_FAILED',
      {
        message: `partyId is not one of loan ${LOAN}'s.`,
        details: { fieldErrors: [{ field: 'partyId', reasons: [`not one of loan ${LOAN}'s`] }] },
      },
    );
    await expect(
      service.reveal(li, LOAN, ask({ field: 'ownerIdNumber', collateralId: '41' })),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^collateralId is not one of/ });
    expect(audited).toEqual([]);
  });

  it('refuses a party or collateral not named, and a payee account the loan does not have', async () => {
    const { service, audited } = reveal();
    await expect(service.reveal(li, LOAN, ask({ field: 'phone' }))).rejects.toThrowDomainError(
      'VALIDATION_FAILED',
      { message: /^partyId / },
    );
    await expect(
      service.reveal(li, LOAN, ask({ field: 'ownerIdNumber', partyId: '11' })),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^collateralId / });
    await expect(
      service.reveal(li, OTHER_LOAN, ask({ field: 'payeeAccount' })),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      message: `payeeAccount is not one of loan ${OTHER_LOAN}'s.`,
    });
    await expect(
      service.reveal(li, 'LN20990101-NOSUCH', ask({ field: 'payeeAccount' })),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^payeeAccount / });
    expect(audited).toEqual([]);
  });
});

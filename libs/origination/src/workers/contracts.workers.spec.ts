import { SYSTEM_ACTOR } from '@loanflow/audit';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { LoanPartyEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';
import { jobContext } from '@loanflow/test-support/job-context';
import { JOB } from '../origination.contract';
import {
  RecordCollateralRegistrationInput,
  RecordCollateralRegistrationWorker,
  RecordContractsInput,
  RecordContractsWorker,
} from './contracts.workers';
import { APPLICATION, FakeDecisionRecords } from './decision-records.fixture';

const APPLICANT_ID = '330106199001011234';
const GUARANTOR_ID = '330106198505054321';

function signing(register: FakeDecisionRecords) {
  const loan = register.loanIn('approved', { guaranteeType: 'guarantor' });
  const party = (id: string, role: string, idNumber: string) =>
    Object.assign(new LoanPartyEntity(), { id, loanId: APPLICATION, role, idNumber });
  const file = () =>
    Promise.resolve({
      loan,
      applicant: party('21', 'applicant', APPLICANT_ID),
      guarantors: [party('22', 'guarantor', GUARANTOR_ID)],
      collateral: [],
      contracts: [],
      documentKinds: [],
    } as LoanFile);
  const records = {
    fileForJob: file,
    withPartiesForJob: file,
  } as unknown as LoanRecords;
  const worker = new RecordContractsWorker(register, records);
  const sign = (jobKey: string, loanContractNo = 'HT-4TQ8W1-L', guarantorPartyId = '22') =>
    worker.handle(
      Object.assign(new RecordContractsInput(), {
        loanId: APPLICATION,
        contracts: {
          loanContractNo,
          signedOn: '2026-04-18',
          guaranteeContracts: [{ guarantorPartyId, contractNo: 'HT-4TQ8W1-G1' }],
          by: 'li.cm',
        },
      }),
      jobContext({ type: JOB.recordContracts, jobKey }),
    );
  return { records, sign };
}

describe('recording the signed contracts (origination.record-contracts)', () => {
  it('files each contract with the party who signed it, effective from the signing day', async () => {
    const register = new FakeDecisionRecords();
    await signing(register).sign('1');
    expect(register.contracts).toEqual([
      expect.objectContaining({
        kind: 'loan',
        contractNo: 'HT-4TQ8W1-L',
        partyIdNumber: APPLICANT_ID,
        effectiveFrom: '2026-04-18',
      }),
      expect.objectContaining({
        kind: 'guarantee',
        contractNo: 'HT-4TQ8W1-G1',
        partyIdNumber: GUARANTOR_ID,
      }),
    ]);
    expect(register.contracts[0]?.signedAt).toEqual(new Date('2026-04-17T16:00:00.000Z'));
    expect(register.loan()?.status).toBe('contracts-signed');
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'contracts.record',
        outcome: 'ok',
        loanKey: APPLICATION,
        reason:
          '2 contract(s) signed on 2026-04-18 recorded: loan HT-4TQ8W1-L, guarantee HT-4TQ8W1-G1 (signing by li.cm)',
      },
    ]);
  });

  it('records once per job, and a re-signing (a new job) replaces the set', async () => {
    const register = new FakeDecisionRecords();
    const { sign } = signing(register);
    await sign('1');
    await sign('1');
    expect(register.audited).toHaveLength(1);
    await sign('2', 'HT-4TQ8W1-L2');
    expect(register.contracts.map((c) => c.contractNo)).toEqual(['HT-4TQ8W1-L2', 'HT-4TQ8W1-G1']);
  });

  it('refuses, keeping none of them, a contract number another loan holds', async () => {
    const register = new FakeDecisionRecords();
    register.numbersTaken.add('HT-4TQ8W1-G1');
    await expect(signing(register).sign('1')).rejects.toThrow(
      new NonRetryableJobError(
        `contract number HT-4TQ8W1-G1 of loan ${APPLICATION} is already used by another loan: correct it and retry the job`,
      ),
    );
    expect(register.contracts).toEqual([]);
    expect(register.loan()?.status).toBe('approved');
  });

  it('refuses a guarantee contract for someone who is not the loan’s guarantor', async () => {
    const register = new FakeDecisionRecords();
    await expect(signing(register).sign('1', 'HT-4TQ8W1-L', '99')).rejects.toThrow(
      new NonRetryableJobError(`party 99 is not a guarantor of loan ${APPLICATION}`),
    );
    expect(register.audited).toEqual([]);
  });
});

describe('recording the collateral registration (origination.record-collateral-registration)', () => {
  it('puts the certificate on the loan’s collateral once per job', async () => {
    const register = new FakeDecisionRecords();
    const { records } = signing(register);
    const worker = new RecordCollateralRegistrationWorker(register, records);
    const input = Object.assign(new RecordCollateralRegistrationInput(), {
      loanId: APPLICATION,
      collateralRegistration: {
        certificateNo: '浙(2026)杭州市不动产证明第0123456号',
        registryOffice: '杭州市不动产登记中心',
        registeredOn: '2026-04-20',
        by: 'wu.mc',
      },
    });
    await worker.handle(input, jobContext({ type: JOB.recordCollateralRegistration, jobKey: '7' }));
    await worker.handle(input, jobContext({ type: JOB.recordCollateralRegistration, jobKey: '7' }));
    expect(register.registrations).toEqual([
      {
        loanId: APPLICATION,
        certificateNo: '浙(2026)杭州市不动产证明第0123456号',
        registryOffice: '杭州市不动产登记中心',
        registeredAt: new Date('2026-04-19T16:00:00.000Z'),
        registeredBy: 'wu.mc',
      },
    ]);
    expect(register.loan()?.status).toBe('collateral-registered');
    expect(register.audited).toHaveLength(1);
  });
});

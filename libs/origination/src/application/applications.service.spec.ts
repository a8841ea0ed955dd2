import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { Directory } from '@loanflow/identity';
import { LoanEntity, LoanPartyEntity, OrgUnitEntity } from '@loanflow/persistence';
import type { ZeebeClient } from '@loanflow/workflow';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { creditApplication, GUARANTOR, guarantorApplication } from '../demo/demo-applications';
import type { LoanDocumentsService } from '../documents/loan-documents.service';
import { ORIGINATION_PROCESS_ID } from '../origination.contract';
import { ApplicationRecords, FiledApplication, NewApplication } from './application-records';
import type { ApplicationRequest } from './application.request';
import { ApplicationsService } from './applications.service';

/** Applications in memory: what was filed, started and discarded, in order. */
class FakeApplicationRecords extends ApplicationRecords {
  readonly filed = new Map<string, NewApplication>();
  readonly steps: string[] = [];
  readonly acts: AuditAct[] = [];

  file(application: NewApplication): Promise<FiledApplication> {
    this.filed.set(application.loan.id, application);
    this.steps.push(`file ${application.loan.id}`);
    let party = 0;
    const row = (person: NewApplication['applicant']) =>
      Object.assign(new LoanPartyEntity(), {
        ...person,
        id: String(++party),
        loanId: application.loan.id,
      });
    return Promise.resolve({
      loan: Object.assign(new LoanEntity(), application.loan),
      applicant: row(application.applicant),
      guarantors: application.guarantors.map(row),
    });
  }
  recordStarted(loanId: string, processInstanceKey: string, act: AuditAct): Promise<void> {
    this.steps.push(`started ${loanId} as ${processInstanceKey}`);
    this.acts.push(act);
    return Promise.resolve();
  }
  discard(loanId: string): Promise<void> {
    this.filed.delete(loanId);
    this.steps.push(`discard ${loanId}`);
    return Promise.resolve();
  }
}

const manager = staffPrincipal('li.cm', ['customer-manager'], 'SB-HZ-XH', '/HO/BR-HZ/SB-HZ-XH/');

function intake(register: FakeApplicationRecords, broker: 'up' | 'down' = 'up') {
  const refused: AuditAct[] = [];
  const audit = {
    record: (act: AuditAct) => Promise.resolve(void refused.push(act)),
  } as unknown as AuditTrail;
  const units: Record<string, Partial<OrgUnitEntity>> = {
    'SB-HZ-XH': { code: 'SB-HZ-XH', path: '/HO/BR-HZ/SB-HZ-XH/' },
    'BR-NB': { code: 'BR-NB', path: '/HO/BR-NB/' },
  };
  const directory = {
    orgUnit: (code: string) => Promise.resolve(units[code]),
  } as unknown as Directory;
  const documents = {} as LoanDocumentsService;
  const started: unknown[] = [];
  const zeebe = {
    createProcessInstance: (request: unknown) => {
      started.push(request);
      return broker === 'up'
        ? Promise.resolve({ processInstanceKey: '2251799813690001' })
        : Promise.reject(new Error('14 UNAVAILABLE: No connection established'));
    },
  } as unknown as ZeebeClient;
  const service = new ApplicationsService(register, directory, audit, documents, zeebe);
  return { service, refused, started };
}

describe('taking an application', () => {
  it('files the loan as submitted, then starts its origination instance, then records it', async () => {
    const register = new FakeApplicationRecords();
    const { service, started } = intake(register);
    const request = guarantorApplication() as unknown as ApplicationRequest;
    const { loanId, processInstanceKey } = await service.submit(manager, request);
    expect(register.steps).toEqual([
      `file ${loanId}`,
      `started ${loanId} as ${processInstanceKey}`,
    ]);
    const filed = register.filed.get(loanId)!;
    expect(filed.loan).toMatchObject({
      branchCode: 'SB-HZ-XH',
      customerManager: 'li.cm',
      status: 'submitted',
      requestedAmountMinor: '20000000',
      requestedTermMonths: 36,
      payeeName: '杭州某装饰工程有限公司',
    });
    expect(filed.applicant).toMatchObject({ role: 'applicant', monthlyDebtMinor: '120000' });
    expect(filed.guarantors).toEqual([
      expect.objectContaining({
        role: 'guarantor',
        idNumber: GUARANTOR.idNumber,
        birthDate: '1985-02-02',
        monthlyIncomeMinor: '2000000',
        monthlyDebtMinor: '0',
      }),
    ]);
    expect(started).toEqual([
      expect.objectContaining({
        bpmnProcessId: ORIGINATION_PROCESS_ID,
        variables: expect.objectContaining({
          loanId,
          businessKey: loanId,
          customerManager: 'li.cm',
        }) as unknown,
      }),
    ]);
    expect(register.acts).toEqual([
      expect.objectContaining({ action: 'application.submit', outcome: 'ok', loanKey: loanId }),
    ]);
  });

  it('pays a self-paid loan to the applicant, by name', async () => {
    const register = new FakeApplicationRecords();
    const request = creditApplication({
      payment: { method: 'self', payeeAccount: '6222020200112233445' },
    }) as unknown as ApplicationRequest;
    const { loanId } = await intake(register).service.submit(manager, request);
    expect(register.filed.get(loanId)?.loan.payeeName).toBe(request.applicant.name);
  });

  it('leaves no trace when the broker does not start the instance', async () => {
    const register = new FakeApplicationRecords();
    const { service } = intake(register, 'down');
    await expect(
      service.submit(manager, creditApplication() as unknown as ApplicationRequest),
    ).rejects.toThrowDomainError('BROKER_UNAVAILABLE');
    expect(register.filed.size).toBe(0);
    expect(register.steps.at(-1)).toMatch(/^discard /);
    expect(register.acts).toEqual([]);
  });

  it('refuses, on the trail and filing nothing, an application for a branch outside the manager’s', async () => {
    const register = new FakeApplicationRecords();
    const { service, refused } = intake(register);
    await expect(
      service.submit(
        manager,
        creditApplication({ branchCode: 'BR-NB' }) as unknown as ApplicationRequest,
      ),
    ).rejects.toThrowDomainError('BRANCH_FORBIDDEN');
    expect(refused).toEqual([
      expect.objectContaining({ action: 'application.submit', outcome: 'refused' }),
    ]);
    expect(register.steps).toEqual([]);
  });

  it('refuses a manager’s own application as a conflict of interest', async () => {
    const register = new FakeApplicationRecords();
    const { service, refused } = intake(register);
    const self = { ...manager, idNumber: '33010619900101123X' };
    const request = creditApplication({
      applicant: { ...(creditApplication().applicant as object), idNumber: '33010619900101123x' },
    }) as unknown as ApplicationRequest;
    await expect(service.submit(self, request)).rejects.toThrowDomainError('CONFLICT_OF_INTEREST');
    expect(refused).toHaveLength(1);
    expect(register.steps).toEqual([]);
  });
});

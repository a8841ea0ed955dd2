import type { AuditAct, AuditTrail } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import type { Role } from '@loanflow/domain';
import type { Directory, Principal, UnitScope } from '@loanflow/identity';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { LoanEntity, LoanPartyEntity, OrgUnitEntity } from '@loanflow/persistence';
import type { BusinessClock, ZeebeClient } from '@loanflow/workflow';
import { FakeComplaintRecords } from './complaint-records.fixture';
import { ComplaintsService, FileComplaintBody } from './complaints.service';
import { staffPrincipal } from '@loanflow/test-support/principals';

const LOAN = 'LN20260901-7KQ2M9';
const OTHER_LOAN = 'LN20260902-3HX8PA';
/** Monday 28 September 2026, 10:00 in Beijing: the National Day holiday starts on Thursday. */
const NOW = new Date('2026-09-28T02:00:00.000Z');
const TEXT = '客户反映催收电话在夜间 22 点后拨打，影响休息';

const UNITS: Record<string, string> = {
  HO: '/HO/',
  'BR-HZ': '/HO/BR-HZ/',
  'SB-HZ-XH': '/HO/BR-HZ/SB-HZ-XH/',
  'BR-NB': '/HO/BR-NB/',
};

/** The active staff the directory knows, with their posts and units. */
const PEOPLE: Record<string, { roles: Role[]; unit: string }> = {
  'li.cm': { roles: ['customer-manager'], unit: 'SB-HZ-XH' },
  'zhao.postloan': { roles: ['post-loan-officer'], unit: 'SB-HZ-XH' },
  'lin.collection': { roles: ['collection-officer'], unit: 'BR-HZ' },
  'chen.center': { roles: ['center-manager'], unit: 'BR-HZ' },
  'wang.reviewer': { roles: ['reviewer'], unit: 'BR-HZ' },
  'sun.cm': { roles: ['customer-manager'], unit: 'BR-NB' },
};

function principal(username: string): Principal {
  const person = PEOPLE[username];
  if (!person) throw new Error(`no such person in the fixture: ${username}`);
  return staffPrincipal(username, person.roles, person.unit, UNITS[person.unit]);
}

const HEAD_OFFICE: UnitScope = { all: true, unitCodes: [] };
const HANGZHOU: UnitScope = { all: false, unitCodes: ['BR-HZ', 'SB-HZ-XH'] };

const complaint = (over: Partial<FileComplaintBody> = {}): FileComplaintBody => ({
  category: 'collection-conduct',
  channel: 'phone',
  text: TEXT,
  ...over,
});

function loanFile(loanId: string): LoanFile {
  const loan = Object.assign(new LoanEntity(), {
    id: loanId,
    branchCode: 'SB-HZ-XH',
    customerManager: 'li.cm',
    product: 'consumer',
    purpose: '装修',
    guaranteeType: 'credit',
    paymentMethod: 'self',
    requestedAmountMinor: '5000000',
    requestedTermMonths: 24,
    amountMinor: '4000000',
    termMonths: 24,
    riskGrade: 'B',
    annualRate: '0.0580',
  });
  const applicant = Object.assign(new LoanPartyEntity(), { loanId, role: 'applicant' });
  return { loan, applicant, guarantors: [], collateral: [], contracts: [], documentKinds: [] };
}

interface Setup {
  answerDays?: number;
  now?: Date;
  /** The broker refuses to start the process with this error. */
  brokerFailure?: Error;
  /** The directory fails with this error (not a refusal). */
  directoryFailure?: Error;
}

/** The service over the fake register, with the trail, directory, clock and broker it talks to. */
function complaintsOver(records: FakeComplaintRecords, setup: Setup = {}) {
  for (const username of Object.keys(PEOPLE)) records.activeUsernames.add(username);
  records.loans.set(LOAN, { branchCode: 'SB-HZ-XH', customerManager: 'li.cm' });
  records.loans.set(OTHER_LOAN, { branchCode: 'BR-NB', customerManager: 'sun.cm' });
  /** Entries the trail recorded in transactions of their own (refusals). */
  const trail: AuditAct[] = [];
  /** What the broker was asked to start, and how many complaints were on file at that moment. */
  const startedInstances: {
    request: { bpmnProcessId: string; variables: unknown };
    onFile: number;
  }[] = [];
  const audit = {
    record: async (act: AuditAct) => void trail.push(act),
  } as unknown as AuditTrail;
  const directory = {
    principalByUsername: async (username: string) => {
      if (setup.directoryFailure) throw setup.directoryFailure;
      return PEOPLE[username] ? principal(username) : null;
    },
    orgUnit: async (code: string) =>
      UNITS[code] ? Object.assign(new OrgUnitEntity(), { code, path: UNITS[code] }) : undefined,
  } as unknown as Directory;
  const loans = {
    fileForJob: async (loanId: string) => loanFile(loanId),
  } as unknown as LoanRecords;
  const clock = { now: async () => setup.now ?? NOW } as unknown as BusinessClock;
  const zeebe = {
    createProcessInstance: async (request: { bpmnProcessId: string; variables: unknown }) => {
      startedInstances.push({ request, onFile: records.complaints.length });
      if (setup.brokerFailure) throw setup.brokerFailure;
      return { processInstanceKey: '2251799813699001' };
    },
  } as unknown as ZeebeClient;
  const config = Object.assign(new AppConfig(), {
    COMPLAINT_ANSWER_WORKING_DAYS: setup.answerDays ?? 5,
  });
  return {
    service: new ComplaintsService(records, audit, loans, directory, clock, zeebe, config),
    trail,
    startedInstances,
  };
}

describe('complaints: the rules the service keeps over its register', () => {
  describe('filing a complaint', () => {
    it('hands it to the loan’s customer manager, due in 5 working days of the official calendar', async () => {
      const records = new FakeComplaintRecords();
      const { service } = complaintsOver(records);
      const view = await service.file(principal('lin.collection'), LOAN, complaint());
      // Tue 29 and Wed 30 September, then the holiday (1–7 October), Thu 8, Fri 9 and the
      // make-up Saturday 10 October: due at the end of that Saturday in Beijing.
      expect(view).toEqual({
        id: view.id,
        loanId: LOAN,
        unitCode: 'SB-HZ-XH',
        category: 'collection-conduct',
        channel: 'phone',
        text: TEXT,
        staffInvolved: [],
        filedBy: 'lin.collection',
        filedAt: NOW.toISOString(),
        handler: 'li.cm',
        level: 'handler',
        dueAt: '2026-10-10T16:00:00.000Z',
        dueOn: '2026-10-10',
        levelDueAt: '2026-10-10T16:00:00.000Z',
        workingDays: 5,
        calendarCovered: true,
        status: 'open',
        standing: 'open',
        answer: null,
        resolution: null,
        answeredBy: null,
        answeredAt: null,
        escalatedToBranchAt: null,
        escalatedToHeadOfficeAt: null,
        processInstanceKey: '2251799813699001',
      });
      expect(records.stored(view.id)).toMatchObject({
        loanId: LOAN,
        unitCode: 'SB-HZ-XH',
        body: TEXT,
        handler: 'li.cm',
        level: 'handler',
        status: 'open',
        dueOn: '2026-10-10',
        calendarCovered: 1,
        processInstanceKey: '2251799813699001',
      });
    });

    it('gives the working days the configuration sets', async () => {
      const records = new FakeComplaintRecords();
      const { service } = complaintsOver(records, { answerDays: 7 });
      const view = await service.file(principal('li.cm'), LOAN, complaint());
      expect(view).toMatchObject({ workingDays: 7, dueOn: '2026-10-13' });
    });

    it('refuses to file when the configured working days are out of range, recording nothing', async () => {
      const records = new FakeComplaintRecords();
      const { service, startedInstances } = complaintsOver(records, { answerDays: 0 });
      await expect(service.file(principal('li.cm'), LOAN, complaint())).rejects.toThrowDomainError(
        'COMPLAINT_DEADLINE_INVALID',
      );
      expect(records.complaints).toEqual([]);
      expect(startedInstances).toEqual([]);
    });

    it('says so when the deadline lies beyond the published holiday calendar', async () => {
      const records = new FakeComplaintRecords();
      const { service } = complaintsOver(records, { now: new Date('2026-12-28T02:00:00.000Z') });
      const view = await service.file(principal('li.cm'), LOAN, complaint());
      // 2027 is not published yet: Friday 1 January counts as a working day.
      expect(view).toMatchObject({ calendarCovered: false, dueOn: '2027-01-04' });
      expect(records.stored(view.id)?.calendarCovered).toBe(0);
    });

    it('starts the handling process once the complaint is on file, with its facts but not its text', async () => {
      const records = new FakeComplaintRecords();
      const { service, startedInstances } = complaintsOver(records);
      const view = await service.file(
        principal('li.cm'),
        LOAN,
        complaint({ staffInvolved: ['lin.collection'] }),
      );
      expect(startedInstances).toHaveLength(1);
      const [{ request, onFile }] = startedInstances;
      expect(onFile).toBe(1);
      expect(request).toEqual({
        bpmnProcessId: 'complaint-handling',
        variables: {
          loanId: LOAN,
          businessKey: LOAN,
          complaintId: view.id,
          branchCode: 'SB-HZ-XH',
          complaintHandler: 'li.cm',
          complaintCategory: 'collection-conduct',
          complaintLevel: 'handler',
          complaintDueAt: '2026-10-10T16:00:00.000Z',
          loan: expect.objectContaining({ branchCode: 'SB-HZ-XH', amount: '40000.00' }) as unknown,
        },
      });
      expect(JSON.stringify(request)).not.toContain('催收电话');
      expect(JSON.stringify(request)).not.toContain('lin.collection');
    });

    it('records the instance and an audit entry naming handler, deadline and staff, never the text', async () => {
      const records = new FakeComplaintRecords();
      const { service, trail } = complaintsOver(records);
      const body = complaint({ staffInvolved: ['lin.collection'] });
      const view = await service.file(principal('li.cm'), LOAN, body);
      expect(records.calls.filter((call) => call === 'started')).toHaveLength(1);
      expect(records.stored(view.id)?.processInstanceKey).toBe('2251799813699001');
      expect(records.audited).toEqual([
        {
          actor: { username: 'li.cm', roles: ['customer-manager'], orgUnitCode: 'SB-HZ-XH' },
          action: 'complaint.file',
          outcome: 'ok',
          loanKey: LOAN,
          inputs: body,
          reason: `complaint ${view.id} (collection-conduct) to li.cm, answer due 2026-10-10; staff involved: lin.collection`,
        },
      ]);
      expect(records.audited[0].reason).not.toContain('催收电话');
      expect(trail).toEqual([]);
    });

    it('lists each member of staff involved once', async () => {
      const records = new FakeComplaintRecords();
      const { service } = complaintsOver(records);
      const view = await service.file(
        principal('li.cm'),
        LOAN,
        complaint({ staffInvolved: ['lin.collection', 'zhao.postloan', 'lin.collection'] }),
      );
      expect(view.staffInvolved).toEqual(['lin.collection', 'zhao.postloan']);
      expect(records.staff).toEqual([
        { complaintId: view.id, username: 'lin.collection' },
        { complaintId: view.id, username: 'zhao.postloan' },
      ]);
    });

    it('gives a complaint about the customer manager to the branch’s center managers', async () => {
      const records = new FakeComplaintRecords();
      const { service, startedInstances } = complaintsOver(records);
      const view = await service.file(
        principal('lin.collection'),
        LOAN,
        complaint({ category: 'service-attitude', staffInvolved: ['li.cm'] }),
      );
      expect(view.handler).toBeNull();
      expect(startedInstances[0].request.variables).toMatchObject({ complaintHandler: null });
      expect(records.audited[0].reason).toBe(
        `complaint ${view.id} (service-attitude) to the center managers of SB-HZ-XH, answer due 2026-10-10; staff involved: li.cm`,
      );
    });

    it('takes a named handler who serves customers at the loan’s unit or above it', async () => {
      const records = new FakeComplaintRecords();
      const { service } = complaintsOver(records);
      const above = await service.file(
        principal('li.cm'),
        LOAN,
        complaint({ handler: 'chen.center' }),
      );
      expect(above.handler).toBe('chen.center');
      const atTheUnit = await service.file(
        principal('li.cm'),
        LOAN,
        complaint({ handler: 'zhao.postloan' }),
      );
      expect(atTheUnit.handler).toBe('zhao.postloan');
    });

    describe('refusals: a 400 on the field, audited, with nothing recorded or started', () => {
      const refusedCases: {
        name: string;
        body: Partial<FileComplaintBody>;
        field: string;
        reason: string;
      }[] = [
        {
          name: 'a named handler the complaint is about',
          body: { staffInvolved: ['lin.collection'], handler: 'lin.collection' },
          field: 'handler',
          reason: 'lin.collection is among the staff the complaint is about and cannot handle it',
        },
        {
          name: 'a named handler who serves no customers',
          body: { handler: 'wang.reviewer' },
          field: 'handler',
          reason:
            'wang.reviewer holds no post that serves customers (customer-manager, center-manager, post-loan-officer, collection-officer)',
        },
        {
          name: 'a named handler of another branch',
          body: { handler: 'sun.cm' },
          field: 'handler',
          reason: "sun.cm does not work at the loan's unit or above it",
        },
        {
          name: 'a named handler who is no active user',
          body: { handler: 'gone.cm' },
          field: 'handler',
          reason: 'there is no active user gone.cm',
        },
        {
          name: 'staff involved who are no active users, each named',
          body: { staffInvolved: ['zhao.postloan', 'gone.cm', 'no.such.person'] },
          field: 'staffInvolved',
          reason: 'there is no active user gone.cm, no.such.person',
        },
      ];
      it.each(refusedCases)('refuses $name', async ({ body, field, reason }) => {
        const records = new FakeComplaintRecords();
        const { service, trail, startedInstances } = complaintsOver(records);
        await expect(
          service.file(principal('li.cm'), LOAN, complaint(body)),
        ).rejects.toThrowDomainError('VALIDATION_FAILED', {
          message: `${field}: ${reason}`,
          details: { fieldErrors: [{ field, reasons: [reason] }] },
        });
        expect(trail).toEqual([
          {
            actor: { username: 'li.cm', roles: ['customer-manager'], orgUnitCode: 'SB-HZ-XH' },
            action: 'complaint.file',
            outcome: 'refused',
            loanKey: LOAN,
            reason: `VALIDATION_FAILED: ${field}: ${reason}`,
          },
        ]);
        expect(records.complaints).toEqual([]);
        expect(records.staff).toEqual([]);
        expect(records.audited).toEqual([]);
        expect(startedInstances).toEqual([]);
      });
    });

    it('does not audit a failure that is no refusal, and records nothing', async () => {
      const records = new FakeComplaintRecords();
      const { service, trail } = complaintsOver(records, {
        directoryFailure: new Error('directory unavailable'),
      });
      await expect(
        service.file(principal('li.cm'), LOAN, complaint({ handler: 'chen.center' })),
      ).rejects.toThrow('directory unavailable');
      expect(trail).toEqual([]);
      expect(records.complaints).toEqual([]);
    });

    it('answers a loan that does not exist as not found, recording nothing', async () => {
      const records = new FakeComplaintRecords();
      const { service, startedInstances } = complaintsOver(records);
      await expect(
        service.file(principal('li.cm'), 'LN20260101-NOSUCH', complaint()),
      ).rejects.toThrowDomainError('LOAN_NOT_FOUND', {
        message: 'There is no loan LN20260101-NOSUCH.',
      });
      expect(records.complaints).toEqual([]);
      expect(startedInstances).toEqual([]);
    });

    it('withdraws the complaint and its staff when the broker does not start its handling', async () => {
      const records = new FakeComplaintRecords();
      const { service, startedInstances } = complaintsOver(records, {
        brokerFailure: new Error('14 UNAVAILABLE: connection refused'),
      });
      await expect(
        service.file(principal('li.cm'), LOAN, complaint({ staffInvolved: ['lin.collection'] })),
      ).rejects.toThrowDomainError('BROKER_UNAVAILABLE', {
        message:
          "The workflow engine did not start the complaint's handling; nothing was recorded. Try again. (14 UNAVAILABLE: connection refused)",
      });
      expect(startedInstances).toHaveLength(1);
      expect(records.complaints).toEqual([]);
      expect(records.staff).toEqual([]);
      expect(records.audited).toEqual([]);
    });
  });

  describe('reading a loan’s complaints', () => {
    it('lists the loan’s complaints oldest first with their staff, standing as of now', async () => {
      const records = new FakeComplaintRecords();
      const { service } = complaintsOver(records);
      const late = records.put({ loanId: LOAN }, ['lin.collection', 'zhao.postloan']);
      records.put({ loanId: OTHER_LOAN, unitCode: 'BR-NB' }, ['sun.cm']);
      const answeredLate = records.put({
        loanId: LOAN,
        status: 'answered',
        answer: '已致歉',
        resolution: 'upheld',
        answeredBy: 'li.cm',
        answeredAt: new Date('2026-09-10T02:00:00.000Z'),
        escalatedToBranchAt: new Date('2026-09-09T01:00:00.000Z'),
        level: 'branch',
        calendarCovered: 0,
      });
      const inTime = records.put({ loanId: LOAN, dueAt: new Date('2026-10-10T16:00:00.000Z') });
      const views = await service.listForLoan(LOAN);
      expect(views.map((v) => [v.id, v.standing, v.staffInvolved])).toEqual([
        [late.id, 'open-late', ['lin.collection', 'zhao.postloan']],
        [answeredLate.id, 'answered-late', []],
        [inTime.id, 'open', []],
      ]);
      expect(views[1]).toMatchObject({
        status: 'answered',
        answer: '已致歉',
        resolution: 'upheld',
        answeredBy: 'li.cm',
        answeredAt: '2026-09-10T02:00:00.000Z',
        escalatedToBranchAt: '2026-09-09T01:00:00.000Z',
        escalatedToHeadOfficeAt: null,
        level: 'branch',
        calendarCovered: false,
      });
    });

    it('gives an empty list for a loan without complaints, reading no staff', async () => {
      const records = new FakeComplaintRecords();
      const { service } = complaintsOver(records);
      records.put({ loanId: OTHER_LOAN, unitCode: 'BR-NB' });
      expect(await service.listForLoan(LOAN)).toEqual([]);
      expect(records.calls).not.toContain('staffOf');
    });

    it('shows one complaint of the loan with its staff', async () => {
      const records = new FakeComplaintRecords();
      const { service } = complaintsOver(records);
      const row = records.put({ loanId: LOAN }, ['lin.collection']);
      await expect(service.getForLoan(LOAN, row.id)).resolves.toMatchObject({
        id: row.id,
        loanId: LOAN,
        staffInvolved: ['lin.collection'],
        standing: 'open-late',
      });
    });

    it('answers a complaint of another loan as not found', async () => {
      const records = new FakeComplaintRecords();
      const { service } = complaintsOver(records);
      const theirs = records.put({ loanId: OTHER_LOAN, unitCode: 'BR-NB' });
      await expect(service.getForLoan(LOAN, theirs.id)).rejects.toThrowDomainError(
        'COMPLAINT_NOT_FOUND',
        { message: `Loan ${LOAN} has no complaint ${theirs.id}.` },
      );
    });

    it.each(['abc', '1 OR 1=1', '1234567890123456789', ''])(
      'answers the id "%s", which is no complaint number, as not found without reading the register',
      async (id) => {
        const records = new FakeComplaintRecords();
        const { service } = complaintsOver(records);
        records.put({ loanId: LOAN });
        await expect(service.getForLoan(LOAN, id)).rejects.toThrowDomainError(
          'COMPLAINT_NOT_FOUND',
          { message: `Loan ${LOAN} has no complaint ${id}.` },
        );
        expect(records.calls).toEqual([]);
      },
    );
  });

  describe('the complaints of the reader’s units', () => {
    function register() {
      const records = new FakeComplaintRecords();
      const hz1 = records.put({ loanId: LOAN }, ['lin.collection']);
      const nb = records.put({ loanId: OTHER_LOAN, unitCode: 'BR-NB' }, ['lin.collection']);
      const hz2 = records.put({
        loanId: LOAN,
        status: 'answered',
        answeredAt: new Date('2026-09-05T02:00:00.000Z'),
      });
      const hz3 = records.put({ loanId: LOAN, unitCode: 'BR-HZ' }, ['zhao.postloan']);
      return { records, hz1, nb, hz2, hz3 };
    }

    it('shows head office every unit’s complaints, newest first', async () => {
      const { records, hz1, nb, hz2, hz3 } = register();
      const { service } = complaintsOver(records);
      const { items } = await service.list(HEAD_OFFICE);
      expect(items.map((v) => v.id)).toEqual([hz3.id, hz2.id, nb.id, hz1.id]);
    });

    it('shows a branch only the complaints of its units', async () => {
      const { records, hz1, hz2, hz3 } = register();
      const { service } = complaintsOver(records);
      const { items } = await service.list(HANGZHOU);
      expect(items.map((v) => v.id)).toEqual([hz3.id, hz2.id, hz1.id]);
      expect(items.every((v) => v.unitCode !== 'BR-NB')).toBe(true);
    });

    it('filters by status', async () => {
      const { records, hz2 } = register();
      const { service } = complaintsOver(records);
      const { items } = await service.list(HANGZHOU, 'answered');
      expect(items.map((v) => [v.id, v.status])).toEqual([[hz2.id, 'answered']]);
    });

    it('shows the complaints about one member of staff, within the reader’s units', async () => {
      const { records, hz1, nb } = register();
      const { service } = complaintsOver(records);
      const mine = await service.list(HANGZHOU, undefined, 'lin.collection');
      expect(mine.items.map((v) => [v.id, v.staffInvolved])).toEqual([
        [hz1.id, ['lin.collection']],
      ]);
      const everywhere = await service.list(HEAD_OFFICE, undefined, 'lin.collection');
      expect(everywhere.items.map((v) => v.id)).toEqual([nb.id, hz1.id]);
    });

    it('answers an empty list for staff no complaint is about, without listing', async () => {
      const { records } = register();
      const { service } = complaintsOver(records);
      expect(await service.list(HEAD_OFFICE, undefined, 'chen.center')).toEqual({ items: [] });
      expect(records.calls).toEqual(['about']);
    });

    it('shows at most the 200 newest', async () => {
      const records = new FakeComplaintRecords();
      for (let i = 0; i < 205; i++) records.put({ loanId: LOAN });
      const { service } = complaintsOver(records);
      const { items } = await service.list(HEAD_OFFICE);
      expect(items).toHaveLength(200);
      expect(items[0].id).toBe(records.complaints[204].id);
      expect(items[199].id).toBe(records.complaints[5].id);
    });
  });

  describe('the figures', () => {
    function register() {
      const records = new FakeComplaintRecords();
      const due = new Date('2026-09-30T16:00:00.000Z');
      // Open, in time (due after now).
      records.put({ loanId: LOAN, category: 'collection-conduct', dueAt: due });
      // Open, late.
      records.put({ loanId: LOAN, category: 'collection-conduct' });
      // Answered in time, and answered late.
      records.put({
        loanId: LOAN,
        category: 'collection-conduct',
        status: 'answered',
        answeredAt: new Date('2026-09-07T02:00:00.000Z'),
      });
      records.put({
        loanId: LOAN,
        category: 'fees-and-charges',
        status: 'answered',
        answeredAt: new Date('2026-09-20T02:00:00.000Z'),
      });
      records.put({ loanId: OTHER_LOAN, unitCode: 'BR-NB', category: 'other', dueAt: due });
      return records;
    }

    it('counts open, answered and late per unit and category, as of now', async () => {
      const records = register();
      const { service } = complaintsOver(records);
      expect(await service.figures(HEAD_OFFICE)).toEqual({
        asOf: NOW.toISOString(),
        rows: [
          { unitCode: 'BR-NB', category: 'other', open: 1, answered: 0, late: 0 },
          // The categories in their list's order.
          { unitCode: 'SB-HZ-XH', category: 'fees-and-charges', open: 0, answered: 1, late: 1 },
          { unitCode: 'SB-HZ-XH', category: 'collection-conduct', open: 2, answered: 1, late: 1 },
        ],
        totals: { open: 3, answered: 2, late: 2 },
      });
    });

    it('counts only the reader’s units', async () => {
      const records = register();
      const { service } = complaintsOver(records);
      const figures = await service.figures(HANGZHOU);
      expect(figures.rows.map((r) => r.unitCode)).not.toContain('BR-NB');
      expect(figures.totals).toEqual({ open: 2, answered: 2, late: 2 });
    });
  });
});

import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { AppConfig } from '@loanflow/config';
import type { Role } from '@loanflow/domain';
import type { Directory, Principal, UnitScope } from '@loanflow/identity';
import type {
  ArchiveFileEntity,
  ArchiveHandoverEntity,
  ArchiveInspectionEntity,
  ArchiveLendingEntity,
  ArchiveValuableEntity,
  ArchiveValuableMovementEntity,
} from '@loanflow/persistence';
import type { BusinessClock, PublishRequest, ZeebeClient } from '@loanflow/workflow';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { ARCHIVE_FILE_RETURNED_MESSAGE, ARCHIVE_LENDING_PROCESS_ID } from '../servicing.contract';
import {
  ArchiveDuty,
  ArchiveRecords,
  ArchiveTransaction,
  CustodyFilter,
  HandoverRows,
} from './archive-records';
import { ArchiveRegister } from './archive-register.service';
import type { NewArchiveEntry } from './lending-records';

const BRANCH = 'SB-HZ-XH';
/** 10:00 in Beijing on 30 September 2026, the eve of the National Day holidays. */
const NOW = new Date('2026-09-30T02:00:00.000Z');
/** The loan was settled five years and a day before NOW: its file's retention is over. */
const CLOSED_LONG_AGO = new Date('2021-09-29T02:00:00.000Z');
const COLLATERAL = '71';

interface State {
  files: ArchiveFileEntity[];
  entries: NewArchiveEntry[];
  lendings: ArchiveLendingEntity[];
  valuables: ArchiveValuableEntity[];
  movements: ArchiveValuableMovementEntity[];
  inspections: ArchiveInspectionEntity[];
  handovers: ArchiveHandoverEntity[];
  items: { handoverId: string; fileId: string }[];
  duties: (ArchiveDuty & { loanId: string })[];
  audited: AuditAct[];
}

const inScope = (scope: UnitScope, unitCode: string) =>
  scope.all || scope.unitCodes.includes(unitCode);

/**
 * The file register in memory: the fixtures' loan (branch SB-HZ-XH, applicant 张伟) with its file
 * on the shelf in wang.archive's custody. An act that fails leaves nothing behind.
 */
class FakeArchiveRecords extends ArchiveRecords {
  readonly register: InMemoryTransactions<State>;
  private nextId = 500;

  constructor(file: Partial<ArchiveFileEntity> = {}) {
    super();
    this.register = new InMemoryTransactions<State>(
      {
        files: [fileOf(LOAN, { id: '9', reference: 'DA-2021-0009', ...file })],
        entries: [],
        lendings: [],
        valuables: [],
        movements: [],
        inspections: [],
        handovers: [],
        items: [],
        duties: [],
        audited: [],
      },
      (state) => structuredClone(state),
    );
  }

  get state(): State {
    return this.register.state;
  }

  private id(): string {
    return String(this.nextId++);
  }

  file(loanId: string) {
    return Promise.resolve(this.state.files.find((f) => f.loanId === loanId) ?? null);
  }
  entries(fileId: string) {
    return Promise.resolve(
      this.state.entries
        .filter((e) => e.fileId === fileId)
        .map((e, i) => ({ ...e, id: String(i + 1) })),
    );
  }
  lendingsOf(loanId: string) {
    return Promise.resolve(this.state.lendings.filter((l) => l.loanId === loanId));
  }
  valuablesOf(loanId: string) {
    return Promise.resolve(this.state.valuables.filter((v) => v.loanId === loanId));
  }
  movements(valuableIds: readonly string[]) {
    return Promise.resolve(this.state.movements.filter((m) => valuableIds.includes(m.valuableId)));
  }
  files(scope: UnitScope, status?: string) {
    return Promise.resolve(
      this.state.files.filter(
        (f) => inScope(scope, f.unitCode) && (!status || f.status === status),
      ),
    );
  }
  openLendings(scope: UnitScope) {
    return Promise.resolve(
      this.state.lendings.filter((l) => inScope(scope, l.unitCode) && !l.returnedAt),
    );
  }
  valuables(scope: UnitScope, status?: string) {
    return Promise.resolve(
      this.state.valuables.filter(
        (v) => inScope(scope, v.unitCode) && (!status || v.status === status),
      ),
    );
  }
  inspections(scope: UnitScope) {
    return Promise.resolve(this.state.inspections.filter((r) => inScope(scope, r.unitCode)));
  }
  handovers(scope: UnitScope): Promise<HandoverRows> {
    const handovers = this.state.handovers.filter((h) => inScope(scope, h.unitCode));
    const items = this.state.items.filter((i) => handovers.some((h) => h.id === i.handoverId));
    const files = this.state.files.filter((f) => items.some((i) => i.fileId === f.id));
    return Promise.resolve({ handovers, items, files });
  }
  setLendingInstance(lendingId: string, processInstanceKey: string) {
    const lending = this.state.lendings.find((l) => l.id === lendingId);
    if (lending) lending.processInstanceKey = processInstanceKey;
    return Promise.resolve();
  }
  undoLending(lending: ArchiveLendingEntity) {
    return this.register.run((s) => {
      s.lendings = s.lendings.filter((l) => l.id !== lending.id);
      const file = s.files.find((f) => f.id === lending.fileId);
      if (file) file.status = 'in-custody';
      s.entries = s.entries.filter(
        (e) => !(e.fileId === lending.fileId && e.act === 'lent' && +e.at === +lending.lentAt),
      );
      return Promise.resolve();
    });
  }

  transaction<T>(work: (tx: ArchiveTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) => work(this.inTransaction(s)));
  }

  private inTransaction(s: State): ArchiveTransaction {
    const now = <R>(run: () => R): Promise<R> => Promise.resolve(run());
    const fileById = (fileId: string) => {
      const file = s.files.find((f) => f.id === fileId);
      if (!file) throw new Error(`no file ${fileId}`);
      return file;
    };
    const { loan, parties } = servicedLoanRecords({ branchCode: BRANCH });
    return {
      lockFile: (loanId) => now(() => s.files.find((f) => f.loanId === loanId) ?? null),
      file: (fileId) => now(() => ({ ...fileById(fileId) })),
      updateFile: (fileId, changes) => now(() => void Object.assign(fileById(fileId), changes)),
      lockFilesInCustody: ({ scope, custodian, loanIds }: CustodyFilter) =>
        now(() =>
          s.files.filter(
            (f) =>
              inScope(scope, f.unitCode) &&
              f.custodian === custodian &&
              ['in-custody', 'lent'].includes(f.status) &&
              (!loanIds?.length || loanIds.includes(f.loanId)),
          ),
        ),
      addEntry: (entry) => now(() => void s.entries.push(entry)),
      lockLending: (lendingId, loanId) =>
        now(() => s.lendings.find((l) => l.id === lendingId && l.loanId === loanId) ?? null),
      addLending: (lending) =>
        now(() => {
          const row = { ...lending, id: this.id() };
          s.lendings.push(row);
          return { ...row };
        }),
      updateLending: (lendingId, changes) =>
        now(() => void Object.assign(s.lendings.find((l) => l.id === lendingId) ?? {}, changes)),
      loan: (loanId) => now(() => (loanId === LOAN ? loan : null)),
      hasCollateral: (loanId, collateralId) =>
        now(() => loanId === LOAN && collateralId === COLLATERAL),
      lockValuable: (valuableId, loanId) =>
        now(() => {
          const row = s.valuables.find((v) => v.id === valuableId && v.loanId === loanId);
          return row ? { ...row } : null;
        }),
      addValuable: (valuable) =>
        now(() => {
          const row = { ...valuable, id: this.id() };
          s.valuables.push(row);
          return { ...row };
        }),
      updateValuable: (valuableId, changes) =>
        now(() => void Object.assign(s.valuables.find((v) => v.id === valuableId) ?? {}, changes)),
      addMovement: (movement) => now(() => void s.movements.push({ ...movement, id: this.id() })),
      movements: (valuableIds) =>
        now(() => s.movements.filter((m) => valuableIds.includes(m.valuableId))),
      addInspection: (inspection) =>
        now(() => {
          const row = { ...inspection, id: this.id() };
          s.inspections.push(row);
          return row;
        }),
      addHandover: (handover) =>
        now(() => {
          const row = { ...handover, id: this.id() };
          s.handovers.push(row);
          return row;
        }),
      addHandoverItem: (handoverId, fileId) => now(() => void s.items.push({ handoverId, fileId })),
      addDuty: (loanId, duty) => now(() => void s.duties.push({ ...duty, loanId })),
      duties: (loanId, ref) =>
        now(() => s.duties.filter((d) => d.loanId === loanId && d.ref === ref)),
      parties: (loanId) => now(() => (loanId === LOAN ? parties : [])),
      audit: (act) => now(() => void s.audited.push(act)),
    };
  }
}

function fileOf(loanId: string, over: Partial<ArchiveFileEntity> = {}): ArchiveFileEntity {
  return {
    id: '9',
    loanId,
    unitCode: BRANCH,
    kind: 'settled',
    reference: 'DA-2021-0009',
    location: '档案室 A-3-12',
    custodian: 'wang.archive',
    closedAt: CLOSED_LONG_AGO,
    filedAt: CLOSED_LONG_AGO,
    filedBy: 'wang.archive',
    status: 'in-custody',
    destructionRequestedBy: null,
    destructionRequestedAt: null,
    destroyedAt: null,
    destructionApprovedBy: null,
    ...over,
  };
}

const branch: UnitScope = { all: false, unitCodes: [BRANCH] };
const archivist = staffPrincipal('wang.archive', ['archive-officer'], BRANCH);
const centerManager = staffPrincipal('zhao.center', ['center-manager'], BRANCH);
const people: Record<string, Role[]> = {
  'wang.archive': ['archive-officer'],
  'qian.archive': ['archive-officer'],
  'li.cm': ['customer-manager'],
  'zhao.center': ['center-manager'],
};

function registerWith(records = new FakeArchiveRecords(), engine: { refuses?: boolean } = {}) {
  const audit = {
    refused: [] as AuditAct[],
    record(act: AuditAct) {
      this.refused.push(act);
      return Promise.resolve();
    },
  };
  const directory = {
    principalByUsername: (username: string): Promise<Principal | null> => {
      const roles = people[username];
      return Promise.resolve(roles ? staffPrincipal(username, roles, BRANCH) : null);
    },
  } as unknown as Directory;
  const started: Record<string, unknown>[] = [];
  const published: PublishRequest[] = [];
  const zeebe = {
    createProcessInstance: (request: { bpmnProcessId: string; variables: object }) => {
      if (engine.refuses) return Promise.reject(new Error('UNAVAILABLE: broker is down'));
      started.push({ process: request.bpmnProcessId, ...request.variables });
      return Promise.resolve({ processInstanceKey: '2251799813685301' });
    },
    publishMessage: (message: PublishRequest) => {
      published.push(message);
      return Promise.resolve({ key: '1' });
    },
  } as unknown as ZeebeClient;
  const clock = { now: () => Promise.resolve(NOW) } as unknown as BusinessClock;
  const config = {
    ARCHIVE_LENDING_WORKING_DAYS: 5,
    ARCHIVE_RETENTION_YEARS: 5,
    ARCHIVE_WRITTEN_OFF_RETENTION_YEARS: 10,
  } as AppConfig;
  const register = new ArchiveRegister(
    records,
    audit as unknown as AuditTrail,
    directory,
    clock,
    zeebe,
    config,
  );
  return { register, records, audit, started, published };
}

describe('the loan file register (档案登记簿)', () => {
  describe('lending a file out (调阅)', () => {
    it('lends the file on the shelf until its due working day and starts the lending’s timer', async () => {
      const { register, records, started } = registerWith();
      const lending = await register.lend(archivist, LOAN, {
        borrower: 'li.cm',
        purpose: '催收取证',
        workingDays: 3,
      });
      // Three working days from the eve of National Day: 8, 9 and the make-up Saturday 10 October.
      expect(lending).toMatchObject({
        borrower: 'li.cm',
        dueOn: '2026-10-10',
        standing: 'out',
        processInstanceKey: '2251799813685301',
      });
      expect(records.state.files[0]?.status).toBe('lent');
      expect(records.state.entries).toEqual([
        expect.objectContaining({ act: 'lent', note: '调阅 to li.cm, due 2026-10-10' }),
      ]);
      expect(records.state.lendings[0]?.processInstanceKey).toBe('2251799813685301');
      expect(started).toEqual([
        expect.objectContaining({
          process: ARCHIVE_LENDING_PROCESS_ID,
          loanId: LOAN,
          branchCode: BRANCH,
          lendingId: lending.id,
          fileBorrower: 'li.cm',
        }),
      ]);
      expect(records.state.audited).toEqual([
        expect.objectContaining({ action: 'archive.lend', outcome: 'ok', loanKey: LOAN }),
      ]);
    });

    it('refuses a file already lent, and audits the refusal', async () => {
      const { register, records, audit } = registerWith(new FakeArchiveRecords({ status: 'lent' }));
      await expect(
        register.lend(archivist, LOAN, { borrower: 'li.cm', purpose: '核对' }),
      ).rejects.toThrowDomainError('ARCHIVE_FILE_LENT');
      expect(records.state.lendings).toEqual([]);
      expect(audit.refused).toEqual([
        expect.objectContaining({
          action: 'archive.lend',
          outcome: 'refused',
          reason: expect.stringMatching(/^ARCHIVE_FILE_LENT: /) as unknown,
        }),
      ]);
    });

    it('refuses a borrower who is nobody in the directory, on the field', async () => {
      const { register, records } = registerWith();
      await expect(
        register.lend(archivist, LOAN, { borrower: 'ghost', purpose: '核对' }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^borrower: / });
      expect(records.state.files[0]?.status).toBe('in-custody');
    });

    it('puts the file back on the shelf when the engine does not start the timer', async () => {
      const { register, records } = registerWith(new FakeArchiveRecords(), { refuses: true });
      await expect(
        register.lend(archivist, LOAN, { borrower: 'li.cm', purpose: '核对' }),
      ).rejects.toThrowDomainError('BROKER_UNAVAILABLE', { message: /the file was not lent/ });
      expect(records.state.lendings).toEqual([]);
      expect(records.state.entries).toEqual([]);
      expect(records.state.files[0]?.status).toBe('in-custody');
    });
  });

  describe('a file coming back (归还)', () => {
    async function lent(days = 3) {
      const setup = registerWith();
      const lending = await setup.register.lend(archivist, LOAN, {
        borrower: 'li.cm',
        purpose: '核对',
        workingDays: days,
      });
      return { ...setup, lending };
    }

    it('shelves the file, ends the lending and tells the engine once per lending', async () => {
      const { register, records, published, lending } = await lent();
      const back = await register.returnFile(archivist, LOAN, lending.id, '完好');
      expect(back).toMatchObject({ returnedTo: 'wang.archive', standing: 'returned' });
      expect(records.state.files[0]?.status).toBe('in-custody');
      expect(records.state.entries.map((e) => e.note)).toContain('归还 by li.cm: 完好');
      expect(published).toEqual([
        expect.objectContaining({
          name: ARCHIVE_FILE_RETURNED_MESSAGE,
          correlationKey: lending.id,
          messageId: `${ARCHIVE_FILE_RETURNED_MESSAGE}:${lending.id}`,
        }),
      ]);
    });

    it('notes a late return with its due date', async () => {
      const { register, records, lending } = await lent();
      records.state.lendings[0].dueAt = new Date('2026-09-29T16:00:00.000Z');
      records.state.lendings[0].dueOn = '2026-09-29';
      const back = await register.returnFile(archivist, LOAN, lending.id, undefined);
      expect(back.standing).toBe('returned-late');
      expect(records.state.entries.map((e) => e.note)).toContain(
        '归还 by li.cm, late (due 2026-09-29)',
      );
    });

    it('refuses a second return, a lending of another loan and an id that is no number', async () => {
      const { register, lending, audit } = await lent();
      await register.returnFile(archivist, LOAN, lending.id, undefined);
      await expect(
        register.returnFile(archivist, LOAN, lending.id, undefined),
      ).rejects.toThrowDomainError('ARCHIVE_LENDING_RETURNED');
      await expect(
        register.returnFile(archivist, 'LN20260101-AAAAAA', lending.id, undefined),
      ).rejects.toThrowDomainError('ARCHIVE_LENDING_NOT_FOUND');
      await expect(
        register.returnFile(archivist, LOAN, "1' OR '1'='1", undefined),
      ).rejects.toThrowDomainError('ARCHIVE_LENDING_NOT_FOUND');
      expect(audit.refused.map((a) => a.action)).toEqual([
        'archive.return',
        'archive.return',
        'archive.return',
      ]);
    });
  });

  describe('destruction past the retention (销毁), on two signatures', () => {
    it('refuses to put up a file whose retention runs on', async () => {
      const recent = new FakeArchiveRecords({ closedAt: new Date('2024-01-10T02:00:00.000Z') });
      const { register } = registerWith(recent);
      await expect(
        register.requestDestruction(archivist, LOAN, '保管期满'),
      ).rejects.toThrowDomainError('ARCHIVE_RETENTION_NOT_OVER', {
        message: /kept until 2029-01-10/,
      });
      expect(recent.state.duties).toEqual([]);
    });

    it('keeps a written-off loan’s file ten years', async () => {
      const writtenOff = new FakeArchiveRecords({ kind: 'written-off' });
      const { register } = registerWith(writtenOff);
      await expect(
        register.requestDestruction(archivist, LOAN, '保管期满'),
      ).rejects.toThrowDomainError('ARCHIVE_RETENTION_NOT_OVER', {
        message: /kept until 2031-09-29/,
      });
    });

    it('destroys the file when someone other than the requester approves', async () => {
      const { register, records } = registerWith();
      const asked = await register.requestDestruction(archivist, LOAN, '保管期满');
      expect(asked).toMatchObject({ destructionRequestedBy: 'wang.archive', retentionOver: true });
      const destroyed = await register.decideDestruction(centerManager, LOAN, true, '同意');
      expect(destroyed).toMatchObject({
        status: 'destroyed',
        destructionApprovedBy: 'zhao.center',
        destroyedAt: NOW.toISOString(),
      });
      expect(records.state.duties).toEqual([
        expect.objectContaining({ duty: 'archive-destruction-request', username: 'wang.archive' }),
        expect.objectContaining({ duty: 'archive-destruction-approval', username: 'zhao.center' }),
      ]);
      expect(records.state.entries.map((e) => e.act)).toEqual([
        'destruction-requested',
        'destroyed',
      ]);
    });

    it('refuses the requester as approver, whatever posts they hold', async () => {
      const both = staffPrincipal('sun.both', ['archive-officer', 'center-manager'], BRANCH);
      const { register, records, audit } = registerWith();
      await register.requestDestruction(both, LOAN, '保管期满');
      await expect(register.decideDestruction(both, LOAN, true, '同意')).rejects.toThrowDomainError(
        'SEPARATION_OF_DUTIES',
      );
      expect(records.state.files[0]?.status).toBe('in-custody');
      expect(audit.refused).toEqual([
        expect.objectContaining({ action: 'archive.destruction-decision', outcome: 'refused' }),
      ]);
    });

    it('withdraws the request when the approver refuses, and decides nothing never asked for', async () => {
      const { register } = registerWith();
      await expect(
        register.decideDestruction(centerManager, LOAN, true, '同意'),
      ).rejects.toThrowDomainError('ARCHIVE_DESTRUCTION_NOT_REQUESTED');
      await register.requestDestruction(archivist, LOAN, '保管期满');
      const kept = await register.decideDestruction(centerManager, LOAN, false, '仍有诉讼');
      expect(kept).toMatchObject({ status: 'in-custody', destructionRequestedBy: null });
    });

    it('refuses a lent file and a file never filed', async () => {
      const { register } = registerWith(new FakeArchiveRecords({ status: 'lent' }));
      await expect(
        register.requestDestruction(archivist, LOAN, '保管期满'),
      ).rejects.toThrowDomainError('ARCHIVE_FILE_LENT');
      await expect(
        register.requestDestruction(archivist, 'LN20260101-AAAAAA', '保管期满'),
      ).rejects.toThrowDomainError('ARCHIVE_FILE_NOT_FOUND');
    });
  });

  describe('valuables (重要凭证)', () => {
    const policy = {
      kind: 'insurance-policy' as const,
      reference: 'PICC-2026-1',
      description: '抵押物财产保险单',
      location: '金库 2 号柜',
    };

    it('keeps a valuable of the loan with its first movement, in the loan’s branch', async () => {
      const { register, records } = registerWith();
      const kept = await register.keepValuable(archivist, LOAN, {
        ...policy,
        collateralId: COLLATERAL,
      });
      expect(kept).toMatchObject({
        unitCode: BRANCH,
        status: 'in-custody',
        collateralId: COLLATERAL,
        movements: [expect.objectContaining({ movement: 'in', by: 'wang.archive' })],
      });
      expect(records.state.audited).toEqual([
        expect.objectContaining({ action: 'archive.valuable-in', outcome: 'ok' }),
      ]);
    });

    it('refuses collateral the loan does not have, on the field, keeping nothing', async () => {
      const { register, records } = registerWith();
      await expect(
        register.keepValuable(archivist, LOAN, { ...policy, collateralId: '72' }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^collateralId: / });
      expect(records.state.valuables).toEqual([]);
    });

    it('takes a valuable out only to someone named, and nothing moves a released one', async () => {
      const { register, records } = registerWith();
      const kept = await register.keepValuable(archivist, LOAN, policy);
      await expect(
        register.moveValuable(archivist, LOAN, kept.id, { movement: 'out', reason: '续保' }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^counterpart: / });
      const out = await register.moveValuable(archivist, LOAN, kept.id, {
        movement: 'out',
        reason: '续保',
        counterpart: '人保杭州分公司',
      });
      expect(out.status).toBe('out');
      await register.moveValuable(archivist, LOAN, kept.id, { movement: 'back', reason: '已续' });
      const released = await register.moveValuable(archivist, LOAN, kept.id, {
        movement: 'released',
        reason: '贷款结清',
      });
      expect(released.movements.map((m) => m.movement)).toEqual(['in', 'out', 'back', 'released']);
      await expect(
        register.moveValuable(archivist, LOAN, kept.id, { movement: 'back', reason: '误' }),
      ).rejects.toThrowDomainError('VALUABLE_MOVEMENT_NOT_ALLOWED');
      expect(records.state.valuables[0]?.status).toBe('released');
    });
  });

  describe('inspections and hand-overs (检查, 移交)', () => {
    it('records an inspection only of the inspector’s units', async () => {
      const { register, records } = registerWith();
      await expect(
        register.inspect(archivist, branch, {
          unitCode: 'SB-NB-HS',
          result: 'in-order',
          filesChecked: 10,
          findings: '无',
        }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /^unitCode: / });
      const done = await register.inspect(archivist, branch, {
        unitCode: BRANCH,
        result: 'issues-found',
        filesChecked: 40,
        findings: '两份合同缺页',
      });
      expect(done).toMatchObject({ inspectedBy: 'wang.archive', filesChecked: 40 });
      expect(records.state.inspections).toHaveLength(1);
    });

    it('hands one person’s files to another archive officer, each noted on its history', async () => {
      const { register, records } = registerWith();
      const handover = await register.handOver(archivist, branch, {
        from: 'wang.archive',
        to: 'qian.archive',
        note: '岗位轮换',
      });
      expect(handover).toMatchObject({
        from: 'wang.archive',
        to: 'qian.archive',
        unitCode: BRANCH,
        files: [{ loanId: LOAN, reference: 'DA-2021-0009' }],
      });
      expect(records.state.files[0]?.custodian).toBe('qian.archive');
      expect(records.state.entries).toEqual([
        expect.objectContaining({ act: 'handed-over', note: '移交 wang.archive → qian.archive' }),
      ]);
      expect((await register.handovers(branch)).items).toHaveLength(1);
    });

    it('refuses a hand-over to oneself, to someone not in the archive, or of another’s files', async () => {
      const { register, records } = registerWith();
      const refusals: [Principal, { from: string; to: string }, RegExp][] = [
        [archivist, { from: 'wang.archive', to: 'wang.archive' }, /^to: /],
        [archivist, { from: 'wang.archive', to: 'li.cm' }, /^to: li.cm is no active archive/],
        [archivist, { from: 'qian.archive', to: 'wang.archive' }, /^from: /],
      ];
      for (const [who, body, message] of refusals)
        await expect(
          register.handOver(who, branch, { ...body, note: '移交' }),
        ).rejects.toThrowDomainError('VALIDATION_FAILED', { message });
      expect(records.state.handovers).toEqual([]);
    });

    it('refuses files not in the giver’s custody in the units, naming them, and moves none', async () => {
      const { register, records } = registerWith();
      await expect(
        register.handOver(centerManager, branch, {
          from: 'wang.archive',
          to: 'qian.archive',
          loanIds: [LOAN, 'LN20260101-AAAAAA'],
          note: '移交',
        }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        message: /^loanIds: .*LN20260101-AAAAAA$/,
      });
      await expect(
        register.handOver(
          centerManager,
          { all: false, unitCodes: ['SB-NB-HS'] },
          {
            from: 'wang.archive',
            to: 'qian.archive',
            note: '移交',
          },
        ),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', { message: /keeps no file in your units/ });
      expect(records.state.files[0]?.custodian).toBe('wang.archive');
    });
  });

  it('lists only the reader’s units', async () => {
    const { register } = registerWith();
    await register.lend(archivist, LOAN, { borrower: 'li.cm', purpose: '核对' });
    const elsewhere: UnitScope = { all: false, unitCodes: ['SB-NB-HS'] };
    expect((await register.files(branch)).items.map((f) => f.loanId)).toEqual([LOAN]);
    expect((await register.files(elsewhere)).items).toEqual([]);
    expect((await register.lendings(branch, false)).items).toHaveLength(1);
    expect((await register.lendings(branch, true)).items).toEqual([]);
    expect((await register.lendings(elsewhere, false)).items).toEqual([]);
  });
});

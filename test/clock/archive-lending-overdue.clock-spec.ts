import { addWorkingDays } from '@loanflow/domain';
import {
  ArchiveFileEntity,
  ArchiveLendingEntity,
  AuditEntryEntity,
  NotificationEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { TasksWorkersModule } from '@loanflow/tasks';
import {
  advanceUntilTimersFire,
  eventually,
  fixtureLoanId,
  modelPath,
  ofInstance,
  stackSuite,
} from '../support';

/**
 * A loan file lent out and not back in time, on the broker's clock: the timer carries the due time
 * computed in 5 working days; the spec moves the clock past it. The register marks the lending
 * overdue, the archive officers and the colleague who has the file are told, the overdue list
 * shows it; the return is then recorded late and the lending's instance ends.
 */
describe('a loan file lent out and returned late', () => {
  const suite = stackSuite({
    models: [modelPath('archive-lending.bpmn')],
    workers: [TasksWorkersModule, ServicingWorkersModule],
    api: true,
  });

  it('reminds the archive officers and the borrower when overdue, then records the late return', async () => {
    // A settled loan's file on the shelf (as the archive officer's filing leaves it).
    const loanId = fixtureLoanId();
    await suite.stack.registerLoan(loanId, 'SB-HZ-XH');
    const now = await suite.stack.clock.now();
    await suite.dataSource.getRepository(ArchiveFileEntity).insert({
      loanId,
      unitCode: 'SB-HZ-XH',
      kind: 'settled',
      reference: `DA-${loanId.slice(-6)}-${now.getTime().toString(36).toUpperCase()}`,
      location: '杭州分行档案室 5 号柜',
      custodian: 'song.archive',
      closedAt: now,
      filedAt: now,
      filedBy: 'song.archive',
      status: 'in-custody',
      destructionRequestedBy: null,
      destructionRequestedAt: null,
      destroyedAt: null,
      destructionApprovedBy: null,
    });
    const lent = await suite.staff.post('song.archive', `/api/loans/${loanId}/archive/lendings`, {
      borrower: 'guo.postloan',
      purpose: '贷后检查核对原始合同',
    });
    expect(lent.status).toBe(201);
    const lending = lent.body as {
      id: string;
      processInstanceKey: string;
      dueAt: string;
      lentAt: string;
    };
    const lendingId = lending.id;
    const instance = lending.processInstanceKey;
    expect(lending.dueAt).toBe(addWorkingDays(new Date(lending.lentAt), 5).dueAt.toISOString());

    // Past the 5th working day.
    const at = (await suite.stack.clock.now()).getTime();
    await advanceUntilTimersFire(
      suite.stack.clock,
      suite.stack.records,
      new Date(lending.dueAt).getTime() - at + 60_000,
      ofInstance(instance),
    );
    const overdue = await eventually(
      () => suite.dataSource.getRepository(ArchiveLendingEntity).findOneByOrFail({ id: lendingId }),
      (row) => row.overdueNotifiedAt !== null,
    );
    expect(overdue.returnedAt).toBeNull();
    // The reminders go out after the register's commit: wait for both.
    const notices = await eventually(
      () =>
        suite.dataSource.getRepository(NotificationEntity).findBy({
          loanId,
          kind: 'archive-lending-overdue',
        }),
      (rows) => rows.length >= 2,
    );
    expect(notices.map((n) => n.recipient).sort()).toEqual([
      'role:archive-officer:SB-HZ-XH',
      'user:guo.postloan',
    ]);
    const list = await suite.staff.get('song.archive', '/api/archive/lendings?overdue=true');
    expect(
      (list.body as { items: { id: string; standing: string }[] }).items.find(
        (l) => l.id === lendingId,
      )?.standing,
    ).toBe('overdue');

    const back = await suite.staff.post(
      'song.archive',
      `/api/loans/${loanId}/archive/lendings/${lendingId}/return`,
      { note: '逾期归还，已提醒' },
    );
    expect(back.status).toBe(200);
    expect((back.body as { standing: string }).standing).toBe('returned-late');
    // The reminder's path ended first; the return ends the instance.
    const returned = await suite.stack.records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(instance, 'ELEMENT_COMPLETED', (r) => r.value.bpmnElementType === 'PROCESS'),
    );
    expect(returned.value.bpmnProcessId).toBe('archive-lending');
    const ends = await suite.stack.records.all(
      'PROCESS_INSTANCE',
      ofInstance(instance, 'ELEMENT_COMPLETED', (r) => r.value.bpmnElementType === 'END_EVENT'),
    );
    expect(ends.map((r) => r.value.elementId)).toEqual(['Reminded', 'FileReturned']);
    const register = (await suite.staff.get('song.archive', `/api/loans/${loanId}/archive`))
      .body as {
      entries: { act: string }[];
      file: { status: string };
    };
    expect(register.entries.map((e) => e.act)).toEqual(['lent', 'overdue', 'returned']);
    expect(register.file.status).toBe('in-custody');
    const trail = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { loanKey: loanId }, order: { id: 'ASC' } });
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['archive.lend', 'song.archive'],
      ['archive.lending-overdue', 'system'],
      ['archive.return', 'song.archive'],
    ]);
    expect(trail[2].reason).toMatch(/late/);
  });
});

import type { AuditAct, AuditActor, AuditTrail } from '@loanflow/audit';
import type { Directory, UnitScope } from '@loanflow/identity';
import { UserAbsenceEntity, UserTaskEntity } from '@loanflow/persistence';
import type { BusinessClock } from '@loanflow/workflow';
import { AbsenceRecords, AbsenceTransaction, NewAbsence, StaffMember } from './absence-records';
import type { AbsenceMoves, AbsenceRouting } from './absence-routing';
import { AbsencesService } from './absences.service';
import type { DeclareAbsenceRequest } from './staffing.views';
import { staffPrincipal } from '@loanflow/test-support/principals';

const TODAY = '2027-03-10';
const HZ: UnitScope = { all: false, unitCodes: ['BR-HZ', 'SUB-HZ'] };
const NB: UnitScope = { all: false, unitCodes: ['BR-NB'] };
const HEAD_OFFICE: UnitScope = { all: true, unitCodes: [] };

const person = staffPrincipal;

const li = person('li.cm', ['customer-manager'], 'BR-HZ');
const zhou = person('zhou.cm', ['customer-manager'], 'BR-HZ');
const wang = person('wang.reviewer', ['reviewer'], 'BR-HZ');
const chen = person('chen.mgr', ['center-manager'], 'BR-HZ');
const he = person('he.mgr', ['center-manager'], 'BR-NB');
const sun = person('sun.cm', ['customer-manager'], 'BR-NB');
const STAFF = [li, zhou, wang, chen, he, sun];

/** The register as the absences see it, in memory; a transaction that throws leaves nothing. */
class FakeRecords extends AbsenceRecords {
  users: StaffMember[] = STAFF.map(({ username, orgUnitCode }) => ({ username, orgUnitCode }));
  rows: UserAbsenceEntity[] = [];
  /** Audit entries written with the register's changes (not refusals). */
  audited: AuditAct[] = [];
  /** What each transaction did, in order. */
  steps: string[] = [];
  private lastId = 100;

  add(over: Partial<UserAbsenceEntity> & Pick<UserAbsenceEntity, 'username'>): UserAbsenceEntity {
    this.lastId += 1;
    const row = Object.assign(new UserAbsenceEntity(), {
      id: String(this.lastId),
      deputy: 'zhou.cm',
      startsOn: '2027-03-15',
      endsOn: '2027-03-19',
      reason: 'annual leave',
      declaredBy: over.username,
      declaredAt: new Date('2027-03-01T02:00:00Z'),
      claimedMovedAt: null,
      cancelledAt: null,
      cancelledBy: null,
      ...over,
    });
    this.rows.push(row);
    return row;
  }

  async staff(): Promise<StaffMember[]> {
    return this.users;
  }
  async absencesOf(usernames: string[], deputy: string): Promise<UserAbsenceEntity[]> {
    return this.rows
      .filter((row) => usernames.includes(row.username) || row.deputy === deputy)
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn) || Number(b.id) - Number(a.id))
      .slice(0, 500);
  }
  async absence(id: string): Promise<UserAbsenceEntity | null> {
    return this.rows.find((row) => row.id === id) ?? null;
  }
  async absenceOrFail(id: string): Promise<UserAbsenceEntity> {
    const row = this.rows.find((candidate) => candidate.id === id);
    if (!row) throw new Error(`no absence ${id}`);
    return row;
  }
  async cancel(id: string, by: string, act: AuditAct): Promise<void> {
    const row = await this.absenceOrFail(id);
    row.cancelledAt = new Date('2027-03-10T03:00:00Z');
    row.cancelledBy = by;
    this.audited.push(act);
  }
  async transaction<T>(work: (tx: AbsenceTransaction) => Promise<T>): Promise<T> {
    const rows = [...this.rows];
    const audited = [...this.audited];
    const tx: AbsenceTransaction = {
      lockPerson: async (username) => void this.steps.push(`lock ${username}`),
      uncancelledEndingFrom: async (username, day) => {
        this.steps.push(`read ${username}`);
        return this.rows.filter(
          (row) => row.username === username && !row.cancelledAt && row.endsOn >= day,
        );
      },
      insert: async (absence: NewAbsence) => {
        this.steps.push(`insert ${absence.username}`);
        return this.add({ ...absence, declaredAt: new Date('2027-03-10T02:00:00Z') });
      },
      audit: async (act) => {
        this.steps.push(`audit ${act.action}`);
        this.audited.push(act);
      },
    };
    try {
      return await work(tx);
    } catch (error) {
      this.rows = rows;
      this.audited = audited;
      throw error;
    }
  }
  // The routing's reads and writes: AbsenceRouting is faked below, so these are not used here.
  async activeAbsence(): Promise<UserAbsenceEntity | null> {
    throw new Error('not used by the absences service');
  }
  async openTasksHeldBy(): Promise<UserTaskEntity[]> {
    throw new Error('not used by the absences service');
  }
  async markClaimedMoved(): Promise<void> {
    throw new Error('not used by the absences service');
  }
  async begunUnmoved(): Promise<UserAbsenceEntity[]> {
    throw new Error('not used by the absences service');
  }
}

function absences(records = new FakeRecords()) {
  const refusals: AuditAct[] = [];
  const moved: { absence: UserAbsenceEntity; actor: AuditActor }[] = [];
  const moves: AbsenceMoves = { moved: ['T-1'], released: ['T-2'] };
  const directory = {
    principalByUsername: async (username: string) =>
      STAFF.find((someone) => someone.username === username) ?? null,
  } as unknown as Directory;
  const audit = {
    record: async (act: AuditAct) => void refusals.push(act),
  } as unknown as AuditTrail;
  const routing = {
    moveClaimed: async (absence: UserAbsenceEntity, actor: AuditActor) => {
      moved.push({ absence, actor });
      return moves;
    },
  } as unknown as AbsenceRouting;
  const clock = { today: async () => TODAY } as unknown as BusinessClock;
  return {
    records,
    refusals,
    moved,
    moves,
    service: new AbsencesService(records, directory, audit, routing, clock),
  };
}

const request = (over: Partial<DeclareAbsenceRequest> = {}): DeclareAbsenceRequest => ({
  deputy: 'zhou.cm',
  startsOn: '2027-03-15',
  endsOn: '2027-03-19',
  reason: 'annual leave',
  ...over,
});

describe('declaring an absence', () => {
  it('records a planned absence of the caller with its audit entry, moving nothing before it begins', async () => {
    const { service, records, moved, refusals } = absences();
    const view = await service.declare(li, HZ, request());
    expect(view).toEqual({
      id: records.rows[0]?.id,
      username: 'li.cm',
      deputy: 'zhou.cm',
      startsOn: '2027-03-15',
      endsOn: '2027-03-19',
      reason: 'annual leave',
      declaredBy: 'li.cm',
      declaredAt: '2027-03-10T02:00:00.000Z',
      state: 'planned',
      moves: undefined,
    });
    expect(records.rows).toHaveLength(1);
    expect(records.audited).toEqual([
      {
        actor: { username: 'li.cm', roles: ['customer-manager'], orgUnitCode: 'BR-HZ' },
        action: 'absence.declare',
        outcome: 'ok',
        reason: 'li.cm away 2027-03-15 to 2027-03-19, deputy zhou.cm: annual leave',
      },
    ]);
    expect(moved).toEqual([]);
    expect(refusals).toEqual([]);
  });

  it('moves the tasks the person holds at once when the absence begins today', async () => {
    const { service, records, moved, moves } = absences();
    const view = await service.declare(li, HZ, request({ startsOn: TODAY }));
    expect(view.state).toBe('active');
    expect(view.moves).toEqual(moves);
    expect(moved).toHaveLength(1);
    expect(moved[0]?.absence).toBe(records.rows[0]);
    expect(moved[0]?.actor).toEqual({
      username: 'li.cm',
      roles: ['customer-manager'],
      orgUnitCode: 'BR-HZ',
    });
  });

  it('looks for an overlap under a lock on the person, and writes the absence and its audit entry in that transaction', async () => {
    const { service, records } = absences();
    await service.declare(chen, HZ, request({ username: 'li.cm' }));
    expect(records.steps).toEqual([
      'lock li.cm',
      'read li.cm',
      'insert li.cm',
      'audit absence.declare',
    ]);
  });

  it('lets a manager declare the absence of a member of staff in their units', async () => {
    const { service, records } = absences();
    const view = await service.declare(chen, HZ, request({ username: 'li.cm' }));
    expect(view).toMatchObject({ username: 'li.cm', declaredBy: 'chen.mgr', deputy: 'zhou.cm' });
    expect(records.audited[0]).toMatchObject({
      actor: { username: 'chen.mgr' },
      reason: 'li.cm away 2027-03-15 to 2027-03-19, deputy zhou.cm: annual leave',
    });
  });

  it('refuses someone who is not a manager declaring a colleague’s absence, audited as refused', async () => {
    const { service, records, refusals } = absences();
    await expect(
      service.declare(zhou, HZ, request({ username: 'li.cm' })),
    ).rejects.toThrowDomainError('ABSENCE_FORBIDDEN', {
      message: 'Only a manager may declare someone else’s absence.',
    });
    expect(refusals).toEqual([
      {
        actor: { username: 'zhou.cm', roles: ['customer-manager'], orgUnitCode: 'BR-HZ' },
        action: 'absence.declare',
        outcome: 'refused',
        reason: 'ABSENCE_FORBIDDEN: Only a manager may declare someone else’s absence.',
      },
    ]);
    expect(records.rows).toEqual([]);
    expect(records.steps).toEqual([]);
  });

  it('answers a manager naming someone outside their units, or nobody, as if there were no such user', async () => {
    const { service, records, refusals } = absences();
    await expect(
      service.declare(chen, HZ, request({ username: 'sun.cm' })),
    ).rejects.toThrowDomainError('USER_NOT_FOUND', {
      message: 'There is no active user sun.cm in your units.',
    });
    await expect(
      service.declare(chen, HZ, request({ username: 'ghost' })),
    ).rejects.toThrowDomainError('USER_NOT_FOUND', {
      message: 'There is no active user ghost in your units.',
    });
    expect(refusals.map((act) => [act.outcome, act.reason])).toEqual([
      ['refused', 'USER_NOT_FOUND: There is no active user sun.cm in your units.'],
      ['refused', 'USER_NOT_FOUND: There is no active user ghost in your units.'],
    ]);
    expect(records.rows).toEqual([]);
  });

  it('refuses a deputy who is not an active user, or who holds none of the person’s roles', async () => {
    const { service, records, refusals } = absences();
    await expect(service.declare(li, HZ, request({ deputy: 'ghost' }))).rejects.toThrowDomainError(
      'VALIDATION_FAILED',
      {
        message: 'The absence cannot be declared.',
        details: {
          fieldErrors: [{ field: 'deputy', reasons: ['there is no active user ghost'] }],
        },
      },
    );
    await expect(
      service.declare(li, HZ, request({ deputy: 'wang.reviewer' })),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      details: {
        fieldErrors: [
          {
            field: 'deputy',
            reasons: ["wang.reviewer holds none of li.cm's roles (customer-manager)"],
          },
        ],
      },
    });
    expect(refusals.map((act) => [act.action, act.outcome])).toEqual([
      ['absence.declare', 'refused'],
      ['absence.declare', 'refused'],
    ]);
    expect(records.rows).toEqual([]);
  });

  it('refuses the caller as their own deputy, and dates that end before they begin or before today, all at once', async () => {
    const { service, records } = absences();
    await expect(
      service.declare(
        li,
        HZ,
        request({ deputy: 'li.cm', startsOn: '2027-03-15', endsOn: '2027-03-12' }),
      ),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      details: {
        fieldErrors: [
          { field: 'deputy', reasons: ['must be someone other than the person away'] },
          { field: 'endsOn', reasons: ['must not be before startsOn'] },
        ],
      },
    });
    await expect(
      service.declare(li, HZ, request({ startsOn: '2027-03-01', endsOn: '2027-03-09' })),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      details: {
        fieldErrors: [{ field: 'endsOn', reasons: [`must not be before today (${TODAY})`] }],
      },
    });
    expect(records.rows).toEqual([]);
  });

  it('refuses an absence overlapping one not cancelled, naming it, and writes nothing', async () => {
    const records = new FakeRecords();
    const earlier = records.add({
      username: 'li.cm',
      startsOn: '2027-03-12',
      endsOn: '2027-03-16',
    });
    const { service, refusals } = absences(records);
    await expect(service.declare(li, HZ, request())).rejects.toThrowDomainError(
      'ABSENCE_OVERLAPS',
      {
        message: 'li.cm is already away from 2027-03-12 to 2027-03-16; cancel that absence first.',
        details: { absenceId: earlier.id },
      },
    );
    expect(records.rows).toEqual([earlier]);
    expect(records.audited).toEqual([]);
    expect(refusals).toEqual([
      expect.objectContaining({
        action: 'absence.declare',
        outcome: 'refused',
        reason:
          'ABSENCE_OVERLAPS: li.cm is already away from 2027-03-12 to 2027-03-16; cancel that absence first.',
      }),
    ]);
  });

  it('counts both ends of a period: one ending on the first day, or beginning on the last, overlaps', async () => {
    const endsOnFirst = new FakeRecords();
    endsOnFirst.add({ username: 'li.cm', startsOn: '2027-03-11', endsOn: '2027-03-15' });
    await expect(
      absences(endsOnFirst).service.declare(li, HZ, request()),
    ).rejects.toThrowDomainError('ABSENCE_OVERLAPS');
    const beginsOnLast = new FakeRecords();
    beginsOnLast.add({ username: 'li.cm', startsOn: '2027-03-19', endsOn: '2027-03-22' });
    await expect(
      absences(beginsOnLast).service.declare(li, HZ, request()),
    ).rejects.toThrowDomainError('ABSENCE_OVERLAPS');
  });

  it('does not count a cancelled absence, the periods just before and after, or a colleague’s absence', async () => {
    const records = new FakeRecords();
    records.add({
      username: 'li.cm',
      startsOn: '2027-03-15',
      endsOn: '2027-03-19',
      cancelledAt: new Date('2027-03-09T01:00:00Z'),
      cancelledBy: 'li.cm',
    });
    records.add({ username: 'li.cm', startsOn: '2027-03-10', endsOn: '2027-03-14' });
    records.add({ username: 'li.cm', startsOn: '2027-03-20', endsOn: '2027-03-24' });
    records.add({ username: 'zhou.cm', deputy: 'li.cm', startsOn: '2027-03-15' });
    const view = await absences(records).service.declare(li, HZ, request());
    expect(view.state).toBe('planned');
    expect(records.rows).toHaveLength(5);
    expect(records.audited.map((act) => act.action)).toEqual(['absence.declare']);
  });
});

describe('the list of absences', () => {
  function register() {
    const records = new FakeRecords();
    const own = records.add({ username: 'li.cm', startsOn: '2027-03-15', endsOn: '2027-03-19' });
    const over = records.add({ username: 'li.cm', startsOn: '2027-02-01', endsOn: '2027-02-05' });
    const covering = records.add({
      username: 'zhou.cm',
      deputy: 'li.cm',
      startsOn: '2027-03-08',
      endsOn: '2027-03-12',
    });
    const colleague = records.add({
      username: 'wang.reviewer',
      deputy: 'zhou.cm',
      startsOn: '2027-03-01',
      endsOn: '2027-03-30',
      cancelledAt: new Date('2027-03-02T01:00:00Z'),
      cancelledBy: 'wang.reviewer',
    });
    const elsewhere = records.add({
      username: 'sun.cm',
      deputy: 'he.mgr',
      startsOn: '2027-03-09',
      endsOn: '2027-03-10',
    });
    return { records, own, over, covering, colleague, elsewhere };
  }

  it('shows a member of staff their own absences and those they stand in for, latest first, with their state', async () => {
    const { records, own, over, covering } = register();
    const list = await absences(records).service.list(li, HZ);
    expect(list.map((view) => [view.id, view.state])).toEqual([
      [own.id, 'planned'],
      [covering.id, 'active'],
      [over.id, 'over'],
    ]);
  });

  it('shows a manager the absences of the staff in their units too, and nobody’s beyond them', async () => {
    const { records, own, over, covering, colleague, elsewhere } = register();
    const { service } = absences(records);
    const inUnits = await service.list(chen, HZ);
    expect(inUnits.map((view) => [view.id, view.state])).toEqual([
      [own.id, 'planned'],
      [covering.id, 'active'],
      [colleague.id, 'cancelled'],
      [over.id, 'over'],
    ]);
    const everywhere = await service.list(chen, HEAD_OFFICE);
    expect(everywhere.map((view) => view.id)).toContain(elsewhere.id);
    const otherBranch = await service.list(he, NB);
    expect(otherBranch.map((view) => view.id)).toEqual([elsewhere.id]);
  });
});

describe('cancelling an absence', () => {
  it('lets the person cancel their absence, marked cancelled with its audit entry', async () => {
    const records = new FakeRecords();
    const absence = records.add({ username: 'li.cm' });
    const view = await absences(records).service.cancel(li, HZ, absence.id);
    expect(view).toMatchObject({ id: absence.id, state: 'cancelled' });
    expect(absence.cancelledBy).toBe('li.cm');
    expect(records.audited).toEqual([
      {
        actor: { username: 'li.cm', roles: ['customer-manager'], orgUnitCode: 'BR-HZ' },
        action: 'absence.cancel',
        outcome: 'ok',
        reason: `absence ${absence.id} of li.cm (2027-03-15 to 2027-03-19) cancelled`,
      },
    ]);
  });

  it('lets whoever declared it, and a manager of the person, cancel it', async () => {
    const records = new FakeRecords();
    const declaredByManager = records.add({ username: 'li.cm', declaredBy: 'chen.mgr' });
    const declaredByThemself = records.add({
      username: 'zhou.cm',
      deputy: 'li.cm',
      startsOn: '2027-04-01',
      endsOn: '2027-04-02',
    });
    const { service } = absences(records);
    await service.cancel(chen, NB, declaredByManager.id);
    await service.cancel(chen, HZ, declaredByThemself.id);
    expect(declaredByManager.cancelledBy).toBe('chen.mgr');
    expect(declaredByThemself.cancelledBy).toBe('chen.mgr');
    expect(records.audited.map((act) => act.action)).toEqual(['absence.cancel', 'absence.cancel']);
  });

  it('answers the deputy, a manager of another unit, an unknown or a malformed id as if there were no such absence', async () => {
    const records = new FakeRecords();
    const absence = records.add({ username: 'li.cm', deputy: 'zhou.cm' });
    const { service, refusals } = absences(records);
    for (const [caller, scope, id] of [
      [zhou, HZ, absence.id],
      [he, NB, absence.id],
      [li, HZ, '999'],
      [li, HZ, 'abc'],
    ] as const)
      await expect(service.cancel(caller, scope, id)).rejects.toThrowDomainError(
        'ABSENCE_NOT_FOUND',
        { message: `There is no absence ${id} you may change.` },
      );
    expect(absence.cancelledAt).toBeNull();
    expect(records.audited).toEqual([]);
    expect(refusals).toEqual([]);
  });

  it('leaves an absence that is over, or already cancelled, as it was', async () => {
    const records = new FakeRecords();
    const over = records.add({ username: 'li.cm', startsOn: '2027-03-01', endsOn: '2027-03-09' });
    const cancelledAt = new Date('2027-03-05T01:00:00Z');
    const cancelled = records.add({ username: 'li.cm', cancelledAt, cancelledBy: 'chen.mgr' });
    const { service } = absences(records);
    expect((await service.cancel(li, HZ, over.id)).state).toBe('over');
    expect((await service.cancel(li, HZ, cancelled.id)).state).toBe('cancelled');
    expect(over.cancelledAt).toBeNull();
    expect(cancelled).toMatchObject({ cancelledAt, cancelledBy: 'chen.mgr' });
    expect(records.audited).toEqual([]);
  });

  it('still cancels an absence ending today', async () => {
    const records = new FakeRecords();
    const lastDay = records.add({ username: 'li.cm', startsOn: '2027-03-08', endsOn: TODAY });
    const view = await absences(records).service.cancel(li, HZ, lastDay.id);
    expect(view.state).toBe('cancelled');
    expect(records.audited.map((act) => act.action)).toEqual(['absence.cancel']);
  });
});

import type { components } from '@loanflow/api-client';
import { randomInt } from 'node:crypto';
import { addWorkingDays } from '@loanflow/domain';
import {
  ArchiveFileEntity,
  AuditEntryEntity,
  UserEntity,
  UserRoleEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import {
  applyAs,
  creditApplication,
  deploy,
  endEventOf,
  fixtureLoanId,
  modelPath,
  originationSuite,
  withExtraRole,
} from '../support';
import { LoanRecords, servicedLoanSummaryOf } from '@loanflow/loans';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const ARCHIVE_FILE = 'loanflow:archive-file';

/**
 * The loan file register (档案登记簿) on the real broker: a refused application's file reaches the
 * archive officer and is filed; the file is lent out and back, inspected, handed over; destroyed
 * only after its retention and on a second person's approval; a kept valuable moves out, back and
 * is released. Wrong posts are 403 (audited), another branch's loan 404, bad input 400 by field.
 */
/** The loan's archive register. */
type Register = components['schemas']['LoanArchiveView'];

describe('the loan file register', () => {
  const suite = originationSuite(ServicingWorkersModule);
  const run = `${Date.now().toString(36)}${randomInt(1000)}`.toUpperCase();
  const successor = `qin${run.toLowerCase()}.archive`;
  let refusedLoan: string;

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, modelPath('loan-file-archive.bpmn'));
    await deploy(suite.stack.zeebe, modelPath('archive-lending.bpmn'));
    // A second archive officer of the Hangzhou branch, for the hand-over (same password hash).
    const { passwordHash } = await suite.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ username: 'song.archive' });
    const user = await suite.dataSource.getRepository(UserEntity).save({
      username: successor,
      displayName: `秦档 Qin ${run}`,
      orgUnitCode: 'BR-HZ',
      idNumber: null,
      passwordHash,
      active: true,
    });
    await suite.dataSource
      .getRepository(UserRoleEntity)
      .insert({ userId: user.id, role: 'archive-officer' });
  }, 120_000);

  suite.beforeClose(async () => {
    await suite.dataSource
      .getRepository(UserEntity)
      .update({ username: successor }, { active: false });
  });

  const archiveOf = async (loanId: string) =>
    (await suite.staff.get('song.archive', `/api/loans/${loanId}/archive`)).body as Register;

  /** A file archived long ago (a fixture, as registerLoan is): its retention is over. */
  async function oldFile(suffix: string): Promise<string> {
    const loanId = fixtureLoanId();
    await suite.stack.registerLoan(loanId, 'SB-HZ-XH');
    const closedAt = new Date((await suite.stack.clock.now()).getTime() - 6 * 366 * 86_400_000);
    await suite.dataSource.getRepository(ArchiveFileEntity).insert({
      loanId,
      unitCode: 'SB-HZ-XH',
      kind: 'settled',
      reference: `DA-OLD-${run}-${suffix}`,
      location: '杭州分行档案室 1 号柜',
      custodian: 'song.archive',
      closedAt,
      filedAt: closedAt,
      filedBy: 'song.archive',
      status: 'in-custody',
      destructionRequestedBy: null,
      destructionRequestedAt: null,
      destroyedAt: null,
      destructionApprovedBy: null,
    });
    return loanId;
  }

  it('gives the archive officer a refused application’s file to archive, and files it', async () => {
    const { loanId, processInstanceKey } = await applyAs(
      suite.staff,
      creditApplication({
        applicant: {
          ...creditApplication().applicant,
          name: '黄某 Huang',
          idNumber: '330106198505050019',
          birthDate: '1985-05-05',
        },
      }),
    );
    refusedLoan = loanId;
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('NotGranted');
    const task = await suite.staff.waitForTask('song.archive', loanId, ARCHIVE_FILE);
    const detail = await suite.staff.get('song.archive', `/api/tasks/${task.id}`);
    expect((detail.body as { context: unknown }).context).toMatchObject({ archiveKind: 'refused' });
    await suite.staff.post('song.archive', `/api/tasks/${task.id}/claim`);
    const filed = await suite.staff.post('song.archive', `/api/tasks/${task.id}/complete`, {
      answer: { archiveReference: `DA-R-${run}`, location: '杭州分行档案室 3 号柜' },
    });
    expect(filed.status).toBe(200);
    const register = await archiveOf(loanId);
    expect(register.file).toMatchObject({
      kind: 'refused',
      reference: `DA-R-${run}`,
      status: 'in-custody',
      custodian: 'song.archive',
      retentionOver: false,
    });
    const closed = new Date(register.file!.closedAt);
    expect(new Date(register.file!.retainUntil).getUTCFullYear()).toBe(closed.getUTCFullYear() + 5);
    expect(register.entries.map((e: { act: string }) => e.act)).toEqual(['filed']);
    const list = await suite.staff.get('song.archive', '/api/archive/files');
    expect(
      (list.body as { items: { id: string; loanId: string; findings: unknown }[] }).items.map(
        (f: { loanId: string }) => f.loanId,
      ),
    ).toContain(loanId);
  });

  it('gives the archive officer a written-off loan’s file when the write-off is published, kept 10 years', async () => {
    const loanId = fixtureLoanId();
    await suite.stack.registerLoan(loanId, 'SB-HZ-XH');
    const { loan, applicant, guarantors } = await suite.stack
      .api!.get(LoanRecords)
      .fileForJob(loanId);
    // The message the write-off worker publishes (it also ends servicing and opens the review).
    await suite.stack.zeebe.publishMessage({
      name: 'loan-written-off',
      correlationKey: loanId,
      messageId: `loan-written-off:${loanId}`,
      timeToLive: 60_000,
      variables: {
        loanId,
        businessKey: loanId,
        branchCode: 'SB-HZ-XH',
        loan: servicedLoanSummaryOf(loan, applicant, guarantors),
      } as never,
    });
    const task = await suite.staff.waitForTask('song.archive', loanId, ARCHIVE_FILE);
    await suite.staff.post('song.archive', `/api/tasks/${task.id}/claim`);
    const duplicate = await suite.staff.post('song.archive', `/api/tasks/${task.id}/complete`, {
      answer: { archiveReference: `DA-R-${run}`, location: '杭州分行档案室 4 号柜' },
    });
    expect(duplicate.status).toBe(400);
    expect((duplicate.body as ErrorAnswer).fieldErrors[0]).toMatchObject({
      field: 'archiveReference',
    });
    const filed = await suite.staff.post('song.archive', `/api/tasks/${task.id}/complete`, {
      answer: { archiveReference: `DA-W-${run}`, location: '杭州分行档案室 4 号柜' },
    });
    expect(filed.status).toBe(200);
    const { file } = await archiveOf(loanId);
    expect(file).toMatchObject({ kind: 'written-off', status: 'in-custody' });
    expect(new Date(file!.retainUntil).getUTCFullYear()).toBe(
      new Date(file!.closedAt).getUTCFullYear() + 10,
    );
  });

  it('lends the file out with a due date in working days and records it back in time', async () => {
    const bad = await suite.staff.post(
      'song.archive',
      `/api/loans/${refusedLoan}/archive/lendings`,
      {
        borrower: 'no.such.person',
        purpose: '复核拒贷理由',
        workingDays: 0,
      },
    );
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorAnswer).fieldErrors.map((f: { field: string }) => f.field)).toEqual([
      'workingDays',
    ]);
    const ghost = await suite.staff.post(
      'song.archive',
      `/api/loans/${refusedLoan}/archive/lendings`,
      {
        borrower: 'no.such.person',
        purpose: '复核拒贷理由',
      },
    );
    expect(ghost.status).toBe(400);
    expect((ghost.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'borrower' });
    expect((await archiveOf(refusedLoan)).lendings).toEqual([]);

    const lent = await suite.staff.post(
      'song.archive',
      `/api/loans/${refusedLoan}/archive/lendings`,
      {
        borrower: 'li.cm',
        purpose: '客户再次申请，复核拒贷理由',
      },
    );
    expect(lent.status).toBe(201);
    expect(lent.body).toMatchObject({ borrower: 'li.cm', standing: 'out', workingDays: 5 });
    expect((lent.body as { dueAt: string }).dueAt).toBe(
      addWorkingDays(new Date((lent.body as { lentAt: string }).lentAt), 5).dueAt.toISOString(),
    );
    expect((await archiveOf(refusedLoan)).file!.status).toBe('lent');
    const twice = await suite.staff.post(
      'song.archive',
      `/api/loans/${refusedLoan}/archive/lendings`,
      {
        borrower: 'zhou.cm',
        purpose: '另一调阅',
      },
    );
    expect(twice.status).toBe(409);
    expect((twice.body as ErrorAnswer).code).toBe('ARCHIVE_FILE_LENT');
    const out = await suite.staff.get('chen.center', '/api/archive/lendings');
    expect(
      (out.body as { items: { id: string; loanId: string; findings: unknown }[] }).items.map(
        (l: { id: string }) => l.id,
      ),
    ).toContain((lent.body as { id: string }).id);

    const back = await suite.staff.post(
      'song.archive',
      `/api/loans/${refusedLoan}/archive/lendings/${(lent.body as { id: string }).id}/return`,
      { note: '完整归还' },
    );
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ standing: 'returned', returnedTo: 'song.archive' });
    expect(
      await endEventOf(
        suite.stack.records,
        (lent.body as { processInstanceKey: string }).processInstanceKey,
      ),
    ).toBe('FileReturned');
    const again = await suite.staff.post(
      'song.archive',
      `/api/loans/${refusedLoan}/archive/lendings/${(lent.body as { id: string }).id}/return`,
      {},
    );
    expect(again.status).toBe(409);
    const register = await archiveOf(refusedLoan);
    expect(register.file!.status).toBe('in-custody');
    expect(register.entries.map((e: { act: string }) => e.act)).toEqual([
      'filed',
      'lent',
      'returned',
    ]);
  });

  it('answers 403 (audited) to a post that does not keep the archive, 404 for another branch', async () => {
    const refusals = () =>
      suite.dataSource
        .getRepository(AuditEntryEntity)
        .countBy({ actor: 'li.cm', action: 'access.refused', outcome: 'refused' });
    const before = await refusals();
    const cm = await suite.staff.post('li.cm', `/api/loans/${refusedLoan}/archive/lendings`, {
      borrower: 'li.cm',
      purpose: '自己调阅',
    });
    expect(cm.status).toBe(403);
    expect((cm.body as ErrorAnswer).code).toBe('ROLE_REQUIRED');
    expect(await refusals()).toBe(before + 1);

    const ningbo = fixtureLoanId();
    await suite.stack.registerLoan(ningbo, 'SB-NB-YZ');
    const other = await suite.staff.get('song.archive', `/api/loans/${ningbo}/archive`);
    expect(other.status).toBe(404);
    expect((other.body as ErrorAnswer).code).toBe('LOAN_NOT_FOUND');
  });

  it('refuses destruction before the retention is over, and without a second person', async () => {
    const early = await suite.staff.post(
      'song.archive',
      `/api/loans/${refusedLoan}/archive/destruction`,
      {
        reason: '申请销毁',
      },
    );
    expect(early.status).toBe(409);
    expect((early.body as ErrorAnswer).code).toBe('ARCHIVE_RETENTION_NOT_OVER');
    const audited = await suite.dataSource.getRepository(AuditEntryEntity).findOneBy({
      loanKey: refusedLoan,
      action: 'archive.destruction-request',
      outcome: 'refused',
    });
    expect(audited?.reason).toMatch(/ARCHIVE_RETENTION_NOT_OVER/);

    const loanId = await oldFile('A');
    const unasked = await suite.staff.post(
      'chen.center',
      `/api/loans/${loanId}/archive/destruction/decision`,
      { approve: true, note: '同意销毁' },
    );
    expect(unasked.status).toBe(409);
    expect((unasked.body as ErrorAnswer).code).toBe('ARCHIVE_DESTRUCTION_NOT_REQUESTED');
    // The archive officer may not approve at all; a center manager who asked may not approve it.
    await withExtraRole(suite.dataSource, 'chen.center', 'archive-officer', async () => {
      const asked = await suite.staff.post(
        'chen.center',
        `/api/loans/${loanId}/archive/destruction`,
        {
          reason: '超过保管年限',
        },
      );
      expect(asked.status).toBe(200);
      const own = await suite.staff.post(
        'chen.center',
        `/api/loans/${loanId}/archive/destruction/decision`,
        { approve: true, note: '同意销毁' },
      );
      expect(own.status).toBe(403);
      expect((own.body as ErrorAnswer).code).toBe('SEPARATION_OF_DUTIES');
    });
    const archivist = await suite.staff.post(
      'song.archive',
      `/api/loans/${loanId}/archive/destruction/decision`,
      { approve: true, note: '同意销毁' },
    );
    expect(archivist.status).toBe(403);
    expect((await archiveOf(loanId)).file!.status).toBe('in-custody');
  });

  it('destroys a file past its retention once a second person approves', async () => {
    const loanId = await oldFile('B');
    const asked = await suite.staff.post(
      'song.archive',
      `/api/loans/${loanId}/archive/destruction`,
      {
        reason: '结清满五年，申请销毁',
      },
    );
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      retentionOver: true,
      destructionRequestedBy: 'song.archive',
    });
    const approved = await suite.staff.post(
      'chen.center',
      `/api/loans/${loanId}/archive/destruction/decision`,
      { approve: true, note: '已核对保管期限，同意销毁' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'destroyed',
      destructionApprovedBy: 'chen.center',
    });
    const register = await archiveOf(loanId);
    expect(register.entries.map((e: { act: string }) => e.act)).toEqual([
      'destruction-requested',
      'destroyed',
    ]);
    const lend = await suite.staff.post('song.archive', `/api/loans/${loanId}/archive/lendings`, {
      borrower: 'li.cm',
      purpose: '调阅',
    });
    expect(lend.status).toBe(409);
    expect((lend.body as ErrorAnswer).code).toBe('ARCHIVE_FILE_DESTROYED');
  });

  it('hands files over between archive officers and records an inspection', async () => {
    const loanId = await oldFile('C');
    const notTheirs = await suite.staff.post(successor, '/api/archive/handovers', {
      from: 'song.archive',
      to: successor,
      note: '代为移交',
    });
    expect(notTheirs.status).toBe(400);
    expect((notTheirs.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'from' });
    const notArchive = await suite.staff.post('song.archive', '/api/archive/handovers', {
      from: 'song.archive',
      to: 'li.cm',
      loanIds: [loanId],
      note: '移交',
    });
    expect(notArchive.status).toBe(400);
    expect((notArchive.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'to' });
    const handed = await suite.staff.post('song.archive', '/api/archive/handovers', {
      from: 'song.archive',
      to: successor,
      loanIds: [loanId, refusedLoan],
      note: '岗位调整，移交档案',
    });
    expect(handed.status).toBe(201);
    expect(
      (handed.body as { files: { loanId: string }[] }).files
        .map((f: { loanId: string }) => f.loanId)
        .sort(),
    ).toEqual([loanId, refusedLoan].sort());
    expect((await archiveOf(loanId)).file!.custodian).toBe(successor);
    expect((await archiveOf(refusedLoan)).entries.at(-1)).toMatchObject({
      act: 'handed-over',
      by: 'song.archive',
    });
    const list = await suite.staff.get('chen.center', '/api/archive/handovers');
    expect(
      (list.body as { items: { id: string; loanId: string; findings: unknown }[] }).items[0],
    ).toMatchObject({ from: 'song.archive', to: successor });

    const elsewhere = await suite.staff.post('chen.center', '/api/archive/inspections', {
      unitCode: 'BR-NB',
      result: 'in-order',
      filesChecked: 3,
      findings: '抽查三卷',
    });
    expect(elsewhere.status).toBe(400);
    expect((elsewhere.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'unitCode' });
    const inspected = await suite.staff.post('chen.center', '/api/archive/inspections', {
      unitCode: 'BR-HZ',
      result: 'issues-found',
      filesChecked: 40,
      findings: `抽查 40 卷 ${run}：一卷缺借据复印件，已督促补齐`,
    });
    expect(inspected.status).toBe(201);
    expect(inspected.body).toMatchObject({ inspectedBy: 'chen.center', result: 'issues-found' });
    const inspections = await suite.staff.get('song.archive', '/api/archive/inspections');
    expect(
      (inspections.body as { items: { id: string; loanId: string; findings: unknown }[] }).items[0]
        .findings,
    ).toContain(run);
  });

  it('keeps a valuable and records each movement: out with a reason, back, released', async () => {
    const loanId = fixtureLoanId();
    await suite.stack.registerLoan(loanId, 'SB-HZ-XH');
    const path = `/api/loans/${loanId}/archive/valuables`;
    const wrongKind = await suite.staff.post('song.archive', path, {
      kind: 'cash',
      reference: 'X-1',
      description: '现金',
      location: '凭证库',
    });
    expect(wrongKind.status).toBe(400);
    expect((wrongKind.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'kind' });
    const kept = await suite.staff.post('song.archive', path, {
      kind: 'mortgage-certificate',
      reference: `浙(2027)杭州市不动产证明第${run}号`,
      description: '抵押房产他项权证',
      location: '杭州分行凭证库 A-03',
    });
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({ status: 'in-custody' });
    const move = (body: object) =>
      suite.staff.post(
        'song.archive',
        `${path}/${(kept.body as { id: string }).id}/movements`,
        body,
      );
    const nowhere = await move({ movement: 'out', reason: '办理变更登记' });
    expect(nowhere.status).toBe(400);
    expect((nowhere.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'counterpart' });
    expect(
      (
        (await move({ movement: 'out', reason: '办理变更登记', counterpart: 'ma.mortgage' }))
          .body as { status: string }
      ).status,
    ).toBe('out');
    const whileOut = await move({ movement: 'released', reason: '结清退还' });
    expect(whileOut.status).toBe(409);
    expect((whileOut.body as ErrorAnswer).code).toBe('VALUABLE_MOVEMENT_NOT_ALLOWED');
    expect(
      ((await move({ movement: 'back', reason: '变更登记完毕归库' })).body as { status: string })
        .status,
    ).toBe('in-custody');
    const released = await move({ movement: 'released', reason: '贷款结清，退还借款人' });
    expect(released.status).toBe(201);
    expect(
      (released.body as { movements: { movement: string }[] }).movements.map(
        (m: { movement: string }) => m.movement,
      ),
    ).toEqual(['in', 'out', 'back', 'released']);
    expect(
      (await move({ movement: 'out', reason: '再出库', counterpart: '西湖区法院' })).status,
    ).toBe(409);
    const listed = await suite.staff.get('chen.center', '/api/archive/valuables?status=released');
    expect(
      (listed.body as { items: { id: string; loanId: string; findings: unknown }[] }).items.map(
        (v: { id: string }) => v.id,
      ),
    ).toContain((kept.body as { id: string }).id);
  });
});

import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import {
  ArchiveFileStatus,
  ArchiveKind,
  assertDestructionAllowed,
  assertDutyAllowed,
  DomainError,
  isDomainError,
  itemAt,
  lendingDueDate,
  lendingStanding,
  messageOf,
  retentionEnds,
  valuableAfter,
  ValuableKind,
  ValuableMovement,
  ValuableStatus,
} from '@loanflow/domain';
import { asActor, auditActorOf, Directory, Principal, UnitScope } from '@loanflow/identity';
import type {
  ArchiveFileEntity,
  ArchiveHandoverEntity,
  ArchiveInspectionEntity,
  ArchiveLendingEntity,
  ArchiveValuableEntity,
} from '@loanflow/persistence';
import { BusinessClock, publishOnce, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { ARCHIVE_FILE_RETURNED_MESSAGE, ARCHIVE_LENDING_PROCESS_ID } from '../servicing.contract';
import { invalidField } from '../complaints/field-error';
import { ArchiveRecords, ArchiveTransaction } from './archive-records';
import {
  ArchiveFileView,
  ArchiveHandoverView,
  ArchiveInspectionView,
  LendingView,
  LoanArchiveView,
  ValuableView,
} from './archive.views';

export interface LendBody {
  borrower: string;
  purpose: string;
  workingDays?: number;
}

export interface ValuableBody {
  kind: ValuableKind;
  reference: string;
  description: string;
  location: string;
  collateralId?: string;
}

export interface MovementBody {
  movement: ValuableMovement;
  reason: string;
  counterpart?: string;
}

export interface InspectionBody {
  unitCode: string;
  result: 'in-order' | 'issues-found';
  filesChecked: number;
  findings: string;
}

export interface HandoverBody {
  from: string;
  to: string;
  loanIds?: string[];
  note: string;
}

const ID = /^\d{1,18}$/;

/**
 * The loan file register (档案登记簿): custody, lending out and return, inspections, hand-overs,
 * destruction on a second person's approval after the retention, and the valuables kept. Every
 * act is one transaction with its audit entry; every refusal is audited.
 */
@Injectable()
export class ArchiveRegister {
  private readonly lendingDays: number;
  private readonly retentionYears: Record<ArchiveKind, number>;

  constructor(
    private readonly register: ArchiveRecords,
    private readonly audit: AuditTrail,
    private readonly directory: Directory,
    private readonly clock: BusinessClock,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    config: AppConfig,
  ) {
    this.lendingDays = config.ARCHIVE_LENDING_WORKING_DAYS;
    this.retentionYears = {
      settled: config.ARCHIVE_RETENTION_YEARS,
      refused: config.ARCHIVE_RETENTION_YEARS,
      'written-off': config.ARCHIVE_WRITTEN_OFF_RETENTION_YEARS,
    };
  }

  // ---- reading -------------------------------------------------------------------------------

  async ofLoan(loanId: string): Promise<LoanArchiveView> {
    const now = await this.clock.now();
    const file = await this.register.file(loanId);
    const [entries, lendings, valuables] = await Promise.all([
      file ? this.register.entries(file.id) : Promise.resolve([]),
      this.register.lendingsOf(loanId),
      this.register.valuablesOf(loanId),
    ]);
    return {
      loanId,
      file: file ? this.fileView(file, now) : null,
      entries: entries.map((e) => ({
        act: e.act,
        by: e.byUser,
        at: e.at.toISOString(),
        note: e.note,
      })),
      lendings: lendings.map((l) => this.lendingView(l, now)),
      valuables: await this.valuableViews(valuables),
    };
  }

  async files(scope: UnitScope, status?: string): Promise<{ items: ArchiveFileView[] }> {
    const now = await this.clock.now();
    const rows = await this.register.files(scope, status);
    return { items: rows.map((r) => this.fileView(r, now)) };
  }

  /** Files out now; `overdue` keeps those past their due time (the overdue list). */
  async lendings(scope: UnitScope, overdueOnly: boolean): Promise<{ items: LendingView[] }> {
    const now = await this.clock.now();
    const views = (await this.register.openLendings(scope)).map((r) => this.lendingView(r, now));
    return { items: overdueOnly ? views.filter((v) => v.standing === 'overdue') : views };
  }

  async valuables(scope: UnitScope, status?: string): Promise<{ items: ValuableView[] }> {
    return { items: await this.valuableViews(await this.register.valuables(scope, status)) };
  }

  async inspections(scope: UnitScope): Promise<{ items: ArchiveInspectionView[] }> {
    const rows = await this.register.inspections(scope);
    return { items: rows.map((r) => inspectionView(r)) };
  }

  async handovers(scope: UnitScope): Promise<{ items: ArchiveHandoverView[] }> {
    const { handovers, items, files } = await this.register.handovers(scope);
    return { items: handovers.map((r) => this.handoverView(r, items, files)) };
  }

  // ---- lending out (调阅) ---------------------------------------------------------------------

  async lend(principal: Principal, loanId: string, body: LendBody): Promise<LendingView> {
    const now = await this.clock.now();
    const lending = await this.refusalsAudited(principal, 'archive.lend', loanId, async () => {
      const borrower = await this.directory.principalByUsername(body.borrower);
      if (!borrower) throw invalidField('borrower', `there is no active user ${body.borrower}`);
      const workingDays = body.workingDays ?? this.lendingDays;
      const due = lendingDueDate(now, workingDays);
      return this.register.transaction(async (tx) => {
        const file = await this.lockFile(tx, loanId);
        this.assertOnShelf(file);
        const row = await tx.addLending({
          fileId: file.id,
          loanId,
          unitCode: file.unitCode,
          borrower: body.borrower,
          purpose: body.purpose,
          lentBy: principal.username,
          lentAt: now,
          dueAt: due.dueAt,
          dueOn: due.dueDate,
          workingDays,
          returnedAt: null,
          returnedTo: null,
          overdueNotifiedAt: null,
          processInstanceKey: null,
        });
        await tx.updateFile(file.id, { status: 'lent' });
        await this.entry(
          tx,
          file,
          'lent',
          principal,
          now,
          `调阅 to ${body.borrower}, due ${due.dueDate}`,
        );
        await tx.audit({
          actor: auditActorOf(principal),
          action: 'archive.lend',
          outcome: 'ok',
          loanKey: loanId,
          inputs: body,
          reason: `file ${file.reference} lent to ${body.borrower} for ${workingDays} working days, due back ${due.dueDate}`,
        });
        return row;
      });
    });
    // The timer runs in the engine; if the broker refuses, the lending is undone.
    try {
      const instance = await this.zeebe.createProcessInstance({
        bpmnProcessId: ARCHIVE_LENDING_PROCESS_ID,
        variables: {
          loanId,
          businessKey: loanId,
          branchCode: lending.unitCode,
          lendingId: lending.id,
          lendingDueAt: lending.dueAt.toISOString(),
          fileBorrower: lending.borrower,
        } as never,
      });
      lending.processInstanceKey = instance.processInstanceKey;
      await this.register.setLendingInstance(lending.id, instance.processInstanceKey);
    } catch (error) {
      await this.register.undoLending(lending);
      throw new DomainError(
        'BROKER_UNAVAILABLE',
        `The workflow engine did not start the lending's clock; the file was not lent. Try again. (${messageOf(error)})`,
      );
    }
    return this.lendingView(lending, now);
  }

  async returnFile(
    principal: Principal,
    loanId: string,
    lendingId: string,
    note: string | undefined,
  ): Promise<LendingView> {
    const now = await this.clock.now();
    const row = await this.refusalsAudited(principal, 'archive.return', loanId, () =>
      this.register.transaction(async (tx) => {
        const lending = ID.test(lendingId) ? await tx.lockLending(lendingId, loanId) : null;
        if (!lending)
          throw new DomainError(
            'ARCHIVE_LENDING_NOT_FOUND',
            `Loan ${loanId} has no lending ${lendingId}.`,
          );
        if (lending.returnedAt)
          throw new DomainError(
            'ARCHIVE_LENDING_RETURNED',
            `Lending ${lendingId} was returned already.`,
          );
        const file = await this.lockFile(tx, loanId);
        await tx.updateLending(lending.id, { returnedAt: now, returnedTo: principal.username });
        await tx.updateFile(file.id, { status: 'in-custody' });
        lending.returnedAt = now;
        lending.returnedTo = principal.username;
        const late = lendingStanding(lending, now) === 'returned-late';
        await this.entry(
          tx,
          file,
          'returned',
          principal,
          now,
          `归还 by ${lending.borrower}${late ? `, late (due ${lending.dueOn})` : ''}${note ? `: ${note}` : ''}`,
        );
        await tx.audit({
          actor: auditActorOf(principal),
          action: 'archive.return',
          outcome: 'ok',
          loanKey: loanId,
          reason: `file ${file.reference} back from ${lending.borrower}${late ? `, late: due ${lending.dueOn}` : ''}`,
        });
        return lending;
      }),
    );
    await publishOnce(this.zeebe, {
      name: ARCHIVE_FILE_RETURNED_MESSAGE,
      correlationKey: row.id,
      messageId: `${ARCHIVE_FILE_RETURNED_MESSAGE}:${row.id}`,
      timeToLive: 3_600_000,
      variables: {},
    });
    return this.lendingView(row, now);
  }

  // ---- destruction (销毁) ---------------------------------------------------------------------

  async requestDestruction(
    principal: Principal,
    loanId: string,
    reason: string,
  ): Promise<ArchiveFileView> {
    const now = await this.clock.now();
    return this.refusalsAudited(principal, 'archive.destruction-request', loanId, () =>
      this.register.transaction(async (tx) => {
        const file = await this.lockFile(tx, loanId);
        const retainUntil = this.retainUntil(file);
        assertDestructionAllowed({ status: file.status as ArchiveFileStatus, retainUntil, now });
        await this.assertDuty(tx, principal, loanId, file, 'archive-destruction-request');
        await tx.updateFile(file.id, {
          destructionRequestedBy: principal.username,
          destructionRequestedAt: now,
        });
        await tx.addDuty(loanId, {
          duty: 'archive-destruction-request',
          username: principal.username,
          ref: destructionRef(file),
        });
        await this.entry(tx, file, 'destruction-requested', principal, now, reason);
        await tx.audit({
          actor: auditActorOf(principal),
          action: 'archive.destruction-request',
          outcome: 'ok',
          loanKey: loanId,
          inputs: { reason },
          reason: `destruction of file ${file.reference} asked for (kept until ${retainUntil.toISOString().slice(0, 10)}); a second person approves`,
        });
        return this.fileView(await tx.file(file.id), now);
      }),
    );
  }

  async decideDestruction(
    principal: Principal,
    loanId: string,
    approve: boolean,
    note: string,
  ): Promise<ArchiveFileView> {
    const now = await this.clock.now();
    return this.refusalsAudited(principal, 'archive.destruction-decision', loanId, () =>
      this.register.transaction(async (tx) => {
        const file = await this.lockFile(tx, loanId);
        if (!file.destructionRequestedBy)
          throw new DomainError(
            'ARCHIVE_DESTRUCTION_NOT_REQUESTED',
            `Nobody has asked to destroy the file of loan ${loanId}.`,
          );
        const retainUntil = this.retainUntil(file);
        assertDestructionAllowed({ status: file.status as ArchiveFileStatus, retainUntil, now });
        await this.assertDuty(tx, principal, loanId, file, 'archive-destruction-approval');
        await tx.addDuty(loanId, {
          duty: 'archive-destruction-approval',
          username: principal.username,
          ref: destructionRef(file),
        });
        await tx.updateFile(
          file.id,
          approve
            ? { status: 'destroyed', destroyedAt: now, destructionApprovedBy: principal.username }
            : { destructionRequestedBy: null, destructionRequestedAt: null },
        );
        await this.entry(
          tx,
          file,
          approve ? 'destroyed' : 'destruction-refused',
          principal,
          now,
          note,
        );
        await tx.audit({
          actor: auditActorOf(principal),
          action: 'archive.destruction-decision',
          outcome: 'ok',
          loanKey: loanId,
          inputs: { approve, note },
          reason: approve
            ? `file ${file.reference} destroyed: asked for by ${file.destructionRequestedBy}, approved by ${principal.username}`
            : `destruction of file ${file.reference} refused by ${principal.username}`,
        });
        return this.fileView(await tx.file(file.id), now);
      }),
    );
  }

  // ---- valuables (重要凭证) ---------------------------------------------------------------------

  async keepValuable(
    principal: Principal,
    loanId: string,
    body: ValuableBody,
  ): Promise<ValuableView> {
    const now = await this.clock.now();
    return this.refusalsAudited(principal, 'archive.valuable-in', loanId, () =>
      this.register.transaction(async (tx) => {
        const loan = await tx.loan(loanId);
        if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
        if (body.collateralId && !(await tx.hasCollateral(loanId, body.collateralId)))
          throw invalidField(
            'collateralId',
            `loan ${loanId} has no collateral ${body.collateralId}`,
          );
        const row = await tx.addValuable({
          loanId,
          unitCode: loan.branchCode,
          collateralId: body.collateralId ?? null,
          kind: body.kind,
          reference: body.reference,
          description: body.description,
          location: body.location,
          status: 'in-custody',
          receivedBy: principal.username,
          receivedAt: now,
        });
        await tx.addMovement({
          valuableId: row.id,
          loanId,
          movement: 'in',
          reason: `入库保管 kept at ${body.location}`,
          counterpart: null,
          byUser: principal.username,
          at: now,
        });
        await tx.audit({
          actor: auditActorOf(principal),
          action: 'archive.valuable-in',
          outcome: 'ok',
          loanKey: loanId,
          inputs: body,
          reason: `${body.kind} kept (valuable ${row.id}) at ${body.location}`,
        });
        return itemAt(await this.valuableViews([row], tx), 0, "the valuable's view");
      }),
    );
  }

  async moveValuable(
    principal: Principal,
    loanId: string,
    valuableId: string,
    body: MovementBody,
  ): Promise<ValuableView> {
    const now = await this.clock.now();
    return this.refusalsAudited(principal, `archive.valuable-${body.movement}`, loanId, () =>
      this.register.transaction(async (tx) => {
        const row = ID.test(valuableId) ? await tx.lockValuable(valuableId, loanId) : null;
        if (!row)
          throw new DomainError(
            'VALUABLE_NOT_FOUND',
            `Loan ${loanId} has no valuable ${valuableId}.`,
          );
        if (body.movement === 'out' && !body.counterpart)
          throw invalidField('counterpart', 'say to whom or where the valuable goes out');
        const status = valuableAfter(row.status as ValuableStatus, body.movement);
        await tx.updateValuable(row.id, { status });
        await tx.addMovement({
          valuableId: row.id,
          loanId,
          movement: body.movement,
          reason: body.reason,
          counterpart: body.counterpart ?? null,
          byUser: principal.username,
          at: now,
        });
        await tx.audit({
          actor: auditActorOf(principal),
          action: `archive.valuable-${body.movement}`,
          outcome: 'ok',
          loanKey: loanId,
          inputs: body,
          reason: `valuable ${row.id} (${row.kind}) ${body.movement}${body.counterpart ? ` (${body.counterpart})` : ''}: now ${status}`,
        });
        row.status = status;
        return itemAt(await this.valuableViews([row], tx), 0, "the valuable's view");
      }),
    );
  }

  // ---- inspections and hand-overs --------------------------------------------------------------

  async inspect(
    principal: Principal,
    scope: UnitScope,
    body: InspectionBody,
  ): Promise<ArchiveInspectionView> {
    const now = await this.clock.now();
    return this.refusalsAudited(principal, 'archive.inspect', null, async () => {
      if (!scope.all && !scope.unitCodes.includes(body.unitCode))
        throw invalidField('unitCode', `${body.unitCode} is not your unit nor below it`);
      return this.register.transaction(async (tx) => {
        const row = await tx.addInspection({
          unitCode: body.unitCode,
          inspectedBy: principal.username,
          inspectedAt: now,
          result: body.result,
          filesChecked: body.filesChecked,
          findings: body.findings,
        });
        await tx.audit({
          actor: auditActorOf(principal),
          action: 'archive.inspect',
          outcome: 'ok',
          loanKey: null,
          inputs: body,
          reason: `archive of ${body.unitCode} inspected: ${body.filesChecked} files, ${body.result}`,
        });
        return inspectionView(row);
      });
    });
  }

  /** 移交: the files in one person's custody (all in scope, or those listed) pass to another. */
  async handOver(
    principal: Principal,
    scope: UnitScope,
    body: HandoverBody,
  ): Promise<ArchiveHandoverView> {
    const now = await this.clock.now();
    return this.refusalsAudited(principal, 'archive.handover', null, async () => {
      if (body.from === body.to) throw invalidField('to', 'the files go to someone else');
      if (body.from !== principal.username && !principal.roles.includes('center-manager'))
        throw invalidField(
          'from',
          'an archive officer hands over their own files; a center manager anyone’s',
        );
      const successor = await this.directory.principalByUsername(body.to);
      if (!successor || !successor.roles.includes('archive-officer'))
        throw invalidField('to', `${body.to} is no active archive officer`);
      return this.register.transaction(async (tx) => {
        const files = await tx.lockFilesInCustody({
          scope,
          custodian: body.from,
          ...(body.loanIds ? { loanIds: body.loanIds } : {}),
        });
        if (body.loanIds?.length) {
          const missing = body.loanIds.filter((id) => !files.some((f) => f.loanId === id));
          if (missing.length)
            throw invalidField(
              'loanIds',
              `not in ${body.from}'s custody in your units: ${missing.join(', ')}`,
            );
        }
        if (files.length === 0)
          throw invalidField('from', `${body.from} keeps no file in your units`);
        const row = await tx.addHandover({
          unitCode: scope.all ? 'HO' : principal.orgUnitCode,
          fromUser: body.from,
          toUser: body.to,
          handedAt: now,
          recordedBy: principal.username,
          note: body.note,
        });
        for (const file of files) {
          await tx.addHandoverItem(row.id, file.id);
          await tx.updateFile(file.id, { custodian: body.to });
          await this.entry(
            tx,
            file,
            'handed-over',
            principal,
            now,
            `移交 ${body.from} → ${body.to}`,
          );
        }
        await tx.audit({
          actor: auditActorOf(principal),
          action: 'archive.handover',
          outcome: 'ok',
          loanKey: null,
          inputs: body,
          reason: `${files.length} file(s) handed over from ${body.from} to ${body.to}: ${files.map((f) => f.reference).join(', ')}`,
        });
        const items = files.map((f) => ({ handoverId: row.id, fileId: f.id }));
        return this.handoverView(row, items, files);
      });
    });
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private retainUntil(file: ArchiveFileEntity): Date {
    return retentionEnds(file.closedAt, this.retentionYears[file.kind as ArchiveKind] ?? 5);
  }

  private async lockFile(tx: ArchiveTransaction, loanId: string): Promise<ArchiveFileEntity> {
    const file = await tx.lockFile(loanId);
    if (!file)
      throw new DomainError(
        'ARCHIVE_FILE_NOT_FOUND',
        `The file of loan ${loanId} is not in the archive.`,
      );
    return file;
  }

  private assertOnShelf(file: ArchiveFileEntity): void {
    if (file.status === 'lent')
      throw new DomainError('ARCHIVE_FILE_LENT', `File ${file.reference} is lent out already.`);
    if (file.status === 'destroyed')
      throw new DomainError('ARCHIVE_FILE_DESTROYED', `File ${file.reference} has been destroyed.`);
  }

  private async assertDuty(
    tx: ArchiveTransaction,
    principal: Principal,
    loanId: string,
    file: ArchiveFileEntity,
    duty: 'archive-destruction-request' | 'archive-destruction-approval',
  ): Promise<void> {
    const ref = destructionRef(file);
    const [parties, duties] = await Promise.all([tx.parties(loanId), tx.duties(loanId, ref)]);
    assertDutyAllowed(
      asActor(principal),
      duty,
      duties.map((d) => ({ duty: d.duty as typeof duty, username: d.username, ref: d.ref })),
      {
        applicantIdNumber: parties.find((p) => p.role === 'applicant')?.idNumber ?? null,
        guarantorIdNumbers: parties.filter((p) => p.role === 'guarantor').map((p) => p.idNumber),
      },
      { ref },
    );
  }

  private async entry(
    tx: ArchiveTransaction,
    file: ArchiveFileEntity,
    act: string,
    principal: Principal,
    at: Date,
    note: string,
  ): Promise<void> {
    await tx.addEntry({
      fileId: file.id,
      loanId: file.loanId,
      act,
      byUser: principal.username,
      at,
      note,
    });
  }

  /** Runs an act; a refusal the rules make (a DomainError) is audited before it is answered. */
  private async refusalsAudited<T>(
    principal: Principal,
    action: string,
    loanId: string | null,
    act: () => Promise<T>,
  ): Promise<T> {
    try {
      return await act();
    } catch (error) {
      if (isDomainError(error))
        await this.audit.record({
          actor: auditActorOf(principal),
          action,
          outcome: 'refused',
          loanKey: loanId,
          reason: `${error.code}: ${error.message}`,
        });
      throw error;
    }
  }

  private fileView(file: ArchiveFileEntity, now: Date): ArchiveFileView {
    const retainUntil = this.retainUntil(file);
    return {
      id: file.id,
      loanId: file.loanId,
      unitCode: file.unitCode,
      kind: file.kind,
      reference: file.reference,
      location: file.location,
      custodian: file.custodian,
      status: file.status,
      closedAt: file.closedAt.toISOString(),
      filedAt: file.filedAt.toISOString(),
      filedBy: file.filedBy,
      retainUntil: retainUntil.toISOString(),
      retentionOver: now.getTime() >= retainUntil.getTime(),
      destructionRequestedBy: file.destructionRequestedBy,
      destructionRequestedAt: file.destructionRequestedAt?.toISOString() ?? null,
      destroyedAt: file.destroyedAt?.toISOString() ?? null,
      destructionApprovedBy: file.destructionApprovedBy,
    };
  }

  private lendingView(row: ArchiveLendingEntity, now: Date): LendingView {
    return {
      id: row.id,
      loanId: row.loanId,
      unitCode: row.unitCode,
      borrower: row.borrower,
      purpose: row.purpose,
      lentBy: row.lentBy,
      lentAt: row.lentAt.toISOString(),
      dueAt: row.dueAt.toISOString(),
      dueOn: row.dueOn,
      workingDays: row.workingDays,
      returnedAt: row.returnedAt?.toISOString() ?? null,
      returnedTo: row.returnedTo,
      overdueNotifiedAt: row.overdueNotifiedAt?.toISOString() ?? null,
      standing: lendingStanding(row, now),
      processInstanceKey: row.processInstanceKey,
    };
  }

  /** The valuables with their movements, read in the act's transaction when there is one. */
  private async valuableViews(
    rows: ArchiveValuableEntity[],
    from: Pick<ArchiveRecords, 'movements'> = this.register,
  ): Promise<ValuableView[]> {
    if (rows.length === 0) return [];
    const movements = await from.movements(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      loanId: r.loanId,
      unitCode: r.unitCode,
      collateralId: r.collateralId,
      kind: r.kind,
      reference: r.reference,
      description: r.description,
      location: r.location,
      status: r.status,
      receivedBy: r.receivedBy,
      receivedAt: r.receivedAt.toISOString(),
      movements: movements
        .filter((m) => m.valuableId === r.id)
        .map((m) => ({
          movement: m.movement,
          reason: m.reason,
          counterpart: m.counterpart,
          by: m.byUser,
          at: m.at.toISOString(),
        })),
    }));
  }

  private handoverView(
    row: ArchiveHandoverEntity,
    items: { handoverId: string; fileId: string }[],
    files: ArchiveFileEntity[],
  ): ArchiveHandoverView {
    const mine = items.filter((i) => i.handoverId === row.id).map((i) => i.fileId);
    return {
      id: row.id,
      unitCode: row.unitCode,
      from: row.fromUser,
      to: row.toUser,
      handedAt: row.handedAt.toISOString(),
      recordedBy: row.recordedBy,
      note: row.note,
      files: files
        .filter((f) => mine.includes(f.id))
        .map((f) => ({ loanId: f.loanId, reference: f.reference })),
    };
  }
}

/** The duties of one file's destruction are kept under this reference. */
function destructionRef(file: ArchiveFileEntity): string {
  return `archive-destruction:${file.id}`;
}

function inspectionView(row: ArchiveInspectionEntity): ArchiveInspectionView {
  return {
    id: row.id,
    unitCode: row.unitCode,
    inspectedBy: row.inspectedBy,
    inspectedAt: row.inspectedAt.toISOString(),
    result: row.result,
    filesChecked: row.filesChecked,
    findings: row.findings,
  };
}

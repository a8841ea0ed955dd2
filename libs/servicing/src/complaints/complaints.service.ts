import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import {
  COMPLAINT_CATEGORIES,
  ComplaintCategory,
  complaintDeadline,
  complaintFigures,
  complaintHandler,
  complaintStanding,
  DomainError,
  itemAt,
  messageOf,
} from '@loanflow/domain';
import { auditActorOf, Directory, Principal, UnitScope } from '@loanflow/identity';
import { BusinessClock, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { ComplaintFiguresView, ComplaintView } from './complaint.views';
import { COMPLAINT_PROCESS_ID } from '../servicing.contract';
import { asFieldError, invalidField } from './field-error';
import { LoanRecords, servicedLoanSummaryOf } from '@loanflow/loans';
import { ComplaintRecord, ComplaintRecords } from './complaint-records';

/** The posts that serve customers: they take complaints and may be named to handle one. */
export const CUSTOMER_SERVING_ROLES = [
  'customer-manager',
  'center-manager',
  'post-loan-officer',
  'collection-officer',
] as const;

export const COMPLAINT_CHANNELS = ['counter', 'phone', 'letter', 'online', 'regulator'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export interface FileComplaintBody {
  category: ComplaintCategory;
  channel: ComplaintChannel;
  text: string;
  staffInvolved?: string[];
  handler?: string;
}

/**
 * Complaints about a loan: filed by the staff who serve customers, handed to a handler with a
 * deadline in working days, escalated by the complaint-handling process when late.
 */
@Injectable()
export class ComplaintsService {
  private readonly answerDays: number;

  constructor(
    private readonly register: ComplaintRecords,
    private readonly audit: AuditTrail,
    private readonly records: LoanRecords,
    private readonly directory: Directory,
    private readonly clock: BusinessClock,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    config: AppConfig,
  ) {
    this.answerDays = config.COMPLAINT_ANSWER_WORKING_DAYS;
  }

  async file(
    principal: Principal,
    loanId: string,
    body: FileComplaintBody,
  ): Promise<ComplaintView> {
    const now = await this.clock.now();
    const loan = await this.register.loan(loanId);
    if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
    const staffInvolved = [...new Set(body.staffInvolved ?? [])];
    let handler: string | null;
    try {
      await this.assertStaff(staffInvolved);
      if (body.handler !== undefined) await this.assertHandler(body.handler, loan.branchCode);
      handler = complaintHandler({
        named: body.handler ?? null,
        customerManager: loan.customerManager,
        staffInvolved,
      });
    } catch (error) {
      const refusal = asFieldError(error);
      if (refusal instanceof DomainError)
        await this.audit.record({
          actor: auditActorOf(principal),
          action: 'complaint.file',
          outcome: 'refused',
          loanKey: loanId,
          reason: `${refusal.code}: ${refusal.message}`,
        });
      throw refusal;
    }
    const deadline = complaintDeadline(now, this.answerDays);
    const row = await this.register.file(
      {
        loanId,
        unitCode: loan.branchCode,
        category: body.category,
        channel: body.channel,
        body: body.text,
        filedBy: principal.username,
        filedAt: now,
        handler,
        level: 'handler',
        dueAt: deadline.dueAt,
        dueOn: deadline.dueDate,
        levelDueAt: deadline.dueAt,
        workingDays: this.answerDays,
        calendarCovered: deadline.calendarCovered ? 1 : 0,
        processInstanceKey: null,
        status: 'open',
        answer: null,
        resolution: null,
        answeredBy: null,
        answeredAt: null,
        escalatedToBranchAt: null,
        escalatedToHeadOfficeAt: null,
      },
      staffInvolved,
    );
    // Started once the complaint is committed; if the broker refuses, the complaint is withdrawn.
    const { loan: file, applicant, guarantors } = await this.records.fileForJob(loanId);
    try {
      const instance = await this.zeebe.createProcessInstance({
        bpmnProcessId: COMPLAINT_PROCESS_ID,
        variables: {
          loanId,
          businessKey: loanId,
          complaintId: row.id,
          branchCode: loan.branchCode,
          complaintHandler: handler,
          complaintCategory: body.category,
          complaintLevel: 'handler',
          complaintDueAt: deadline.dueAt.toISOString(),
          loan: servicedLoanSummaryOf(file, applicant, guarantors),
        } as never,
      });
      row.processInstanceKey = instance.processInstanceKey;
    } catch (error) {
      await this.register.withdraw(row.id);
      throw new DomainError(
        'BROKER_UNAVAILABLE',
        `The workflow engine did not start the complaint's handling; nothing was recorded. Try again. (${messageOf(error)})`,
      );
    }
    await this.register.started(row.id, row.processInstanceKey, {
      actor: auditActorOf(principal),
      action: 'complaint.file',
      outcome: 'ok',
      loanKey: loanId,
      inputs: body,
      // The text is personal data: hashed with the inputs, not repeated here.
      reason: `complaint ${row.id} (${body.category}) to ${handler ?? `the center managers of ${loan.branchCode}`}, answer due ${deadline.dueDate}${staffInvolved.length ? `; staff involved: ${staffInvolved.join(', ')}` : ''}`,
    });
    return this.viewOf(row, staffInvolved, now);
  }

  async listForLoan(loanId: string): Promise<ComplaintView[]> {
    const rows = await this.register.ofLoan(loanId);
    return this.views(rows);
  }

  async getForLoan(loanId: string, id: string): Promise<ComplaintView> {
    const row = /^\d{1,18}$/.test(id) ? await this.register.oneOfLoan(loanId, id) : null;
    if (!row)
      throw new DomainError('COMPLAINT_NOT_FOUND', `Loan ${loanId} has no complaint ${id}.`);
    return itemAt(await this.views([row]), 0, "the complaint's view");
  }

  /** The complaints of the caller's units, newest first, optionally by status or staff involved. */
  async list(
    scope: UnitScope,
    status?: string,
    staff?: string,
  ): Promise<{ items: ComplaintView[] }> {
    const about = staff ? await this.register.about(staff) : null;
    if (about && about.length === 0) return { items: [] };
    const rows = await this.register.list(
      { unitCodes: scope.all ? null : scope.unitCodes, status, ids: about },
      200,
    );
    return { items: await this.views(rows) };
  }

  async figures(scope: UnitScope): Promise<ComplaintFiguresView> {
    const now = await this.clock.now();
    const rows = await this.register.deadlines(scope.all ? null : scope.unitCodes);
    const figures = complaintFigures(
      rows.map((r) => ({
        unitCode: r.unitCode,
        category: r.category as ComplaintCategory,
        dueAt: r.dueAt,
        answeredAt: r.answeredAt,
      })),
      now,
    );
    const totals = figures.reduce(
      (sum, r) => ({
        open: sum.open + r.open,
        answered: sum.answered + r.answered,
        late: sum.late + r.late,
      }),
      { open: 0, answered: 0, late: 0 },
    );
    return { asOf: now.toISOString(), rows: figures, totals };
  }

  private async assertStaff(usernames: readonly string[]): Promise<void> {
    if (usernames.length === 0) return;
    const known = new Set(await this.register.activeUsers(usernames));
    const unknown = usernames.filter((u) => !known.has(u));
    if (unknown.length)
      throw invalidField('staffInvolved', `there is no active user ${unknown.join(', ')}`);
  }

  /** A named handler serves customers and sits at the loan's unit or above it (sees the loan). */
  private async assertHandler(username: string, branchCode: string): Promise<void> {
    const person = await this.directory.principalByUsername(username);
    const unit = await this.directory.orgUnit(branchCode);
    if (!person) throw invalidField('handler', `there is no active user ${username}`);
    if (!person.roles.some((r) => (CUSTOMER_SERVING_ROLES as readonly string[]).includes(r)))
      throw invalidField(
        'handler',
        `${username} holds no post that serves customers (${CUSTOMER_SERVING_ROLES.join(', ')})`,
      );
    if (!unit || !unit.path.startsWith(person.orgPath))
      throw invalidField('handler', `${username} does not work at the loan's unit or above it`);
  }

  private async views(rows: ComplaintRecord[]): Promise<ComplaintView[]> {
    if (rows.length === 0) return [];
    const now = await this.clock.now();
    const staff = await this.register.staffOf(rows.map((r) => r.id));
    return rows.map((row) =>
      this.viewOf(
        row,
        staff.filter((s) => s.complaintId === row.id).map((s) => s.username),
        now,
      ),
    );
  }

  private viewOf(row: ComplaintRecord, staffInvolved: string[], now: Date): ComplaintView {
    return {
      id: row.id,
      loanId: row.loanId,
      unitCode: row.unitCode,
      category: row.category,
      channel: row.channel,
      text: row.body,
      staffInvolved,
      filedBy: row.filedBy,
      filedAt: row.filedAt.toISOString(),
      handler: row.handler,
      level: row.level,
      dueAt: row.dueAt.toISOString(),
      dueOn: row.dueOn,
      levelDueAt: row.levelDueAt.toISOString(),
      workingDays: row.workingDays,
      calendarCovered: row.calendarCovered === 1,
      status: row.status,
      standing: complaintStanding(
        {
          unitCode: row.unitCode,
          category: row.category as ComplaintCategory,
          dueAt: row.dueAt,
          answeredAt: row.answeredAt,
        },
        now,
      ),
      answer: row.answer,
      resolution: row.resolution,
      answeredBy: row.answeredBy,
      answeredAt: row.answeredAt?.toISOString() ?? null,
      escalatedToBranchAt: row.escalatedToBranchAt?.toISOString() ?? null,
      escalatedToHeadOfficeAt: row.escalatedToHeadOfficeAt?.toISOString() ?? null,
      processInstanceKey: row.processInstanceKey,
    };
  }
}

export { COMPLAINT_CATEGORIES };

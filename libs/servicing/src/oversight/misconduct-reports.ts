import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, ReportStatus, reportTransition } from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import type { MisconductReportEntity, MisconductReportStepEntity } from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';
import { asFieldError, invalidField } from '../complaints/field-error';
import { MisconductReportRecords } from './misconduct-report-records';
import type {
  FileReportRequest,
  ReportHandlingRequest,
  ReportReceipt,
  ReportView,
} from './report.requests';

/**
 * Reports of suspicious activity (举报). Anyone signed in files one and gets a receipt, nothing
 * more; only the auditor role reads reports and records their handling (an admin without it does
 * not). The audit trail names the report by number only: no loan key (the loan's audit trail is
 * read by its branch), no subject, no text.
 */
@Injectable()
export class MisconductReports {
  constructor(
    private readonly records: MisconductReportRecords,
    private readonly audit: AuditTrail,
    private readonly clock: BusinessClock,
  ) {}

  async file(principal: Principal, request: FileReportRequest): Promise<ReportReceipt> {
    const now = await this.clock.now();
    if (request.subject === 'loan') {
      const loan = await this.records.loanExists(request.loanId!);
      if (!loan) throw invalidField('loanId', `there is no loan ${request.loanId}`);
    } else {
      const person = await this.records.userExists(request.staff!);
      if (!person) throw invalidField('staff', `there is no user ${request.staff}`);
      if (request.staff === principal.username)
        throw invalidField('staff', 'a report is about someone else');
    }
    const row = await this.records.transaction(async (tx) => {
      const created = await tx.addReport({
        subjectKind: request.subject,
        loanId: request.subject === 'loan' ? request.loanId! : null,
        staffUsername: request.subject === 'staff' ? request.staff! : null,
        body: request.text,
        filedBy: principal.username,
        filedAt: now,
        status: 'received',
        outcome: null,
        updatedAt: now,
      });
      await tx.audit({
        actor: auditActorOf(principal),
        action: 'report.file',
        outcome: 'ok',
        reason: `report ${created.id} received`,
      });
      return created;
    });
    return { id: row.id, filedAt: row.filedAt.toISOString() };
  }

  async list(principal: Principal): Promise<{ items: ReportView[] }> {
    const rows = await this.records.reports();
    return {
      items: rows.filter((row) => readable(row, principal)).map((row) => viewOf(row, [])),
    };
  }

  async get(principal: Principal, id: string): Promise<ReportView> {
    const row = await this.find(id);
    if (!readable(row, principal)) throw notFound(id);
    const steps = await this.records.steps(row.id);
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'report.read',
      outcome: 'ok',
      reason: `report ${row.id} read`,
    });
    return viewOf(row, steps);
  }

  async handle(
    principal: Principal,
    id: string,
    request: ReportHandlingRequest,
  ): Promise<ReportView> {
    const now = await this.clock.now();
    await this.records
      .transaction(async (tx) => {
        const row = await tx.lockReport(this.idOf(id));
        // A report an auditor filed or that is about them is for their colleagues: as if missing.
        if (!row || !readable(row, principal)) throw notFound(id);
        try {
          reportTransition(row.status as ReportStatus, request.status, request.outcome ?? null);
        } catch (error) {
          throw error instanceof DomainError && error.code === 'REPORT_CLOSED'
            ? error
            : asFieldError(error);
        }
        await tx.updateReport(row.id, {
          status: request.status,
          outcome: request.outcome ?? null,
          updatedAt: now,
        });
        await tx.addStep({
          reportId: row.id,
          status: request.status,
          outcome: request.outcome ?? null,
          note: request.note,
          by: principal.username,
          at: now,
        });
        await tx.audit({
          actor: auditActorOf(principal),
          action: 'report.handle',
          outcome: 'ok',
          inputs: request,
          reason: `report ${row.id}: ${request.status}${request.outcome ? ` (${request.outcome})` : ''}`,
        });
      })
      .catch(async (error: unknown) => {
        if (error instanceof DomainError)
          await this.audit.record({
            actor: auditActorOf(principal),
            action: 'report.handle',
            outcome: 'refused',
            reason: `${error.code}: report ${id}`,
          });
        throw error;
      });
    return this.get(principal, id);
  }

  private idOf(id: string): string {
    return /^\d{1,18}$/.test(id) ? id : '0';
  }

  private async find(id: string): Promise<MisconductReportEntity> {
    const row = await this.records.report(this.idOf(id));
    if (!row) throw notFound(id);
    return row;
  }
}

/** An auditor reads neither the reports they filed nor those about them. */
function readable(row: MisconductReportEntity, principal: Principal): boolean {
  return row.filedBy !== principal.username && row.staffUsername !== principal.username;
}

function notFound(id: string): DomainError {
  return new DomainError('REPORT_NOT_FOUND', `There is no report ${id}.`);
}

function viewOf(row: MisconductReportEntity, steps: MisconductReportStepEntity[]): ReportView {
  return {
    id: row.id,
    subject: row.subjectKind,
    loanId: row.loanId,
    staff: row.staffUsername,
    text: row.body,
    filedBy: row.filedBy,
    filedAt: row.filedAt.toISOString(),
    status: row.status,
    outcome: row.outcome,
    updatedAt: row.updatedAt.toISOString(),
    steps: steps.map((s) => ({
      status: s.status,
      outcome: s.outcome,
      note: s.note,
      by: s.by,
      at: s.at.toISOString(),
    })),
  };
}

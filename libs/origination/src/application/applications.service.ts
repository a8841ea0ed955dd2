import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import {
  assertNoConflictOfInterest,
  DOCUMENT_KINDS,
  DomainError,
  isWithin,
  messageOf,
  Money,
  parseIdNumber,
  uploadProblems,
} from '@loanflow/domain';
import { asActor, auditActorOf, Directory, Principal } from '@loanflow/identity';
import { ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { LoanDocumentsService, StoredUpload } from '../documents/loan-documents.service';
import type { ApplicationFile } from './application-upload.interceptor';
import { ApplicationRecords, NewApplication } from './application-records';
import { ORIGINATION_PROCESS_ID } from '../origination.contract';
import type { ApplicationAccepted, ApplicationRequest } from './application.request';
import { newLoanId, loanSummaryOf } from '@loanflow/loans';

const minor = (amount: string): string => Money.parse(amount).minorUnits.toString();

/**
 * Takes an application: writes the loan with its parties and collateral, starts its origination
 * instance, and records who took it. The loan is committed before the instance starts (its first
 * worker reads it at once); if the broker refuses the start, the loan is removed again.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly register: ApplicationRecords,
    private readonly directory: Directory,
    private readonly audit: AuditTrail,
    private readonly documents: LoanDocumentsService,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async submit(
    principal: Principal,
    request: ApplicationRequest,
    files: readonly ApplicationFile[] = [],
  ): Promise<ApplicationAccepted> {
    assertPapersReadable(files);
    const branchCode = await this.branchFor(principal, request.branchCode);
    try {
      assertNoConflictOfInterest(asActor(principal), {
        applicantIdNumber: request.applicant.idNumber.toUpperCase(),
        guarantorIdNumbers: (request.guarantors ?? []).map((g) => g.idNumber.toUpperCase()),
      });
    } catch (error) {
      if (error instanceof DomainError) await this.refuse(principal, error);
      throw error;
    }

    // Declared, informative: by default the kinds of the files sent.
    request.documents ??= [...new Set(files.map((file) => file.fieldname))];
    const loanId = newLoanId();
    // The papers' bytes first (stored by checksum): the rows that point at them commit with the loan.
    const stored: StoredUpload[] = [];
    for (const file of files) stored.push(await this.documents.storeBytes(file.fieldname, file));
    const { loan, applicant, guarantors } = await this.register.file(
      applicationOf(loanId, principal, branchCode, request),
      async (papers) => {
        for (const upload of stored)
          await this.documents.register(papers, principal, loanId, null, upload);
      },
    );
    // Started only once the loan is committed: its first worker reads it at once.
    let processInstanceKey: string;
    try {
      const instance = await this.zeebe.createProcessInstance({
        bpmnProcessId: ORIGINATION_PROCESS_ID,
        variables: {
          loanId,
          businessKey: loanId,
          customerManager: principal.username,
          loan: loanSummaryOf(loan, applicant, guarantors),
        } as never,
      });
      processInstanceKey = instance.processInstanceKey;
    } catch (error) {
      await this.register.discard(loanId);
      throw new DomainError(
        'BROKER_UNAVAILABLE',
        `The workflow engine did not start the application; nothing was recorded. Try again. (${messageOf(error)})`,
      );
    }
    await this.register.recordStarted(loanId, processInstanceKey, {
      actor: auditActorOf(principal),
      action: 'application.submit',
      outcome: 'ok',
      loanKey: loanId,
      inputs: request,
      reason: `application for ${request.amount} ${request.product} over ${request.termMonths} months (${request.guaranteeType}), purpose: ${request.purpose}; ${files.length} paper(s) uploaded${files.length ? `: ${[...new Set(files.map((f) => f.fieldname))].join(', ')}` : ''}`,
    });
    return { loanId, processInstanceKey };
  }

  /** The loan's branch: the customer manager's own unit, or a unit below it. */
  private async branchFor(principal: Principal, requested: string | undefined): Promise<string> {
    if (!requested) return principal.orgUnitCode;
    const unit = await this.directory.orgUnit(requested);
    if (!unit)
      throw new DomainError('VALIDATION_FAILED', `There is no org unit ${requested}.`, {
        fieldErrors: [
          { field: 'branchCode', reasons: [`branchCode ${requested} is not an org unit`] },
        ],
      });
    if (!isWithin(unit.path, principal.orgUnitCode)) {
      await this.refuse(
        principal,
        new DomainError(
          'BRANCH_FORBIDDEN',
          `${principal.username} works at ${principal.orgUnitCode} and may not take applications for ${requested}.`,
        ),
      );
    }
    return unit.code;
  }

  private async refuse(principal: Principal, error: DomainError): Promise<never> {
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'application.submit',
      outcome: 'refused',
      reason: `${error.code}: ${error.message}`,
    });
    throw error;
  }
}

/** The application as the register files it: the loan as submitted, its people and collateral. */
export function applicationOf(
  loanId: string,
  principal: Principal,
  branchCode: string,
  request: ApplicationRequest,
): NewApplication {
  return {
    loan: {
      id: loanId,
      branchCode,
      customerManager: principal.username,
      product: request.product,
      guaranteeType: request.guaranteeType,
      paymentMethod: request.payment.method,
      repaymentMethod: request.repaymentMethod,
      purpose: request.purpose.trim(),
      requestedAmountMinor: minor(request.amount),
      requestedTermMonths: request.termMonths,
      payeeAccount: request.payment.payeeAccount,
      payeeName:
        request.payment.method === 'entrusted'
          ? request.payment.payeeName!
          : request.applicant.name,
      status: 'submitted',
      // Declared, informative only: the checks read the uploaded papers (loan_document).
      documents: JSON.stringify(request.documents ?? []),
      secondHome: request.secondHome === true ? 1 : 0,
      creditChecksJson: null,
      insurer: request.creditInsurance?.insurer ?? null,
      insurancePolicyNo: request.creditInsurance?.policyNo ?? null,
    },
    applicant: {
      role: 'applicant',
      name: request.applicant.name,
      idNumber: request.applicant.idNumber.toUpperCase(),
      birthDate: request.applicant.birthDate,
      phone: request.applicant.phone,
      address: request.applicant.address ?? null,
      employer: request.applicant.employer ?? null,
      monthlyIncomeMinor: minor(request.applicant.monthlyIncome),
      monthlyDebtMinor: minor(request.applicant.monthlyDebtPayments),
      relation: null,
    },
    guarantors: (request.guarantors ?? []).map((guarantor) => {
      const parsed = parseIdNumber(guarantor.idNumber);
      return {
        role: 'guarantor',
        name: guarantor.name,
        idNumber: guarantor.idNumber.toUpperCase(),
        birthDate: parsed.ok ? parsed.birthDate : '',
        phone: guarantor.phone,
        address: null,
        employer: null,
        monthlyIncomeMinor: minor(guarantor.monthlyIncome),
        monthlyDebtMinor: minor(guarantor.monthlyDebtPayments ?? '0.00'),
        relation: guarantor.relation,
      };
    }),
    collateral: (request.collateral ?? []).map((item) => ({
      kind: item.kind,
      description: item.description,
      ownerName: item.ownerName,
      ownerIdNumber: item.ownerIdNumber.toUpperCase(),
      appraisedValueMinor: minor(item.appraisedValue),
    })),
  };
}

/**
 * Every paper of a multipart application is a document kind (its part's name) and a JPEG, PNG or
 * PDF by its bytes; all problems at once (400, by part), before anything is written.
 */
function assertPapersReadable(files: readonly ApplicationFile[]): void {
  const fieldErrors = files.flatMap((file, index) => {
    const problems = uploadProblems({
      kind: file.fieldname,
      bytes: file.buffer,
      fileName: file.originalname,
    });
    // An application's papers are those a file (贷款档案) holds, not a court paper or a photo.
    if (!(DOCUMENT_KINDS as readonly string[]).includes(file.fieldname))
      problems.push({
        field: 'kind',
        reason: `a file part is named by its document kind, one of ${DOCUMENT_KINDS.join(', ')}`,
        rule: 'isDocumentKind',
      });
    const reasons = [...new Set(problems.map((p) => p.reason))];
    return reasons.length
      ? [
          {
            field: `documents[${index}]`,
            reasons: reasons.map((reason) => `${file.fieldname}: ${reason}`),
            rules: [...new Set(problems.map((p) => p.rule))],
          },
        ]
      : [];
  });
  if (fieldErrors.length)
    throw new DomainError(
      'VALIDATION_FAILED',
      `Some papers cannot be taken: ${fieldErrors.flatMap((e) => e.reasons).join('; ')}.`,
      { fieldErrors },
    );
}

import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, Money, parseIdNumber } from '@loanflow/domain';
import { auditActorOf, Principal, scopeAllows, UnitScope } from '@loanflow/identity';
import type { SubjectExportView } from './personal-data.views';
import { LoanHoldings, SubjectExportRecords } from './subject-export-records';
import type { SubjectExportRequest } from './subject-export.request';

const yuan = (minor: string) => Money.ofMinor(minor).toDecimalString();

/**
 * A person's request under the Personal Information Protection Law (art. 45: a copy of their
 * personal information): everything the bank holds about the holder of an ID number on the loans
 * of the caller's units, in full (it is for that person), found through the blind index, audited
 * with the request it answers.
 */
@Injectable()
export class SubjectExport {
  constructor(
    private readonly records: SubjectExportRecords,
    private readonly audit: AuditTrail,
  ) {}

  async export(
    principal: Principal,
    scope: UnitScope,
    request: SubjectExportRequest,
  ): Promise<SubjectExportView> {
    const idNumber = request.idNumber.toUpperCase();
    if (!parseIdNumber(idNumber).ok)
      throw new DomainError(
        'VALIDATION_FAILED',
        'idNumber is not a valid resident identity number.',
        {
          fieldErrors: [{ field: 'idNumber', reasons: ['not a valid resident identity number'] }],
        },
      );
    const parties = await this.records.partiesWithIdNumber(idNumber);
    const loans = parties.length
      ? (await this.records.loans(parties.map((p) => p.loanId))).filter((loan) =>
          scopeAllows(scope, loan.branchCode),
        )
      : [];
    const ids = loans.map((loan) => loan.id);
    const { collateral, contracts, notifications, repayments }: LoanHoldings = ids.length
      ? await this.records.holdings(ids)
      : { collateral: [], contracts: [], notifications: [], repayments: [] };
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'personal-data.export',
      outcome: 'ok',
      reason: `personal data of the holder of ID ${idNumber.slice(0, 6)}********${idNumber.slice(-4)} exported (${loans.length} loans in ${principal.orgUnitCode} and below): ${request.reason}`,
    });
    return {
      exportedAt: new Date().toISOString(),
      loans: loans.map((loan) => {
        const roles = parties.filter((p) => p.loanId === loan.id);
        const applicantHere = roles.some((p) => p.role === 'applicant');
        return {
          loanId: loan.id,
          roles: roles.map((p) => p.role),
          status: loan.status,
          product: loan.product,
          requestedAmount: yuan(loan.requestedAmountMinor),
          branchCode: loan.branchCode,
          createdAt: loan.createdAt.toISOString(),
          personalDataPurgedAt: loan.personalDataPurgedAt?.toISOString() ?? null,
          party: roles.map((p) => ({
            role: p.role,
            name: p.name,
            idNumber: p.idNumber,
            birthDate: p.birthDate,
            phone: p.phone,
            address: p.address,
            employer: p.employer,
            monthlyIncome: yuan(p.monthlyIncomeMinor),
            monthlyDebtPayments: yuan(p.monthlyDebtMinor),
          })),
          payee: applicantHere ? { name: loan.payeeName, account: loan.payeeAccount } : null,
          collateralOwned: collateral
            .filter((c) => c.loanId === loan.id && c.ownerIdNumber === idNumber)
            .map((c) => ({ kind: c.kind, description: c.description, ownerName: c.ownerName })),
          contracts: contracts
            .filter((c) => c.loanId === loan.id && c.partyIdNumber === idNumber)
            .map((c) => ({
              kind: c.kind,
              contractNo: c.contractNo,
              effectiveFrom: c.effectiveFrom,
            })),
          notices: applicantHere
            ? notifications
                .filter((n) => n.loanId === loan.id)
                .map((n) => ({
                  kind: n.kind,
                  channel: n.channel,
                  subject: n.subject,
                  sentAt: n.sentAt.toISOString(),
                }))
            : [],
          repayments: applicantHere
            ? repayments
                .filter((r) => r.loanId === loan.id)
                .map((r) => ({
                  amount: yuan(r.amountMinor),
                  paidAt: r.paidAt.toISOString(),
                  channel: r.channel,
                  state: r.state,
                }))
            : [],
        };
      }),
    };
  }
}

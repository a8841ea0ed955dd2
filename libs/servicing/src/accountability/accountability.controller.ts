import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DomainError, Money } from '@loanflow/domain';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { AccountabilityCaseEntity, LoanWriteOffEntity } from '@loanflow/persistence';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/accountability')
export class AccountabilityController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Access.loan(['committee-member', 'center-manager', 'risk-manager', 'auditor', 'admin'])
  @ApiOperation({
    summary:
      'The accountability case of a written-off loan: the write-off, the dossier (people by duty, gaps) and the committee’s decision',
  })
  async get(@CurrentUser() principal: Principal, @Param('id') loanId: string) {
    const [found, writeOff] = await Promise.all([
      this.dataSource.getRepository(AccountabilityCaseEntity).findOneBy({ loanId }),
      this.dataSource.getRepository(LoanWriteOffEntity).findOneBy({ loanId }),
    ]);
    if (!found)
      throw new DomainError(
        'ACCOUNTABILITY_CASE_NOT_FOUND',
        `Loan ${loanId} has no accountability case (it has not been written off, or its dossier is being built).`,
      );
    return {
      loanId,
      writeOff: writeOff && {
        principal: Money.ofMinor(writeOff.principalMinor).toDecimalString(),
        interest: Money.ofMinor(writeOff.interestMinor).toDecimalString(),
        approvedBy: writeOff.approvedBy,
        reason: writeOff.reason,
        txnId: writeOff.txnId,
        writtenOffAt: writeOff.writtenOffAt.toISOString(),
      },
      dossier: JSON.parse(found.dossierJson) as object,
      builtAt: found.builtAt.toISOString(),
      decision: found.decisionJson ? (JSON.parse(found.decisionJson) as object) : null,
      decidedBy: found.decidedBy,
      decidedAt: found.decidedAt?.toISOString() ?? null,
    };
  }
}

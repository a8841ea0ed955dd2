import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@loanflow/domain';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { LoanDossier } from './loan-dossier.view';
import { LoanDossierService } from './loan-dossier.service';
import { LoanListService } from './loan-list.service';
import { LoanListPage, LoanListQuery } from './loan-list.view';

/** Every role that works on or oversees loans; branch scoping is applied per loan. */
export const LOAN_READERS = [
  'customer-manager',
  'reviewer',
  'approver',
  'center-manager',
  'committee-member',
  'mortgage-clerk',
  'disbursement-supervisor',
  'post-loan-officer',
  'collection-officer',
  'legal-officer',
  'risk-manager',
  'archive-officer',
  'auditor',
  'admin',
] as const satisfies readonly Role[];

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans')
export class LoansController {
  constructor(
    private readonly dossiers: LoanDossierService,
    private readonly loans: LoanListService,
  ) {}

  @Get()
  // Scoped by the reader's org unit: only loans of it and the units below it are listed.
  @Access.unit(LOAN_READERS)
  @ApiOperation({
    summary:
      'Loans of your unit and the units below it: filters mine, branch, stage, classification, days past due, borrower name, ID number or loan id; each with its standing on the business date',
  })
  @ApiOkResponse({ type: LoanListPage })
  list(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Query() query: LoanListQuery,
  ): Promise<LoanListPage> {
    return this.loans.list(principal, scope, query);
  }

  @Get(':id')
  @Access.loan(LOAN_READERS)
  @ApiOperation({
    summary: 'The loan dossier: parties, terms, stage, decisions with their actors, schedule',
  })
  @ApiOkResponse({ type: LoanDossier })
  get(@Param('id') id: string): Promise<LoanDossier> {
    return this.dossiers.dossier(id);
  }
}

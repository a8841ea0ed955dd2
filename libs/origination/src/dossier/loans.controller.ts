import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@loanflow/domain';
import { Access } from '@loanflow/observability';
import { LoanDossier } from './loan-dossier.view';
import { LoanDossierService } from './loan-dossier.service';

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
  constructor(private readonly dossiers: LoanDossierService) {}

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

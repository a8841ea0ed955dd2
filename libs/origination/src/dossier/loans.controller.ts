import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@loanflow/identity';
import { LoanDossier } from './loan-dossier.view';
import { LoanDossierService } from './loan-dossier.service';

/** Every role that works on or oversees loans; branch scoping is applied per loan. */
const LOAN_READERS = [
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
] as const;

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans')
export class LoansController {
  constructor(private readonly dossiers: LoanDossierService) {}

  @Get(':id')
  @Roles(...LOAN_READERS)
  @ApiOperation({
    summary: 'The loan dossier: parties, terms, stage, decisions with their actors, schedule',
  })
  @ApiOkResponse({ type: LoanDossier })
  get(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<LoanDossier> {
    return this.dossiers.dossier(principal, id);
  }
}

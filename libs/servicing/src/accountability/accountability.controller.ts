import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@loanflow/observability';
import { AccountabilityCases } from './accountability-cases';
import { AccountabilityCaseView } from './accountability.views';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/accountability')
export class AccountabilityController {
  constructor(private readonly cases: AccountabilityCases) {}

  @Get()
  @Access.loan(['committee-member', 'center-manager', 'risk-manager', 'auditor', 'admin'])
  @ApiOperation({
    summary:
      'The accountability case of a written-off loan: the write-off, the dossier (people by duty, gaps) and the committee’s decision',
  })
  @ApiOkResponse({ type: AccountabilityCaseView })
  get(@Param('id') loanId: string): Promise<AccountabilityCaseView> {
    return this.cases.caseOf(loanId);
  }
}

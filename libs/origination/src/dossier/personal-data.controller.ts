import { Body, Controller, HttpCode, Param, Post, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@loanflow/identity';
import { CUSTOMER_SERVING_ROLES, REVEALS_PERSONAL_DATA } from '@loanflow/loans';
import { Access } from '@loanflow/observability';
import { PersonalDataReveal } from './personal-data-reveal';
import { RevealView } from '../personal-data/personal-data.views';
import { RevealRequest } from './reveal.request';

/**
 * The one way to read an identifier in full: a person who serves the customer, on a loan of their
 * unit, says why; the reveal is audited with that reason (who, which loan, which field). Every
 * other answer of the API masks identity numbers, phone numbers and account numbers.
 */
@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/personal-data')
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataReveal) {}

  @Post('reveal')
  @HttpCode(200)
  @Access.loan(CUSTOMER_SERVING_ROLES)
  @SetMetadata(REVEALS_PERSONAL_DATA, true)
  @ApiOperation({ summary: 'Reveal one identifier of the loan in full, with the reason (audited)' })
  @ApiOkResponse({ type: RevealView })
  reveal(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() request: RevealRequest,
  ): Promise<RevealView> {
    return this.personalData.reveal(principal, loanId, request);
  }
}

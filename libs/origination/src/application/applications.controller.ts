import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { ApplicationAccepted, ApplicationRequest } from './application.request';
import { ApplicationsService } from './applications.service';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @HttpCode(201)
  @Access.roles('customer-manager')
  @ApiOperation({
    summary: 'Take a loan application (贷款申请受理) and start its origination process',
  })
  @ApiCreatedResponse({ type: ApplicationAccepted })
  submit(
    @CurrentUser() principal: Principal,
    @Body() request: ApplicationRequest,
  ): Promise<ApplicationAccepted> {
    return this.applications.submit(principal, request);
  }
}

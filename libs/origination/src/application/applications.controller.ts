import { Body, Controller, HttpCode, Post, Req, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { ApplicationAccepted, ApplicationRequest } from './application.request';
import {
  ApplicationUploadInterceptor,
  ApplicationUploadRequest,
} from './application-upload.interceptor';
import { ApplicationsService } from './applications.service';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @HttpCode(201)
  @Access.roles('customer-manager')
  @UseInterceptors(ApplicationUploadInterceptor)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({
    summary:
      'Take a loan application (贷款申请受理) with its papers and start its origination process',
    description:
      'JSON, or multipart/form-data with the application as JSON in the part `application` and ' +
      'each paper as a file part named by its document kind (`id-card`, `income-proof`…). The ' +
      'automatic checks read the papers uploaded to the loan; missing ones are asked for (补充材料).',
  })
  @ApiCreatedResponse({ type: ApplicationAccepted })
  submit(
    @CurrentUser() principal: Principal,
    @Body() request: ApplicationRequest,
    @Req() req: ApplicationUploadRequest,
  ): Promise<ApplicationAccepted> {
    return this.applications.submit(principal, request, req.files ?? []);
  }
}

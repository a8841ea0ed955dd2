import { Body, Controller, HttpCode, Post, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { REVEALS_PERSONAL_DATA } from '@loanflow/loans';
import { Access } from '@loanflow/observability';
import { SubjectExportView } from './personal-data.views';
import { SubjectExport } from './subject-export';
import { SubjectExportRequest } from './subject-export.request';

/** The route of a person's copy of their personal information (PIPL art. 45): see SubjectExport. */
@ApiTags('personal-data')
@ApiBearerAuth()
@Controller('api/personal-data')
export class SubjectExportController {
  constructor(private readonly subjectExport: SubjectExport) {}

  @Post('export')
  @HttpCode(200)
  @Access.unit(['center-manager'])
  @SetMetadata(REVEALS_PERSONAL_DATA, true)
  @ApiOperation({
    summary: 'Export the personal data held about the holder of an ID number (PIPL art. 45)',
  })
  @ApiOkResponse({ type: SubjectExportView })
  export(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Body() request: SubjectExportRequest,
  ): Promise<SubjectExportView> {
    return this.subjectExport.export(principal, scope, request);
  }
}

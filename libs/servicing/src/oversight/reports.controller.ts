import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { MisconductReports } from './misconduct-reports';
import {
  FileReportRequest,
  ReportHandlingRequest,
  ReportListView,
  ReportReceipt,
  ReportView,
} from './report.requests';

/** The routes of reports of suspicious activity (举报): see MisconductReports for who reads what. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: MisconductReports) {}

  @Post()
  @HttpCode(201)
  @Access.signedIn()
  @ApiOperation({
    summary:
      'Report suspicious activity about a loan or a member of staff: readable only by audit, the reporter gets a receipt',
  })
  @ApiCreatedResponse({ type: ReportReceipt })
  file(
    @CurrentUser() principal: Principal,
    @Body() request: FileReportRequest,
  ): Promise<ReportReceipt> {
    return this.reports.file(principal, request);
  }

  @Get()
  @Access.roles('auditor')
  @ApiOperation({ summary: 'Every report, newest first (auditors only)' })
  @ApiOkResponse({ type: ReportListView })
  list(@CurrentUser() principal: Principal): Promise<ReportListView> {
    return this.reports.list(principal);
  }

  @Get(':reportId')
  @Access.roles('auditor')
  @ApiOperation({ summary: 'One report with its handling (auditors only); each read is audited' })
  @ApiOkResponse({ type: ReportView })
  get(@CurrentUser() principal: Principal, @Param('reportId') id: string): Promise<ReportView> {
    return this.reports.get(principal, id);
  }

  @Post(':reportId/handling')
  @HttpCode(200)
  @Access.roles('auditor')
  @ApiOperation({
    summary:
      'Record a step of a report’s handling: its status, a note, and when closed its outcome',
  })
  @ApiOkResponse({ type: ReportView })
  handle(
    @CurrentUser() principal: Principal,
    @Param('reportId') id: string,
    @Body() request: ReportHandlingRequest,
  ): Promise<ReportView> {
    return this.reports.handle(principal, id, request);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { COMPLAINT_CATEGORIES, ComplaintCategory } from '@loanflow/domain';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import {
  COMPLAINT_CHANNELS,
  ComplaintChannel,
  ComplaintsService,
  CUSTOMER_SERVING_ROLES,
} from './complaints.service';
import { ComplaintFiguresView, ComplaintListView, ComplaintView } from './complaint.views';

const USERNAME = /^[a-z][a-z0-9._-]{1,63}$/;

export class FileComplaintRequest {
  @ApiProperty({ enum: COMPLAINT_CATEGORIES })
  @IsIn([...COMPLAINT_CATEGORIES], {
    message: `category must be one of ${COMPLAINT_CATEGORIES.join(', ')}`,
  })
  category!: ComplaintCategory;

  @ApiProperty({ enum: COMPLAINT_CHANNELS })
  @IsIn([...COMPLAINT_CHANNELS], {
    message: `channel must be one of ${COMPLAINT_CHANNELS.join(', ')}`,
  })
  channel!: ComplaintChannel;

  @ApiProperty({ example: '客户反映催收电话在夜间 22 点后拨打，影响休息' })
  @IsString()
  @Length(10, 4000, { message: 'text must state the complaint in 10 to 4000 characters' })
  text!: string;

  @ApiPropertyOptional({ type: [String], example: ['li.cm'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10, { message: 'staffInvolved names at most 10 people' })
  @Matches(USERNAME, { each: true, message: 'staffInvolved must list user names such as li.cm' })
  staffInvolved?: string[];

  @ApiPropertyOptional({ example: 'zhou.cm' })
  @IsOptional()
  @Matches(USERNAME, { message: 'handler must be a user name such as zhou.cm' })
  handler?: string;
}

export class ComplaintListQuery {
  @IsOptional()
  @IsIn(['open', 'answered'], { message: 'status must be open or answered' })
  status?: 'open' | 'answered';

  /** Only the complaints about this member of staff. */
  @IsOptional()
  @Matches(USERNAME, { message: 'staff must be a user name such as li.cm' })
  staff?: string;
}

const READERS = [
  ...CUSTOMER_SERVING_ROLES,
  'risk-manager',
  'committee-member',
  'auditor',
  'admin',
] as const;

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api/loans/:id/complaints')
export class LoanComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @HttpCode(201)
  @Access.loan([...CUSTOMER_SERVING_ROLES])
  @ApiOperation({
    summary:
      'Record a customer’s complaint about the loan: classified, handed to a handler, answered within working days, escalated when late',
  })
  @ApiCreatedResponse({ type: ComplaintView })
  file(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() request: FileComplaintRequest,
  ): Promise<ComplaintView> {
    return this.complaints.file(principal, loanId, request);
  }

  @Get()
  @Access.loan([...READERS])
  @ApiOperation({ summary: 'The loan’s complaints, with their answers and escalations' })
  @ApiOkResponse({ type: [ComplaintView] })
  list(@Param('id') loanId: string): Promise<ComplaintView[]> {
    return this.complaints.listForLoan(loanId);
  }

  @Get(':complaintId')
  @Access.loan([...READERS])
  @ApiOperation({ summary: 'One complaint of the loan' })
  @ApiOkResponse({ type: ComplaintView })
  get(
    @Param('id') loanId: string,
    @Param('complaintId') complaintId: string,
  ): Promise<ComplaintView> {
    return this.complaints.getForLoan(loanId, complaintId);
  }
}

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api/complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Get()
  @Access.unit([...READERS])
  @ApiOperation({ summary: 'The complaints of the loans of your unit and the units below it' })
  @ApiOkResponse({ type: ComplaintListView })
  list(
    @CurrentScope() scope: UnitScope,
    @Query() query: ComplaintListQuery,
  ): Promise<ComplaintListView> {
    return this.complaints.list(scope, query.status, query.staff);
  }

  @Get('figures')
  @Access.unit(['center-manager', 'risk-manager', 'committee-member', 'auditor', 'admin'])
  @ApiOperation({
    summary: 'Complaints open, answered and late per unit and category, for your units',
  })
  @ApiOkResponse({ type: ComplaintFiguresView })
  figures(@CurrentScope() scope: UnitScope): Promise<ComplaintFiguresView> {
    return this.complaints.figures(scope);
  }
}

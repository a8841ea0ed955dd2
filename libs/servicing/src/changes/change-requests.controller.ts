import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { CHANGE_KINDS, ChangeKind } from '@loanflow/domain';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { ChangeRequestBody, ChangeRequestsService } from './change-requests.service';
import { ChangeRequestView } from './change-views';

export class ChangeRequest implements ChangeRequestBody {
  @ApiProperty({ enum: CHANGE_KINDS })
  @IsIn([...CHANGE_KINDS], {
    message: 'kind must be repayment-account, payout-account or borrower-details',
  })
  kind!: ChangeKind;

  @ApiPropertyOptional({
    description:
      'For an account change: { account: 10 to 30 digits, accountName: the seller, only for the payout account of an entrusted payment }',
    example: { account: '6222020200112233445' },
  })
  @IsOptional()
  @IsObject()
  account?: { account?: unknown; accountName?: unknown };

  @ApiPropertyOptional({
    description: 'For borrower-details: any of name, phone, address, employer',
    example: { phone: '13900001111', address: '杭州市西湖区文三路 100 号' },
  })
  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;

  @ApiProperty({ example: ['12'], description: 'Ids of the loan’s documents the change rests on' })
  @IsArray({
    message: 'documentIds must list the ids of the loan’s documents that prove the change',
  })
  @ArrayMinSize(1, {
    message: 'documentIds must name at least one document of the loan as evidence',
  })
  @ArrayMaxSize(20)
  @Matches(/^\d{1,18}$/, { each: true, message: 'documentIds must be document ids' })
  documentIds!: string[];

  @ApiProperty({ example: '客户更换工资卡，申请从新卡扣款' })
  @IsString()
  @Length(4, 1000, { message: 'reason must say why the change is asked in 4 to 1000 characters' })
  reason!: string;
}

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/change-requests')
export class ChangeRequestsController {
  constructor(private readonly changes: ChangeRequestsService) {}

  @Post()
  @HttpCode(201)
  @Access.loan(['customer-manager'])
  @ApiOperation({
    summary:
      'Request a change of the payout account (before the payout), the repayment account or the borrower’s details (更改还款帐户、更改借款人信息), with evidence: reviewed by the reviewer (审查岗)',
  })
  @ApiCreatedResponse({ type: ChangeRequestView })
  async request(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() body: ChangeRequest,
  ): Promise<ChangeRequestView> {
    return this.changes.request(principal, loanId, body);
  }

  @Get()
  @Access.loan([
    'customer-manager',
    'collection-officer',
    'post-loan-officer',
    'reviewer',
    'approver',
    'risk-manager',
    'auditor',
    'admin',
  ])
  @ApiOperation({
    summary:
      'The loan’s changes of account and borrower details: old and new values masked, review, outcome',
  })
  @ApiOkResponse({ type: [ChangeRequestView] })
  async list(@Param('id') loanId: string): Promise<ChangeRequestView[]> {
    return this.changes.list(loanId);
  }
}

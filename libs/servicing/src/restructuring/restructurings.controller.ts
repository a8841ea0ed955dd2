import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { RESTRUCTURING_KINDS, RestructuringKind } from '@loanflow/domain';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { RestructuringView } from './restructuring.views';
import { RestructuringRequestBody, RestructuringsService } from './restructurings.service';

export class RestructuringRequest implements RestructuringRequestBody {
  @ApiProperty({ enum: RESTRUCTURING_KINDS })
  @IsIn([...RESTRUCTURING_KINDS], { message: 'kind must be extension or restructuring' })
  kind!: RestructuringKind;

  @ApiProperty({ example: 6, description: 'months added to the installments not yet due' })
  @IsInt()
  @Min(1)
  @Max(120)
  extraMonths!: number;

  @ApiProperty({
    example: 'borrower’s shop closed for three months after a flood; income resumes in May',
  })
  @IsString()
  @Length(10, 2000, { message: 'reason must explain the request in 10 to 2000 characters' })
  reason!: string;
}

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/restructurings')
export class RestructuringsController {
  constructor(private readonly restructurings: RestructuringsService) {}

  @Post()
  @HttpCode(201)
  @Access.loan(['customer-manager', 'collection-officer', 'post-loan-officer'])
  @ApiOperation({
    summary:
      'Request an extension (展期, only when nothing is overdue, within the legal limit) or a restructuring (重组): reviewed, then approved within authority',
  })
  @ApiCreatedResponse({ type: RestructuringView })
  async request(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() body: RestructuringRequest,
  ): Promise<RestructuringView> {
    return this.restructurings.request(principal, loanId, body);
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
    summary: 'The loan’s extension and restructuring requests and what became of them',
  })
  @ApiOkResponse({ type: [RestructuringView] })
  async list(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
  ): Promise<RestructuringView[]> {
    return this.restructurings.list(loanId);
  }
}

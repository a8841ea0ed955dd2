import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { WARNING_LEVELS, WarningLevel } from '@loanflow/domain';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { LoanWarnings } from './loan-warnings';
import { RaisedWarningView, WarningView } from './warning.view';

export class RaiseWarningRequest {
  @ApiProperty({ enum: WARNING_LEVELS })
  @IsIn([...WARNING_LEVELS], { message: 'level must be one of yellow, orange, red' })
  level!: WarningLevel;

  @ApiProperty({ example: 'borrower’s business closed; rent unpaid for two months' })
  @IsString()
  @Length(10, 1000, { message: 'description must state the signal in 10 to 1000 characters' })
  description!: string;
}

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/warnings')
export class WarningsController {
  constructor(private readonly warnings: LoanWarnings) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: RaisedWarningView })
  @Access.loan(['post-loan-officer', 'risk-manager', 'customer-manager'])
  @ApiOperation({
    summary:
      'Raise a risk warning (yellow, orange, red): starts its handling; a worse one supersedes the open one',
  })
  raise(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() request: RaiseWarningRequest,
  ): Promise<RaisedWarningView> {
    return this.warnings.raiseByHand(principal, loanId, request.level, request.description);
  }

  @Get()
  @ApiOkResponse({ type: [WarningView] })
  @Access.loan([
    'post-loan-officer',
    'risk-manager',
    'customer-manager',
    'collection-officer',
    'center-manager',
    'auditor',
    'admin',
  ])
  @ApiOperation({ summary: 'The loan’s risk warnings, open and closed' })
  list(@Param('id') loanId: string): Promise<WarningView[]> {
    return this.warnings.listOf(loanId);
  }
}

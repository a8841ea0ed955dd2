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
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  VALUABLE_KINDS,
  VALUABLE_MOVEMENTS,
  ValuableKind,
  ValuableMovement,
} from '@loanflow/domain';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { ArchiveRegister } from './archive-register.service';
import {
  ArchiveFileListView,
  ArchiveFileView,
  ArchiveHandoverListView,
  ArchiveHandoverView,
  ArchiveInspectionListView,
  ArchiveInspectionView,
  LendingListView,
  LendingView,
  LoanArchiveView,
  ValuableListView,
  ValuableView,
} from './archive.views';

const USERNAME = /^[a-z][a-z0-9._-]{1,63}$/;
const LOAN_ID = /^LN\d{8}-[0-9A-Z]{6}$/;

/** Who reads the register: the archive, its managers, risk and audit. */
const READERS = ['archive-officer', 'center-manager', 'risk-manager', 'auditor', 'admin'] as const;
/** Who keeps it: the archive officer (档案管理岗). */
const KEEPERS = ['archive-officer'] as const;
/** Who approves a destruction: the center manager, a second person (经批准…销毁). */
const DESTRUCTION_APPROVERS = ['center-manager'] as const;
/** Who inspects the archive (检查). */
const INSPECTORS = ['archive-officer', 'center-manager', 'risk-manager', 'auditor'] as const;

export class LendRequest {
  @ApiProperty({ example: 'li.cm', description: 'the colleague who takes the file' })
  @Matches(USERNAME, { message: 'borrower must be a user name such as li.cm' })
  borrower!: string;

  @ApiProperty({ example: '贷后检查需核对原始合同' })
  @IsString()
  @Length(2, 500, { message: 'purpose must say why in 2 to 500 characters' })
  purpose!: string;

  @ApiPropertyOptional({
    example: 5,
    description: 'working days it may stay out (default ARCHIVE_LENDING_WORKING_DAYS)',
  })
  @IsOptional()
  @IsInt({ message: 'workingDays must be a whole number' })
  @Min(1, { message: 'workingDays must be at least 1' })
  @Max(30, { message: 'workingDays must be at most 30' })
  workingDays?: number;
}

export class ReturnRequest {
  @ApiPropertyOptional({ example: '完整归还，无缺页' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: 'note must be at most 500 characters' })
  note?: string;
}

export class DestructionRequest {
  @ApiProperty({ example: '超过保管年限，申请销毁' })
  @IsString()
  @Length(2, 500, { message: 'reason must say why in 2 to 500 characters' })
  reason!: string;
}

export class DestructionDecisionRequest {
  @ApiProperty()
  @IsBoolean({ message: 'approve must be true or false' })
  approve!: boolean;

  @ApiProperty({ example: '已核对保管期限，同意销毁' })
  @IsString()
  @Length(2, 500, { message: 'note must say why in 2 to 500 characters' })
  note!: string;
}

export class ValuableRequest {
  @ApiProperty({ enum: VALUABLE_KINDS })
  @IsIn([...VALUABLE_KINDS], { message: `kind must be one of ${VALUABLE_KINDS.join(', ')}` })
  kind!: ValuableKind;

  @ApiProperty({ example: '浙(2027)杭州市不动产证明第0012345号' })
  @IsString()
  @Length(2, 64, {
    message: 'reference must be the policy or certificate number, 2 to 64 characters',
  })
  reference!: string;

  @ApiProperty({ example: '抵押房产他项权证' })
  @IsString()
  @Length(2, 500, { message: 'description must be 2 to 500 characters' })
  description!: string;

  @ApiProperty({ example: '杭州分行凭证库 A-03' })
  @IsString()
  @Length(2, 200, { message: 'location must be 2 to 200 characters' })
  location!: string;

  @ApiPropertyOptional({ example: '12' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'collateralId must be the collateral item’s number' })
  collateralId?: string;
}

export class MovementRequest {
  @ApiProperty({ enum: VALUABLE_MOVEMENTS })
  @IsIn([...VALUABLE_MOVEMENTS], {
    message: `movement must be one of ${VALUABLE_MOVEMENTS.join(', ')}`,
  })
  movement!: ValuableMovement;

  @ApiProperty({ example: '不动产登记中心办理变更登记' })
  @IsString()
  @Length(2, 200, { message: 'reason must say why in 2 to 200 characters' })
  reason!: string;

  @ApiPropertyOptional({ example: 'ma.mortgage' })
  @IsOptional()
  @IsString()
  @Length(2, 200, { message: 'counterpart must be 2 to 200 characters' })
  counterpart?: string;
}

export class InspectionRequest {
  @ApiProperty({ example: 'BR-HZ' })
  @Matches(/^[A-Z][A-Z0-9-]{1,31}$/, { message: 'unitCode must be an org unit code such as BR-HZ' })
  unitCode!: string;

  @ApiProperty({ enum: ['in-order', 'issues-found'] })
  @IsIn(['in-order', 'issues-found'], { message: 'result must be in-order or issues-found' })
  result!: 'in-order' | 'issues-found';

  @ApiProperty({ example: 40 })
  @IsInt({ message: 'filesChecked must be a whole number' })
  @Min(0, { message: 'filesChecked must not be negative' })
  @Max(100000, { message: 'filesChecked must be at most 100000' })
  filesChecked!: number;

  @ApiProperty({ example: '抽查 40 卷，按户专夹，无缺失' })
  @IsString()
  @Length(2, 4000, { message: 'findings must be 2 to 4000 characters' })
  findings!: string;
}

/** A custodian hands the archive to another (named apart from the inbox's task handover in the API document). */
export class ArchiveHandoverRequest {
  @ApiProperty({ example: 'song.archive' })
  @Matches(USERNAME, { message: 'from must be a user name such as song.archive' })
  from!: string;

  @ApiProperty({ example: 'qin.archive' })
  @Matches(USERNAME, { message: 'to must be a user name such as qin.archive' })
  to!: string;

  @ApiPropertyOptional({ type: [String], description: 'only these loans’ files (default: all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500, { message: 'loanIds lists at most 500 loans' })
  @Matches(LOAN_ID, { each: true, message: 'loanIds must list loan ids such as LN20261123-7KQ2M9' })
  loanIds?: string[];

  @ApiProperty({ example: '岗位调整，档案整体移交' })
  @IsString()
  @Length(2, 500, { message: 'note must be 2 to 500 characters' })
  note!: string;
}

export class FileListQuery {
  @ApiPropertyOptional({ enum: ['in-custody', 'lent', 'destroyed'] })
  @IsOptional()
  @IsIn(['in-custody', 'lent', 'destroyed'], {
    message: 'status must be in-custody, lent or destroyed',
  })
  status?: string;
}

export class LendingListQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only files past their due time' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: string;
}

export class ValuableListQuery {
  @ApiPropertyOptional({ enum: ['in-custody', 'out', 'released'] })
  @IsOptional()
  @IsIn(['in-custody', 'out', 'released'], {
    message: 'status must be in-custody, out or released',
  })
  status?: string;
}

@ApiTags('archive')
@ApiBearerAuth()
@Controller('api/loans/:id/archive')
export class LoanArchiveController {
  constructor(private readonly register: ArchiveRegister) {}

  @Get()
  @Access.loan([...READERS])
  @ApiOperation({
    summary: 'The loan’s file in the register: custody, lendings, valuables, every line',
  })
  @ApiOkResponse({ type: LoanArchiveView })
  get(@Param('id') loanId: string): Promise<LoanArchiveView> {
    return this.register.ofLoan(loanId);
  }

  @Post('lendings')
  @HttpCode(201)
  @Access.loan([...KEEPERS])
  @ApiOperation({ summary: 'Lend the file out (调阅): to whom, why, due back in working days' })
  @ApiCreatedResponse({ type: LendingView })
  lend(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() body: LendRequest,
  ): Promise<LendingView> {
    return this.register.lend(principal, loanId, body);
  }

  @Post('lendings/:lendingId/return')
  @HttpCode(200)
  @Access.loan([...KEEPERS])
  @ApiOperation({ summary: 'Record the lent file back in the archive (late or not)' })
  @ApiOkResponse({ type: LendingView })
  returnFile(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Param('lendingId') lendingId: string,
    @Body() body: ReturnRequest,
  ): Promise<LendingView> {
    return this.register.returnFile(principal, loanId, lendingId, body.note);
  }

  @Post('destruction')
  @HttpCode(200)
  @Access.loan([...KEEPERS])
  @ApiOperation({ summary: 'Ask to destroy the file past its retention (销毁申请)' })
  @ApiOkResponse({ type: ArchiveFileView })
  requestDestruction(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() body: DestructionRequest,
  ): Promise<ArchiveFileView> {
    return this.register.requestDestruction(principal, loanId, body.reason);
  }

  @Post('destruction/decision')
  @HttpCode(200)
  @Access.loan([...DESTRUCTION_APPROVERS])
  @ApiOperation({ summary: 'Approve or refuse the destruction (a second person)' })
  @ApiOkResponse({ type: ArchiveFileView })
  decideDestruction(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() body: DestructionDecisionRequest,
  ): Promise<ArchiveFileView> {
    return this.register.decideDestruction(principal, loanId, body.approve, body.note);
  }

  @Post('valuables')
  @HttpCode(201)
  @Access.loan([...KEEPERS])
  @ApiOperation({ summary: 'Keep a valuable (重要凭证入库): policy, pledged right, 他项权证' })
  @ApiCreatedResponse({ type: ValuableView })
  keep(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() body: ValuableRequest,
  ): Promise<ValuableView> {
    return this.register.keepValuable(principal, loanId, body);
  }

  @Post('valuables/:valuableId/movements')
  @HttpCode(201)
  @Access.loan([...KEEPERS])
  @ApiOperation({ summary: 'Move a kept valuable: out with a reason, back, released' })
  @ApiCreatedResponse({ type: ValuableView })
  move(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Param('valuableId') valuableId: string,
    @Body() body: MovementRequest,
  ): Promise<ValuableView> {
    return this.register.moveValuable(principal, loanId, valuableId, body);
  }
}

@ApiTags('archive')
@ApiBearerAuth()
@Controller('api/archive')
export class ArchiveController {
  constructor(private readonly register: ArchiveRegister) {}

  @Get('files')
  @Access.unit([...READERS])
  @ApiOperation({ summary: 'The register of your units’ files' })
  @ApiOkResponse({ type: ArchiveFileListView })
  files(
    @CurrentScope() scope: UnitScope,
    @Query() query: FileListQuery,
  ): Promise<ArchiveFileListView> {
    return this.register.files(scope, query.status);
  }

  @Get('lendings')
  @Access.unit([...READERS])
  @ApiOperation({ summary: 'Files lent out now; overdue=true: those past their due time' })
  @ApiOkResponse({ type: LendingListView })
  lendings(
    @CurrentScope() scope: UnitScope,
    @Query() query: LendingListQuery,
  ): Promise<LendingListView> {
    return this.register.lendings(scope, query.overdue === 'true');
  }

  @Get('valuables')
  @Access.unit([...READERS])
  @ApiOperation({ summary: 'The valuables kept for your units’ loans' })
  @ApiOkResponse({ type: ValuableListView })
  valuables(
    @CurrentScope() scope: UnitScope,
    @Query() query: ValuableListQuery,
  ): Promise<ValuableListView> {
    return this.register.valuables(scope, query.status);
  }

  @Get('inspections')
  @Access.unit([...READERS])
  @ApiOperation({ summary: 'Inspections of your units’ archives' })
  @ApiOkResponse({ type: ArchiveInspectionListView })
  inspections(@CurrentScope() scope: UnitScope): Promise<ArchiveInspectionListView> {
    return this.register.inspections(scope);
  }

  @Post('inspections')
  @HttpCode(201)
  @Access.unit([...INSPECTORS])
  @ApiOperation({ summary: 'Record an inspection of a unit’s archive (检查): who, when, findings' })
  @ApiCreatedResponse({ type: ArchiveInspectionView })
  inspect(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Body() body: InspectionRequest,
  ): Promise<ArchiveInspectionView> {
    return this.register.inspect(principal, scope, body);
  }

  @Get('handovers')
  @Access.unit([...READERS])
  @ApiOperation({ summary: 'Hand-overs of files between archive staff' })
  @ApiOkResponse({ type: ArchiveHandoverListView })
  handovers(@CurrentScope() scope: UnitScope): Promise<ArchiveHandoverListView> {
    return this.register.handovers(scope);
  }

  @Post('handovers')
  @HttpCode(201)
  @Access.unit(['archive-officer', 'center-manager'])
  @ApiOperation({ summary: 'Hand files over to another archive officer (移交): from, to, items' })
  @ApiCreatedResponse({ type: ArchiveHandoverView })
  handOver(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Body() body: ArchiveHandoverRequest,
  ): Promise<ArchiveHandoverView> {
    return this.register.handOver(principal, scope, body);
  }
}

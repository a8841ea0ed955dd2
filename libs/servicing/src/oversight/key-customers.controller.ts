import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DataSource, In, IsNull } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import { DomainError, KEY_CUSTOMER_INSPECTION_MONTHS_RANGE } from '@loanflow/domain';
import {
  auditActorOf,
  CurrentScope,
  CurrentUser,
  Principal,
  scopeAllows,
  UnitScope,
} from '@loanflow/identity';
import { IsResidentIdNumber } from '@loanflow/origination';
import { Access } from '@loanflow/observability';
import { blindIndex, KeyCustomerEntity } from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';

export class AddKeyCustomerRequest {
  @ApiProperty({ example: '33010619900101123X' })
  @IsResidentIdNumber()
  idNumber!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, 100, { message: 'name must be the borrower’s name, 1 to 100 characters' })
  name!: string;

  @ApiProperty({ example: '授信额度超过 100 万元，经营收入波动较大' })
  @IsString()
  @Length(5, 500, { message: 'reason must say why in 5 to 500 characters' })
  reason!: string;

  @ApiPropertyOptional({ example: 3, minimum: 1, maximum: 6 })
  @IsOptional()
  @IsInt({ message: 'inspectionMonths must be a whole number of months' })
  @Min(KEY_CUSTOMER_INSPECTION_MONTHS_RANGE.min, { message: 'inspectionMonths must be 1 to 6' })
  @Max(KEY_CUSTOMER_INSPECTION_MONTHS_RANGE.max, { message: 'inspectionMonths must be 1 to 6' })
  inspectionMonths?: number;
}

export class RemoveKeyCustomerRequest {
  @ApiProperty({ example: '贷款已结清，风险解除' })
  @IsString()
  @Length(5, 500, { message: 'reason must say why in 5 to 500 characters' })
  reason!: string;
}

export interface KeyCustomerView {
  id: string;
  idNumber: string;
  name: string;
  unitCode: string;
  reason: string;
  inspectionMonths: number;
  addedBy: string;
  addedAt: string;
  removedBy: string | null;
  removedAt: string | null;
  removalReason: string | null;
}

const MANAGERS = ['risk-manager', 'center-manager'] as const;

/**
 * The key-customer list (重点客户): each unit's credit managers (risk manager, center manager) list
 * the borrowers their level watches closely; a listed borrower's loans are inspected at the entry's
 * interval (PlanInspectionWorker). Entries are removed with a reason, never deleted. The ID number
 * and name are encrypted; the api masks the ID number on the way out.
 */
@ApiTags('key-customers')
@ApiBearerAuth()
@Controller('api/key-customers')
export class KeyCustomersController {
  private readonly defaultMonths: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: BusinessClock,
    config: AppConfig,
  ) {
    this.defaultMonths = config.KEY_CUSTOMER_INSPECTION_MONTHS;
  }

  @Get()
  @Access.unit([...MANAGERS, 'post-loan-officer', 'auditor', 'admin'])
  @ApiOperation({
    summary: 'The key customers listed by your unit and the units below it, removed ones included',
  })
  async list(@CurrentScope() scope: UnitScope): Promise<{ items: KeyCustomerView[] }> {
    const rows = await this.dataSource.getRepository(KeyCustomerEntity).find({
      where: scope.all ? {} : { unitCode: In([...scope.unitCodes]) },
      order: { id: 'DESC' },
    });
    return { items: rows.map(viewOf) };
  }

  @Post()
  @HttpCode(201)
  @Access.unit([...MANAGERS])
  @ApiOperation({
    summary:
      'List a borrower as a key customer of your unit, with a reason and an inspection interval',
  })
  async add(
    @CurrentUser() principal: Principal,
    @Body() request: AddKeyCustomerRequest,
  ): Promise<KeyCustomerView> {
    const now = await this.clock.now();
    const index = blindIndex('id-number', request.idNumber.toUpperCase());
    const row = await this.dataSource
      .transaction(async (manager) => {
        const listed = await manager.findOne(KeyCustomerEntity, {
          where: { idNumberIndex: index, unitCode: principal.orgUnitCode, removedAt: IsNull() },
          lock: { mode: 'pessimistic_write' },
        });
        if (listed)
          throw new DomainError(
            'KEY_CUSTOMER_ALREADY_LISTED',
            `The borrower is already on the key-customer list of ${principal.orgUnitCode} (entry ${listed.id}).`,
          );
        const created = manager.create(KeyCustomerEntity, {
          idNumber: request.idNumber.toUpperCase(),
          name: request.name,
          unitCode: principal.orgUnitCode,
          reason: request.reason,
          inspectionMonths: request.inspectionMonths ?? this.defaultMonths,
          addedBy: principal.username,
          addedAt: now,
          removedBy: null,
          removedAt: null,
          removalReason: null,
        });
        await manager.insert(KeyCustomerEntity, created);
        await this.audit.append(manager, {
          actor: auditActorOf(principal),
          action: 'key-customer.add',
          outcome: 'ok',
          inputs: request,
          reason: `key customer ${created.id} listed by ${principal.orgUnitCode}, inspected at most every ${created.inspectionMonths} months: ${request.reason}`,
        });
        return created;
      })
      .catch(async (error: unknown) => {
        if (error instanceof DomainError)
          await this.audit.record({
            actor: auditActorOf(principal),
            action: 'key-customer.add',
            outcome: 'refused',
            reason: `${error.code}: ${error.message}`,
          });
        throw error;
      });
    return viewOf(row);
  }

  @Post(':entryId/remove')
  @HttpCode(200)
  @Access.unit([...MANAGERS])
  @ApiOperation({
    summary: 'Take a borrower off the key-customer list, with a reason (the entry is kept)',
  })
  async remove(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Param('entryId') id: string,
    @Body() request: RemoveKeyCustomerRequest,
  ): Promise<KeyCustomerView> {
    const now = await this.clock.now();
    const row = await this.dataSource.transaction(async (manager) => {
      const entry = /^\d{1,18}$/.test(id)
        ? await manager.findOne(KeyCustomerEntity, {
            where: { id },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!entry || !scopeAllows(scope, entry.unitCode))
        throw new DomainError(
          'KEY_CUSTOMER_NOT_FOUND',
          `There is no key-customer entry ${id} in your units.`,
        );
      if (entry.removedAt)
        throw new DomainError(
          'KEY_CUSTOMER_NOT_FOUND',
          `Key-customer entry ${id} was removed already.`,
        );
      await manager.update(
        KeyCustomerEntity,
        { id: entry.id },
        { removedBy: principal.username, removedAt: now, removalReason: request.reason },
      );
      await this.audit.append(manager, {
        actor: auditActorOf(principal),
        action: 'key-customer.remove',
        outcome: 'ok',
        inputs: request,
        reason: `key customer ${entry.id} removed from the list of ${entry.unitCode}: ${request.reason}`,
      });
      return {
        ...entry,
        removedBy: principal.username,
        removedAt: now,
        removalReason: request.reason,
      };
    });
    return viewOf(row);
  }
}

function viewOf(row: KeyCustomerEntity): KeyCustomerView {
  return {
    id: row.id,
    idNumber: row.idNumber,
    name: row.name,
    unitCode: row.unitCode,
    reason: row.reason,
    inspectionMonths: row.inspectionMonths,
    addedBy: row.addedBy,
    addedAt: row.addedAt.toISOString(),
    removedBy: row.removedBy,
    removedAt: row.removedAt?.toISOString() ?? null,
    removalReason: row.removalReason,
  };
}

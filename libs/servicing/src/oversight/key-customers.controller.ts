import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import {
  AddKeyCustomerRequest,
  KeyCustomerListView,
  KeyCustomerView,
  RemoveKeyCustomerRequest,
} from './key-customer.requests';
import { KeyCustomers } from './key-customers';

const MANAGERS = ['risk-manager', 'center-manager'] as const;

/** The key-customer list's routes (重点客户): see KeyCustomers. */
@ApiTags('key-customers')
@ApiBearerAuth()
@Controller('api/key-customers')
export class KeyCustomersController {
  constructor(private readonly keyCustomers: KeyCustomers) {}

  @Get()
  @Access.unit([...MANAGERS, 'post-loan-officer', 'auditor', 'admin'])
  @ApiOperation({
    summary: 'The key customers listed by your unit and the units below it, removed ones included',
  })
  @ApiOkResponse({ type: KeyCustomerListView })
  list(@CurrentScope() scope: UnitScope): Promise<KeyCustomerListView> {
    return this.keyCustomers.list(scope);
  }

  @Post()
  @HttpCode(201)
  @Access.unit([...MANAGERS])
  @ApiOperation({
    summary:
      'List a borrower as a key customer of your unit, with a reason and an inspection interval',
  })
  @ApiCreatedResponse({ type: KeyCustomerView })
  add(
    @CurrentUser() principal: Principal,
    @Body() request: AddKeyCustomerRequest,
  ): Promise<KeyCustomerView> {
    return this.keyCustomers.add(principal, request);
  }

  @Post(':entryId/remove')
  @HttpCode(200)
  @Access.unit([...MANAGERS])
  @ApiOperation({
    summary: 'Take a borrower off the key-customer list, with a reason (the entry is kept)',
  })
  @ApiOkResponse({ type: KeyCustomerView })
  remove(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Param('entryId') id: string,
    @Body() request: RemoveKeyCustomerRequest,
  ): Promise<KeyCustomerView> {
    return this.keyCustomers.remove(principal, scope, id, request);
  }
}

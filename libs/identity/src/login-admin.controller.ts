import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access } from '@loanflow/observability';
import { CurrentUser } from './auth.decorators';
import { LockoutAdmin } from './login/lockout-admin';
import type { Principal } from './principal';

export class LockoutView {
  @ApiProperty({ description: 'the user name as counted (trimmed, lower case)' })
  username!: string;
  @ApiProperty() lockedAt!: string;
  @ApiProperty() lockedUntil!: string;
  @ApiProperty() failures!: number;
}

export class UnlockResult {
  @ApiProperty() username!: string;
  @ApiProperty({
    description: 'false when the name was not locked (its failures are cleared anyway)',
  })
  wasLocked!: boolean;
}

/** Sign-in lockouts, for administrators. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
@Access.roles('admin')
export class LoginAdminController {
  constructor(private readonly lockouts: LockoutAdmin) {}

  /** User names locked now (known or not: lockout does not reveal which exist). */
  @Get('lockouts')
  @ApiOkResponse({ type: [LockoutView] })
  list(): Promise<LockoutView[]> {
    return this.lockouts.list();
  }

  /** Lifts a user name's lockout and clears its failures; audited. */
  @Post('users/:username/unlock')
  @HttpCode(200)
  @ApiOkResponse({ type: UnlockResult })
  unlock(
    @CurrentUser() admin: Principal,
    @Param('username') username: string,
  ): Promise<UnlockResult> {
    return this.lockouts.unlock(admin, username);
  }
}

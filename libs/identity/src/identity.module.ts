import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { IDENTITY_CLOCK, systemClock } from './clock';
import { Directory } from './directory';
import { DirectoryController } from './users/directory.controller';
import { LoginAdminController } from './login-admin.controller';
import { LockoutAdmin } from './login/lockout-admin';
import { LOGIN_COUNTER_STORE, RedisLoginCounterStore } from './login/login-counter-store';
import { LoginProtection } from './login/login-protection';
import { PasswordChange } from './login/password-change';
import { PasswordChangeRecords, SqlPasswordChangeRecords } from './login/password-change-records';
import { PasswordCheck } from './login/password-check';
import { SignIn } from './login/sign-in';
import { RefusalAudit } from './refusals/refusal-audit';
import { Tokens } from './tokens/tokens';
import { UserAdminController } from './users/user-admin.controller';
import { SqlUserRoleRecords, UserRoleRecords } from './users/user-role-records';
import { UserRoles } from './users/user-roles';

/**
 * Users, roles, org units and authority; sign-in with its limits; the guard every API route
 * passes. Only the api imports it: it needs AUTH_TOKEN_SECRET.
 */
@Global()
@Module({
  controllers: [AuthController, LoginAdminController, UserAdminController, DirectoryController],
  providers: [
    Directory,
    Tokens,
    { provide: IDENTITY_CLOCK, useValue: systemClock },
    { provide: LOGIN_COUNTER_STORE, useClass: RedisLoginCounterStore },
    LoginProtection,
    PasswordCheck,
    SignIn,
    { provide: PasswordChangeRecords, useClass: SqlPasswordChangeRecords },
    PasswordChange,
    LockoutAdmin,
    RefusalAudit,
    { provide: UserRoleRecords, useClass: SqlUserRoleRecords },
    UserRoles,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Directory, Tokens, RefusalAudit, LoginProtection],
})
export class IdentityModule {}

/** For processes without HTTP (workers, CLI): the directory only. */
@Global()
@Module({ providers: [Directory], exports: [Directory] })
export class DirectoryModule {}

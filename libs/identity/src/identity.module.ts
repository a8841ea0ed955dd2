import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { Directory } from './directory';
import { Tokens } from './tokens';

/** Users, roles, org units and authority; sign-in; the guard every API route passes. */
@Global()
@Module({
  controllers: [AuthController],
  providers: [Directory, Tokens, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Directory, Tokens],
})
export class IdentityModule {}

/** For processes without HTTP (workers, CLI): the directory only. */
@Global()
@Module({ providers: [Directory], exports: [Directory] })
export class DirectoryModule {}

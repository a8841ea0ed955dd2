import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { ALL_ROLES, Role } from '@loanflow/domain';
import { Access } from '@loanflow/observability';
import { CurrentUser } from '../auth.decorators';
import type { Principal } from '../principal';
import { UserRoles } from './user-roles';
import { UserRolesView } from './user-roles.view';

export class UserRolesRequest {
  @ApiProperty({ enum: ALL_ROLES, isArray: true, example: ['reviewer'] })
  @IsArray()
  @ArrayMaxSize(16)
  @IsIn(ALL_ROLES, { each: true, message: 'roles must each be one of the bank’s roles' })
  roles!: Role[];
}

/** Users' posts, for administrators. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/users')
@Access.roles('admin')
export class UserAdminController {
  constructor(private readonly userRoles: UserRoles) {}

  /** Replaces a user's roles; refused (403 INCOMPATIBLE_ROLES) for posts one person may not hold. */
  @Put(':username/roles')
  @HttpCode(200)
  @ApiOkResponse({ type: UserRolesView })
  async replaceRoles(
    @CurrentUser() admin: Principal,
    @Param('username') username: string,
    @Body() body: UserRolesRequest,
  ): Promise<UserRolesView> {
    return { username, roles: await this.userRoles.replace(admin, username, body.roles) };
  }
}

import { ApiProperty } from '@nestjs/swagger';
import { ALL_ROLES, Role } from '@loanflow/domain';

/** A user's roles as they now stand. */
export class UserRolesView {
  @ApiProperty() username!: string;
  @ApiProperty({
    type: 'string',
    enum: ALL_ROLES,
    isArray: true,
    example: ['reviewer'],
    description: 'each once, in alphabetical order (empty: no roles)',
  })
  roles!: Role[];
}

import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, ApiTextMap } from '@loanflow/observability';
import { Directory } from '../directory';

export class DirectoryNames {
  @ApiTextMap({
    description: 'user name → display name, every user (the audit trail names former staff too)',
    example: { 'wang.reviewer': '王磊 Wang Lei' },
  })
  users!: Record<string, string>;

  @ApiTextMap({ description: 'org unit code → name', example: { 'BR-HZ': '杭州分行' } })
  units!: Record<string, string>;
}

/**
 * The bank's names, for showing people and units by name instead of by id (audit trail, inbox,
 * dossier). Names only: no roles, no ID numbers, nothing about loans.
 */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/directory')
export class DirectoryController {
  constructor(private readonly directory: Directory) {}

  @Get()
  @Access.signedIn()
  @ApiOkResponse({ type: DirectoryNames })
  names(): Promise<DirectoryNames> {
    return this.directory.names();
  }
}

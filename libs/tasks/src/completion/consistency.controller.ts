import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@loanflow/observability';
import { ConsistencyCheck, ConsistencyReport } from './consistency-check';

@ApiTags('monitor')
@ApiBearerAuth()
@Controller('api/monitor/consistency')
export class ConsistencyController {
  constructor(private readonly check: ConsistencyCheck) {}

  @Get()
  @Access.roles('auditor', 'admin')
  @ApiOperation({
    summary:
      'The inbox against the engine’s open user-task jobs (missing and extra, with samples) and the completion outbox’s backlog (pending, oldest age)',
  })
  @ApiOkResponse({ type: ConsistencyReport })
  report(): Promise<ConsistencyReport> {
    return this.check.run();
  }
}

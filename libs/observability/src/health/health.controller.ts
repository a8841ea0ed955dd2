import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Access } from '../http/access-policy';
import { HealthCheckRegistry } from './health-check.registry';

@ApiTags('health')
@Access.public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly registry: HealthCheckRegistry,
  ) {}

  /** 200 when every dependency answers, 503 naming the ones that do not. */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check(this.registry.all());
  }
}

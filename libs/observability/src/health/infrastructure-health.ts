import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS } from '@loanflow/persistence';
import { HealthCheckRegistry } from './health-check.registry';
import { messageOf, textOf } from '@loanflow/domain';

/** Registers the database and Redis checks every process needs. */
@Injectable()
export class InfrastructureHealth implements OnModuleInit {
  constructor(
    private readonly registry: HealthCheckRegistry,
    private readonly typeOrm: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', () => this.typeOrm.pingCheck('database', { timeout: 2000 }));
    this.registry.register('redis', async () => {
      const indicator = this.indicators.check('redis');
      try {
        const pong = await this.redis.ping();
        return pong === 'PONG'
          ? indicator.up()
          : indicator.down({ message: `unexpected reply ${textOf(pong)}` });
      } catch (error) {
        return indicator.down({ message: messageOf(error) });
      }
    });
  }
}

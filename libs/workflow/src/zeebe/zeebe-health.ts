import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ZEEBE_CLIENT, ZeebeClient } from './zeebe-client';
import { messageOf } from '@loanflow/domain';

/** Up when the gateway answers topology and every partition has a healthy leader. */
@Injectable()
export class ZeebeHealth {
  constructor(
    @Inject(ZEEBE_CLIENT) private readonly client: ZeebeClient,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const topology = await withTimeout(this.client.topology(), 3000);
      const partitions = topology.brokers.flatMap((broker) => broker.partitions);
      const leaders = partitions.filter(
        (p) => String(p.role) === 'LEADER' || String(p.role) === '0',
      );
      const unhealthy = partitions.filter(
        (p) => String(p.health) !== 'HEALTHY' && String(p.health) !== '0',
      );
      const details = {
        brokers: topology.brokers.length,
        partitions: topology.partitionsCount,
        leaders: leaders.length,
        gatewayVersion: topology.gatewayVersion,
      };
      if (leaders.length < topology.partitionsCount || unhealthy.length > 0) {
        return indicator.down({ ...details, message: 'a partition has no healthy leader' });
      }
      return indicator.up(details);
    } catch (error) {
      return indicator.down({ message: messageOf(error) });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from the gateway in ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

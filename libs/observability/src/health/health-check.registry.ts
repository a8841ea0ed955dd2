import { Injectable } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';

/**
 * Modules add the checks their process depends on (database, broker, Redis, workers); /health runs
 * them all. A process reports only what it really uses.
 */
@Injectable()
export class HealthCheckRegistry {
  private readonly checks = new Map<string, HealthIndicatorFunction>();

  register(name: string, check: HealthIndicatorFunction): void {
    this.checks.set(name, check);
  }

  all(): HealthIndicatorFunction[] {
    return [...this.checks.values()];
  }

  names(): string[] {
    return [...this.checks.keys()];
  }
}

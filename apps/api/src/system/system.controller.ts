import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access } from '@loanflow/observability';
import { AppConfig } from '@loanflow/config';
import { beijingDate } from '@loanflow/domain';
import { BusinessClock, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { version } from '../../../../package.json';

/** The broker the product runs against. */
class BrokerInfo {
  @ApiProperty({ example: '8.5.8' }) gatewayVersion!: string;
  @ApiProperty() brokers!: number;
  @ApiProperty() partitions!: number;
}

class SystemInfo {
  @ApiProperty({ example: 'LoanFlow' }) product!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ type: BrokerInfo }) broker!: BrokerInfo;
}

class BusinessDate {
  @ApiProperty({
    example: '2026-12-05',
    description:
      'YYYY-MM-DD in Beijing: the day positions, days past due and payments are judged on',
  })
  date!: string;
  @ApiProperty({ description: 'the instant it was read' }) at!: string;
  @ApiProperty({
    enum: ['system', 'engine'],
    description: "system: the server's clock; engine: the broker's (controlled in tests)",
  })
  clock!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
}

@ApiTags('system')
@ApiBearerAuth()
@Controller('api/system')
export class SystemController {
  constructor(
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly clock: BusinessClock,
    private readonly config: AppConfig,
  ) {}

  /** The business date: what every figure of the day is computed for. */
  @Get('business-date')
  @Access.signedIn()
  @ApiOkResponse({ type: BusinessDate })
  async businessDate(): Promise<BusinessDate> {
    const now = await this.clock.now();
    return {
      date: beijingDate(now),
      at: now.toISOString(),
      clock: this.config.BUSINESS_CLOCK,
      timeZone: 'Asia/Shanghai',
    };
  }

  /** Which product version runs against which broker. */
  @Get('info')
  @Access.signedIn()
  @ApiOkResponse({ type: SystemInfo })
  async info(): Promise<SystemInfo> {
    const topology = await this.zeebe.topology();
    return {
      product: 'LoanFlow',
      version,
      broker: {
        gatewayVersion: topology.gatewayVersion,
        brokers: topology.brokers.length,
        partitions: topology.partitionsCount,
      },
    };
  }
}

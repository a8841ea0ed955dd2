import { ApiProperty } from '@nestjs/swagger';
import { WARNING_LEVELS, WarningLevel } from '@loanflow/domain';
import type { RiskWarningEntity } from '@loanflow/persistence';

/** A risk warning (风险预警) as the API shows it. */
export class WarningView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty({ enum: WARNING_LEVELS }) level!: WarningLevel;
  @ApiProperty({ example: 'manual', description: 'what raised it: a person, or a feed or rule' })
  signal!: string;
  @ApiProperty() description!: string;
  @ApiProperty() raisedBy!: string;
  @ApiProperty() raisedAt!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the worse warning that replaced it' })
  supersededBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
}

/** A warning raised by hand: new, or superseding the open one of a lesser level. */
export class RaisedWarningView {
  @ApiProperty({ example: 'raised' }) outcome!: string;
  @ApiProperty({ type: WarningView }) warning!: WarningView;
}

export function warningView(row: RiskWarningEntity): WarningView {
  return {
    id: row.id,
    loanId: row.loanId,
    level: row.level,
    signal: row.signal,
    description: row.description,
    raisedBy: row.raisedBy,
    raisedAt: row.raisedAt.toISOString(),
    state: row.state,
    supersededBy: row.supersededBy,
    closedAt: row.closedAt?.toISOString() ?? null,
    resolution: row.resolution,
  };
}

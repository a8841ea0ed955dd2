import { ApiProperty } from '@nestjs/swagger';
import { RESTRUCTURING_KINDS, RestructuringKind } from '@loanflow/domain';

/** An extension (展期) or restructuring (重组) request and what became of it. */
export class RestructuringView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty({ enum: RESTRUCTURING_KINDS }) kind!: RestructuringKind;
  @ApiProperty({ example: 6, description: 'months added to the installments not yet due' })
  extraMonths!: number;
  @ApiProperty() reason!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ enum: ['requested', 'applied', 'refused'] })
  state!: 'requested' | 'applied' | 'refused';
  @ApiProperty({ type: String, nullable: true }) processInstanceKey!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why it was refused, or what was applied',
  })
  outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
}

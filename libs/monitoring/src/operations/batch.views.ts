import { ApiProperty } from '@nestjs/swagger';
import type { BatchAction, BatchStatus } from '@loanflow/persistence';

/** One item of a batch: an incident or an instance, with what the act did to it. */
export class BatchItemView {
  @ApiProperty({ description: 'the incident key (retry) or process instance key, as asked' })
  key!: string;
  @ApiProperty({ description: 'its process instance; empty when none in your units was found' })
  processInstanceKey!: string;
  @ApiProperty({ type: String, nullable: true }) loanId!: string | null;
  @ApiProperty({ type: String, nullable: true }) branchCode!: string | null;
  @ApiProperty({ enum: ['waiting', 'ok', 'failed'] }) result!: 'waiting' | 'ok' | 'failed';
  @ApiProperty({ type: String, nullable: true, description: 'what was done, or why it failed' })
  message!: string | null;
}

/** A batch of retries, cancellations or migrations, with its progress and per-item results. */
export class BatchView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['retry', 'cancel', 'migrate'] }) action!: BatchAction;
  @ApiProperty({
    enum: ['pending', 'running', 'done', 'refused'],
    description: 'pending: a cancellation waiting for a second person',
  })
  status!: BatchStatus;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true, description: 'migrate: the version moved to' })
  targetProcessDefinitionKey!: string | null;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'items done, failed ones included' }) done!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ type: [BatchItemView] }) items!: BatchItemView[];
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
}

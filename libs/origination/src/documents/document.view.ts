import { ApiProperty } from '@nestjs/swagger';

/** A document on a loan's file: what it is, who brought it in, from which task, its checksum. */
export class DocumentView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the task it was uploaded from' })
  taskId!: string | null;
  @ApiProperty({ type: String, nullable: true }) taskType!: string | null;
  @ApiProperty({ example: 'income-proof' }) kind!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;
}

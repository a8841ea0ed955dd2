import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class SubjectExportRequest {
  @ApiProperty({ example: '33010619900101123X' })
  @IsString()
  @Length(18, 18, { message: 'idNumber must be the 18-character resident identity number' })
  idNumber!: string;

  @ApiProperty({ example: 'written request of the customer dated 2027-03-01, ref. PI-2027-0012' })
  @IsString()
  @Length(10, 500, {
    message: 'reason must name the request this export answers (10 to 500 characters)',
  })
  reason!: string;
}

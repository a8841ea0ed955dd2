import { IsISO8601, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Matches } from 'class-validator';
import { LOAN_ID_PATTERN } from '@loanflow/loans';

export class ServicingRef {
  @Matches(LOAN_ID_PATTERN, { message: 'loanId must be a loan id such as LN20261123-7KQ2M9' })
  loanId!: string;
}

/** The engine's time of the step (FEEL string(now())), so the step judges the loan on the engine's day. */
export class ServicingStep extends ServicingRef {
  @IsString() asOf!: string;
}

export class NextInstallmentInput extends ServicingRef {
  @IsOptional() @IsInt() @Min(0) lastCheckedInstallment?: number;
}

export class CheckInstallmentInput extends ServicingStep {
  @IsInt() @Min(1) installmentNumber!: number;
}

export class EpisodeInput extends ServicingStep {
  @IsOptional() @IsISO8601() openedAt?: string;
}

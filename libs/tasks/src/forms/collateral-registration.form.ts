import { Equals, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { FormDefinition } from './form-definition';

/** 抵押办证: the registration of the mortgage or pledge, and the certificate handed to the supervisor. */
export class CollateralRegistration {
  /** 不动产登记证明号 or the pledge registration number. */
  @Matches(/^[\p{L}\p{N}()（）〔〕[\]-]{6,64}$/u, {
    message: 'certificateNo must be the registration certificate number (6 to 64 characters)',
  })
  certificateNo!: string;

  @IsString() @Length(2, 100) registryOffice!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'registeredOn must be a date such as 2026-11-23' })
  registeredOn!: string;

  @Equals(true, {
    message:
      'certificateHandedOver must be true: the certificate goes to the disbursement supervisor',
  })
  certificateHandedOver!: boolean;

  @IsOptional() @IsString() @Length(1, 2000) remarks?: string;
}

export const COLLATERAL_REGISTRATION: FormDefinition<CollateralRegistration> = {
  key: 'loanflow:collateral-registration',
  title: 'Collateral registration',
  titleZh: '抵押办证',
  duty: 'mortgage-registration',
  dto: CollateralRegistration,
  outputs: ['collateralRegistration'],
  toVariables: (answer, completedBy) => ({
    collateralRegistration: { ...answer, by: completedBy },
  }),
  summary: (answer) =>
    `collateral registered at ${answer.registryOffice} on ${answer.registeredOn}, certificate ${answer.certificateNo}`,
};

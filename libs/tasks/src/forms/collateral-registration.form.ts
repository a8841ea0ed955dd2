import { Equals, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { DATE_HELP, formLabels } from './form-labels';

/** 抵押办证: the registration of the mortgage or pledge, and the certificate handed to the supervisor. */
@JSONSchema(
  formLabels<CollateralRegistration>({
    certificateNo: [
      { title: '登记证明编号', help: '不动产登记证明号或质押登记编号，6 到 64 个字符' },
      {
        title: 'Certificate number',
        help: 'Real-estate registration certificate or pledge registration number, 6 to 64 characters',
      },
    ],
    registryOffice: [{ title: '登记机关' }, { title: 'Registry office' }],
    registeredOn: [
      { title: '登记日期', help: DATE_HELP.zh },
      { title: 'Registered on', help: DATE_HELP.en },
    ],
    certificateHandedOver: [
      { title: '登记证明已移交放款监督岗' },
      { title: 'Certificate handed to the disbursement supervisor' },
    ],
    remarks: [{ title: '备注' }, { title: 'Remarks' }],
  }),
)
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

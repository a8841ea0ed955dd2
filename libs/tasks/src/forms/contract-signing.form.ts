import { Type } from 'class-transformer';
import {
  Equals,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DomainError } from '@loanflow/domain';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { DATE_HELP, formLabels } from './form-labels';

const CONTRACT_NO = /^[A-Z0-9][A-Z0-9-]{5,40}$/;
const CONTRACT_NO_MESSAGE =
  'must be a contract number such as HT-2026-000123 (capitals, digits, dashes)';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

@JSONSchema(
  formLabels<GuaranteeContract>({
    guarantorIdNumber: [
      { title: '保证人身份证号', help: '18 位身份证号' },
      { title: 'Guarantor ID number', help: 'The 18-character ID number' },
    ],
    contractNo: [
      { title: '保证合同编号', help: '如 HT-2026-000123（大写字母、数字、短横线）' },
      {
        title: 'Guarantee contract number',
        help: 'e.g. HT-2026-000123 (capitals, digits, dashes)',
      },
    ],
  }),
)
export class GuaranteeContract {
  @Matches(/^\d{17}[\dX]$/, {
    message: 'guarantorIdNumber must be the guarantor’s 18-character ID number',
  })
  guarantorIdNumber!: string;
  @Matches(CONTRACT_NO, { message: `contractNo ${CONTRACT_NO_MESSAGE}` })
  contractNo!: string;
}

/** 签订借款合同/担保合同: the borrower's loan contract, each guarantor's contract, the collateral contract. */
@JSONSchema(
  formLabels<ContractSigning>({
    loanContractNo: [
      { title: '借款合同编号', help: '如 HT-2026-000123（大写字母、数字、短横线）' },
      { title: 'Loan contract number', help: 'e.g. HT-2026-000123 (capitals, digits, dashes)' },
    ],
    borrowerSigned: [{ title: '借款人已当面签署' }, { title: 'Signed by the borrower in person' }],
    signedOn: [
      { title: '签订日期', help: DATE_HELP.zh },
      { title: 'Signed on', help: DATE_HELP.en },
    ],
    guaranteeContracts: [
      { title: '保证合同', help: '每位保证人一份' },
      { title: 'Guarantee contracts', help: 'One for each guarantor' },
    ],
    collateralContractNo: [
      { title: '抵质押合同编号', help: '抵押、质押贷款必填，如 HT-2026-000124' },
      {
        title: 'Collateral contract number',
        help: 'Required for a mortgage or pledge loan, e.g. HT-2026-000124',
      },
    ],
    remarks: [{ title: '备注' }, { title: 'Remarks' }],
  }),
)
export class ContractSigning {
  @Matches(CONTRACT_NO, { message: `loanContractNo ${CONTRACT_NO_MESSAGE}` })
  loanContractNo!: string;

  /** Signed face to face (面签) by the borrower. */
  @Equals(true, { message: 'borrowerSigned must be true: the borrower signs in person' })
  borrowerSigned!: boolean;

  @Matches(DATE, { message: 'signedOn must be a date such as 2026-11-23' })
  signedOn!: string;

  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GuaranteeContract)
  guaranteeContracts?: GuaranteeContract[];

  @ValidateIf((c: ContractSigning) => c.collateralContractNo !== undefined)
  @Matches(CONTRACT_NO, { message: `collateralContractNo ${CONTRACT_NO_MESSAGE}` })
  collateralContractNo?: string;

  @IsOptional() @IsString() @Length(1, 2000) remarks?: string;
}

export const CONTRACT_SIGNING: FormDefinition<ContractSigning> = {
  key: 'loanflow:contract-signing',
  title: 'Contract signing',
  titleZh: '签订借款及担保合同',
  duty: null,
  dto: ContractSigning,
  outputs: ['contracts'],
  // The guarantors by their party in the register, never their ID numbers (checked above).
  toVariables: (answer, completedBy, loan) => ({
    contracts: {
      loanContractNo: answer.loanContractNo,
      signedOn: answer.signedOn,
      guaranteeContracts: (answer.guaranteeContracts ?? []).map((contract) => ({
        contractNo: contract.contractNo,
        guarantorPartyId:
          loan?.guarantors?.find(
            (g) => g.idNumber.toUpperCase() === contract.guarantorIdNumber.toUpperCase(),
          )?.partyId ?? null,
      })),
      collateralContractNo: answer.collateralContractNo ?? null,
      by: completedBy,
    },
  }),
  summary: (answer) =>
    `contracts signed on ${answer.signedOn}: loan ${answer.loanContractNo}` +
    `${answer.guaranteeContracts?.length ? `, ${answer.guaranteeContracts.length} guarantee` : ''}` +
    `${answer.collateralContractNo ? `, collateral ${answer.collateralContractNo}` : ''}`,
  checkAgainstLoan: (answer, loan) => {
    if (!loan) return null;
    const guarantorIds = (loan.guarantors ?? []).map((g) => g.idNumber.toUpperCase());
    const signed = new Set(
      (answer.guaranteeContracts ?? []).map((c) => c.guarantorIdNumber.toUpperCase()),
    );
    const unsigned = guarantorIds.filter((id) => !signed.has(id));
    const strangers = [...signed].filter((id) => !guarantorIds.includes(id));
    const secured = loan.guaranteeType === 'mortgage' || loan.guaranteeType === 'pledge';
    const problems = [
      ...unsigned.map((id) => `guarantor ${id} has not signed a guarantee contract`),
      ...strangers.map((id) => `${id} is not a guarantor of this loan`),
      ...(secured && !answer.collateralContractNo
        ? [
            `a ${loan.guaranteeType} loan needs its ${loan.guaranteeType} contract (collateralContractNo)`,
          ]
        : []),
    ];
    return problems.length
      ? new DomainError(
          'CONTRACTS_INCOMPLETE',
          `The contracts are not complete: ${problems.join('; ')}.`,
          {
            problems,
          },
        )
      : null;
  },
};

import { LoanProduct } from '../authority/approval-authority';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { GuaranteeType, isSecuredByCollateral } from './guarantee-types';
import { ProductPolicy } from './product-policy';

/**
 * What the disbursement supervisor (放款监督岗) checks before funds leave the bank. The rule the
 * bank lives by: never disburse before the loan and collateral contracts take effect.
 *
 * - The loan contract (借款合同) is in force.
 * - Every guarantor has a guarantee contract (保证合同) in force, and a guarantor loan has at
 *   least one. Guarantors added to a mortgage or pledge loan need theirs too.
 * - A mortgage or pledge loan has its mortgage or pledge contract in force and the collateral
 *   registered (抵押/质押登记): an unregistered mortgage does not bind a later buyer, so it
 *   secures nothing.
 * - The papers are on file, as uploads and not as statements: the signed loan contract (kind
 *   `contract`), and for a mortgage or pledge the registration certificate (他项权证, kind
 *   `collateral-certificate`). A number typed into a form is not the paper the bank keeps.
 * - Self payment (自主支付, funds to the borrower's own account) only where the product allows
 *   it and within its ceiling; otherwise the bank pays the counterparty (受托支付).
 */
export type ContractKind = 'loan' | 'guarantee' | 'mortgage' | 'pledge';
export type PaymentMethod = 'entrusted' | 'self';

export interface SignedContract {
  kind: ContractKind;
  /** Signed by every party and in force (已生效). */
  effective: boolean;
}

export interface DisbursementFacts {
  contracts: readonly SignedContract[];
  guaranteeType: GuaranteeType;
  guarantorCount: number;
  collateralRegistered: boolean;
  /** Kinds of the documents uploaded to the loan (loan_document). */
  documentsOnFile: readonly string[];
  paymentMethod: PaymentMethod;
  product: LoanProduct;
  amount: Money;
  policy: ProductPolicy;
}

export type DisbursementConditionCode =
  | 'LOAN_CONTRACT_NOT_EFFECTIVE'
  | 'GUARANTEE_CONTRACT_NOT_EFFECTIVE'
  | 'COLLATERAL_CONTRACT_NOT_EFFECTIVE'
  | 'COLLATERAL_NOT_REGISTERED'
  | 'SIGNED_CONTRACT_NOT_ON_FILE'
  | 'COLLATERAL_CERTIFICATE_NOT_ON_FILE'
  | 'SELF_PAYMENT_NOT_ALLOWED'
  | 'SELF_PAYMENT_ABOVE_CEILING';

export interface UnmetCondition {
  code: DisbursementConditionCode;
  reason: string;
}

/** Every condition not yet met; an empty list means the loan may be disbursed. */
export function unmetDisbursementConditions(facts: DisbursementFacts): UnmetCondition[] {
  if (facts.policy.product !== facts.product) {
    throw new DomainError(
      'POLICY_PRODUCT_MISMATCH',
      `the ${facts.policy.product} policy cannot judge a ${facts.product} loan`,
    );
  }
  return [
    ...loanContract(facts),
    ...guarantees(facts),
    ...collateral(facts),
    ...papers(facts),
    ...payment(facts),
  ];
}

/** The upload kinds that stand for the signed contract and the registration certificate. */
export const SIGNED_CONTRACT_KIND = 'contract';
export const COLLATERAL_CERTIFICATE_KIND = 'collateral-certificate';

/** One line of the supervisor's checklist: a condition the loan is held to. */
export type DisbursementCheck =
  | 'loan-contract'
  | 'guarantee-contracts'
  | 'collateral-contract'
  | 'collateral-registered'
  | 'signed-contract-on-file'
  | 'collateral-certificate-on-file'
  | 'payment-method';

/**
 * Every condition that applies to the loan, met or not, as the system read the records: what the
 * supervisor is shown ticked or crossed, so that nothing the system knows has to be attested by
 * hand. A condition that does not apply (collateral on a credit loan) is not listed.
 */
export function disbursementChecklist(
  facts: DisbursementFacts,
): { check: DisbursementCheck; met: boolean }[] {
  const unmetCodes = new Set(unmetDisbursementConditions(facts).map((condition) => condition.code));
  const line = (check: DisbursementCheck, ...codes: DisbursementConditionCode[]) => ({
    check,
    met: codes.every((code) => !unmetCodes.has(code)),
  });
  const lines = [
    line('loan-contract', 'LOAN_CONTRACT_NOT_EFFECTIVE'),
    line('signed-contract-on-file', 'SIGNED_CONTRACT_NOT_ON_FILE'),
  ];
  if (facts.guarantorCount > 0 || facts.guaranteeType === 'guarantor')
    lines.push(line('guarantee-contracts', 'GUARANTEE_CONTRACT_NOT_EFFECTIVE'));
  if (isSecuredByCollateral(facts.guaranteeType))
    lines.push(
      line('collateral-contract', 'COLLATERAL_CONTRACT_NOT_EFFECTIVE'),
      line('collateral-registered', 'COLLATERAL_NOT_REGISTERED'),
      line('collateral-certificate-on-file', 'COLLATERAL_CERTIFICATE_NOT_ON_FILE'),
    );
  lines.push(line('payment-method', 'SELF_PAYMENT_NOT_ALLOWED', 'SELF_PAYMENT_ABOVE_CEILING'));
  return lines;
}

function effectiveCount(contracts: readonly SignedContract[], kind: ContractKind): number {
  return contracts.filter((contract) => contract.kind === kind && contract.effective).length;
}

function loanContract({ contracts }: DisbursementFacts): UnmetCondition[] {
  return effectiveCount(contracts, 'loan') > 0
    ? []
    : [unmet('LOAN_CONTRACT_NOT_EFFECTIVE', 'the loan contract (借款合同) is not in force')];
}

function guarantees({
  contracts,
  guaranteeType,
  guarantorCount,
}: DisbursementFacts): UnmetCondition[] {
  const needed = Math.max(guarantorCount, guaranteeType === 'guarantor' ? 1 : 0);
  const inForce = effectiveCount(contracts, 'guarantee');
  return inForce >= needed
    ? []
    : [
        unmet(
          'GUARANTEE_CONTRACT_NOT_EFFECTIVE',
          `${needed} guarantee ${needed === 1 ? 'contract' : 'contracts'} (保证合同) must be in ` +
            `force; ${inForce} ${inForce === 1 ? 'is' : 'are'}`,
        ),
      ];
}

function collateral({
  contracts,
  guaranteeType,
  collateralRegistered,
}: DisbursementFacts): UnmetCondition[] {
  if (!isSecuredByCollateral(guaranteeType)) return [];
  const chinese = guaranteeType === 'mortgage' ? '抵押' : '质押';
  const unmetConditions: UnmetCondition[] = [];
  if (effectiveCount(contracts, guaranteeType) === 0) {
    unmetConditions.push(
      unmet(
        'COLLATERAL_CONTRACT_NOT_EFFECTIVE',
        `the ${guaranteeType} contract (${chinese}合同) is not in force`,
      ),
    );
  }
  if (!collateralRegistered) {
    unmetConditions.push(
      unmet('COLLATERAL_NOT_REGISTERED', `the ${guaranteeType} is not registered (${chinese}登记)`),
    );
  }
  return unmetConditions;
}

function papers({ documentsOnFile, guaranteeType }: DisbursementFacts): UnmetCondition[] {
  const onFile = new Set(documentsOnFile);
  const unmetConditions: UnmetCondition[] = [];
  if (!onFile.has(SIGNED_CONTRACT_KIND))
    unmetConditions.push(
      unmet(
        'SIGNED_CONTRACT_NOT_ON_FILE',
        `the signed loan contract (已签借款合同) is not uploaded to the loan (kind ${SIGNED_CONTRACT_KIND})`,
      ),
    );
  if (isSecuredByCollateral(guaranteeType) && !onFile.has(COLLATERAL_CERTIFICATE_KIND))
    unmetConditions.push(
      unmet(
        'COLLATERAL_CERTIFICATE_NOT_ON_FILE',
        `the ${guaranteeType} registration certificate (他项权证) is not uploaded to the loan (kind ${COLLATERAL_CERTIFICATE_KIND})`,
      ),
    );
  return unmetConditions;
}

function payment({ paymentMethod, product, amount, policy }: DisbursementFacts): UnmetCondition[] {
  if (paymentMethod === 'entrusted') return [];
  const ceiling = policy.selfPaymentCeiling;
  if (ceiling === null) {
    return [
      unmet(
        'SELF_PAYMENT_NOT_ALLOWED',
        `a ${product} loan is paid only to the borrower's counterparty (受托支付)`,
      ),
    ];
  }
  if (amount.compare(ceiling) > 0) {
    return [
      unmet(
        'SELF_PAYMENT_ABOVE_CEILING',
        `self payment (自主支付) of a ${product} loan is allowed up to ${ceiling.toDecimalString()} ` +
          `${ceiling.currency}; ${amount.toDecimalString()} must be paid to the counterparty (受托支付)`,
      ),
    ];
  }
  return [];
}

function unmet(code: DisbursementConditionCode, reason: string): UnmetCondition {
  return { code, reason };
}

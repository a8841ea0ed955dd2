import type { DataSourceOptions } from 'typeorm';
import { parseDatabaseUrl } from './database-url';
import { AuditChainHeadEntity, AuditEntryEntity } from './entities/audit.entities';
import {
  ApprovalAuthorityEntity,
  AuthorityLevelLimitEntity,
  OrgUnitEntity,
  UserEntity,
  UserRelativeEntity,
  UserRoleEntity,
} from './entities/identity.entities';
import { JobEffectEntity } from './entities/job-effect.entity';
import { ModelDeploymentEntity, ModelReleaseEntity } from './entities/model-deployment.entity';
import {
  CollectionEpisodeEntity,
  LegalMilestoneEntity,
  LoanClassificationEntity,
  RepaymentEntity,
} from './entities/servicing.entities';
import {
  DeploymentEntity,
  ElementInstanceEntity,
  IncidentEntity,
  JobEntity,
  MessageSubscriptionEntity,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
  PortfolioSnapshotEntity,
  ProcessVariableEntity,
  TimerEntity,
} from './entities/projection.entities';
import {
  DisbursementEntity,
  LedgerAccountEntity,
  LedgerBalanceSlotEntity,
  LedgerEntryEntity,
  LoanRefundEntity,
} from './entities/ledger.entities';
import {
  BureauReportEntity,
  CreditWarningEntity,
  LoanCollateralEntity,
  LoanContractEntity,
  LoanDecisionEntity,
  LoanEntity,
  LoanInstallmentEntity,
  LoanPartyEntity,
  LoanVerifiedFinancesEntity,
  NotificationEntity,
} from './entities/loan.entities';
import { LoanDutyEntity, UserTaskCandidateEntity, UserTaskEntity } from './entities/task.entities';
import {
  CommentMentionEntity,
  LoanCommentEntity,
  LoanDocumentEntity,
  TaskDraftEntity,
} from './entities/collab.entities';
import { JobEffect1795400000000 } from './migrations/1795400000000-job-effect';
import { TaskPlatform1795400100000 } from './migrations/1795400100000-task-platform';
import { InboxSortColumns1795400200000 } from './migrations/1795400200000-inbox-sort-columns';
import { Origination1795500000000 } from './migrations/1795500000000-origination';
import { ProjectionAndModels1795600000000 } from './migrations/1795600000000-projection-and-models';
import { Repayments1795700000000 } from './migrations/1795700000000-repayments';
import { ServicingState1795800000000 } from './migrations/1795800000000-servicing-state';
import { PostLoan1795900000000 } from './migrations/1795900000000-post-loan';
import { Restructuring1796000000000 } from './migrations/1796000000000-restructuring';
import { EngineProjection1796100000000 } from './migrations/1796100000000-engine-projection';
import { UserTaskElement1796200000000 } from './migrations/1796200000000-user-task-element';
import { ElementTokenIndex1796300000000 } from './migrations/1796300000000-element-token-index';
import { CreditInsurance1796400000000 } from './migrations/1796400000000-credit-insurance';
import { PortfolioSnapshot1796500000000 } from './migrations/1796500000000-portfolio-snapshot';
import { TaskContext1796600000000 } from './migrations/1796600000000-task-context';
import { BranchScope1796700000000 } from './migrations/1796700000000-branch-scope';
import { ModelRelease1796800000000 } from './migrations/1796800000000-model-release';
import { DutyRef1796900000000 } from './migrations/1796900000000-duty-ref';
import { LoanDecision1797000000000 } from './migrations/1797000000000-loan-decision';
import { LoanRefund1797100000000 } from './migrations/1797100000000-loan-refund';
import { AdvanceAccounts1797200000000 } from './migrations/1797200000000-advance-accounts';
import { CollectionBands1797300000000 } from './migrations/1797300000000-collection-bands';
import { RepaymentKind1797400000000 } from './migrations/1797400000000-repayment-kind';
import { EncryptPersonalData1797950000000 } from './migrations/1797950000000-encrypt-personal-data';
import { PersonalDataRetention1797960000000 } from './migrations/1797960000000-personal-data-retention';
import { Staffing1797990000000 } from './migrations/1797990000000-staffing';
import { DecisionEvaluation1797991000000 } from './migrations/1797991000000-decision-evaluation';
import { VerifiedFinances1797992000000 } from './migrations/1797992000000-verified-finances';
import { CommitteeVote1797993000000 } from './migrations/1797993000000-committee-vote';
import { CommitteeBallotEntity, CommitteeVoteEntity } from './entities/committee.entities';
import { AfterDisbursement1797994000000 } from './migrations/1797994000000-after-disbursement';
import {
  HandoverEntity,
  HandoverItemEntity,
  UserAbsenceEntity,
} from './entities/staffing.entities';
import { CreditChecks1797970000000 } from './migrations/1797970000000-credit-checks';
import { LoanComments1797985000000 } from './migrations/1797985000000-loan-comments';
import { TaskDrafts1797985100000 } from './migrations/1797985100000-task-drafts';
import { LoanDocuments1797985200000 } from './migrations/1797985200000-loan-documents';
import { ComplaintsAndReports1797996000000 } from './migrations/1797996000000-complaints-and-reports';
import { EarlyWarning1798000000000 } from './migrations/1798000000000-early-warning';
import {
  FeedCheckEntity,
  FigureThresholdEntity,
  ThresholdCrossingEntity,
} from './entities/early-warning.entities';
import {
  ComplaintEntity,
  ComplaintStaffEntity,
  KeyCustomerEntity,
  MisconductReportEntity,
  MisconductReportStepEntity,
} from './entities/complaints.entities';
import { PartPrepayment1797997000000 } from './migrations/1797997000000-part-prepayment';
import { LoanInstallmentHistoryEntity, LoanPrepaymentEntity } from './entities/prepayment.entities';
import { LoanChangeRequestEntity } from './entities/change-request.entities';
import { ChangeRequests1797998000000 } from './migrations/1797998000000-change-requests';
import { ArchiveRegister1797999000000 } from './migrations/1797999000000-archive-register';
import {
  ArchiveEntryEntity,
  ArchiveFileEntity,
  ArchiveHandoverEntity,
  ArchiveHandoverItemEntity,
  ArchiveInspectionEntity,
  ArchiveLendingEntity,
  ArchiveValuableEntity,
  ArchiveValuableMovementEntity,
} from './entities/archive.entities';
import { InstanceOperations1798002000000 } from './migrations/1798002000000-instance-operations';
import { CurrentTokens1798005000000 } from './migrations/1798005000000-current-tokens';
import { InboxOrderIndexes1798005100000 } from './migrations/1798005100000-inbox-order-indexes';
import { TaskHoldOrderIndex1798005200000 } from './migrations/1798005200000-task-hold-order-index';
import { LoanPositions1798005300000 } from './migrations/1798005300000-loan-positions';
import { AuditChains1798005400000 } from './migrations/1798005400000-audit-chains';
import { LedgerBalanceSlots1798005500000 } from './migrations/1798005500000-ledger-balance-slots';
import { BatchOperationEntity, InstanceModificationEntity } from './entities/operations.entities';
import { TaskCompletionOutbox1798004000000 } from './migrations/1798004000000-task-completion-outbox';
import { TaskCompletionOutboxEntity } from './entities/completion-outbox.entity';
import { BlindIndexSubscriber } from './crypto/blind-index.subscriber';
import { ClassificationHistory1797500000000 } from './migrations/1797500000000-classification-history';
import {
  AccountabilityCaseEntity,
  CollateralValuationEntity,
  LoanFollowUpEntity,
  LoanInspectionEntity,
  LoanRevaluationEntity,
  LoanRestructuringEntity,
  LoanWriteOffEntity,
  RiskWarningEntity,
} from './entities/post-loan.entities';

/** Listed, not globbed: the build and the tests load exactly these, in this order. */
export const ENTITIES = [
  LoanChangeRequestEntity,
  ArchiveFileEntity,
  ArchiveEntryEntity,
  ArchiveLendingEntity,
  ArchiveInspectionEntity,
  ArchiveHandoverEntity,
  ArchiveHandoverItemEntity,
  ArchiveValuableEntity,
  ArchiveValuableMovementEntity,
  FigureThresholdEntity,
  ThresholdCrossingEntity,
  FeedCheckEntity,
  InstanceModificationEntity,
  BatchOperationEntity,
  TaskCompletionOutboxEntity,
  ComplaintEntity,
  ComplaintStaffEntity,
  MisconductReportEntity,
  MisconductReportStepEntity,
  KeyCustomerEntity,
  JobEffectEntity,
  OrgUnitEntity,
  UserEntity,
  UserRoleEntity,
  UserRelativeEntity,
  AuthorityLevelLimitEntity,
  ApprovalAuthorityEntity,
  UserTaskEntity,
  UserTaskCandidateEntity,
  LoanDutyEntity,
  AuditEntryEntity,
  AuditChainHeadEntity,
  LoanEntity,
  LoanDecisionEntity,
  LoanPartyEntity,
  LoanVerifiedFinancesEntity,
  CommitteeVoteEntity,
  CommitteeBallotEntity,
  LoanCollateralEntity,
  LoanContractEntity,
  CreditWarningEntity,
  BureauReportEntity,
  NotificationEntity,
  LoanInstallmentEntity,
  LedgerAccountEntity,
  LedgerBalanceSlotEntity,
  LedgerEntryEntity,
  DisbursementEntity,
  LoanRefundEntity,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
  ElementInstanceEntity,
  ModelDeploymentEntity,
  ModelReleaseEntity,
  RepaymentEntity,
  LoanClassificationEntity,
  CollectionEpisodeEntity,
  LegalMilestoneEntity,
  LoanInspectionEntity,
  LoanFollowUpEntity,
  LoanRevaluationEntity,
  CollateralValuationEntity,
  RiskWarningEntity,
  LoanWriteOffEntity,
  AccountabilityCaseEntity,
  LoanRestructuringEntity,
  IncidentEntity,
  JobEntity,
  TimerEntity,
  MessageSubscriptionEntity,
  DeploymentEntity,
  ProcessVariableEntity,
  PortfolioSnapshotEntity,
  UserAbsenceEntity,
  HandoverEntity,
  HandoverItemEntity,
  LoanCommentEntity,
  CommentMentionEntity,
  TaskDraftEntity,
  LoanDocumentEntity,
  LoanPrepaymentEntity,
  LoanInstallmentHistoryEntity,
];
export const MIGRATIONS = [
  JobEffect1795400000000,
  TaskPlatform1795400100000,
  InboxSortColumns1795400200000,
  Origination1795500000000,
  ProjectionAndModels1795600000000,
  Repayments1795700000000,
  ServicingState1795800000000,
  PostLoan1795900000000,
  Restructuring1796000000000,
  EngineProjection1796100000000,
  UserTaskElement1796200000000,
  ElementTokenIndex1796300000000,
  CreditInsurance1796400000000,
  PortfolioSnapshot1796500000000,
  TaskContext1796600000000,
  BranchScope1796700000000,
  ModelRelease1796800000000,
  DutyRef1796900000000,
  LoanDecision1797000000000,
  LoanRefund1797100000000,
  AdvanceAccounts1797200000000,
  CollectionBands1797300000000,
  RepaymentKind1797400000000,
  ClassificationHistory1797500000000,
  EncryptPersonalData1797950000000,
  PersonalDataRetention1797960000000,
  CreditChecks1797970000000,
  LoanComments1797985000000,
  TaskDrafts1797985100000,
  LoanDocuments1797985200000,
  Staffing1797990000000,
  DecisionEvaluation1797991000000,
  VerifiedFinances1797992000000,
  CommitteeVote1797993000000,
  AfterDisbursement1797994000000,
  ComplaintsAndReports1797996000000,
  PartPrepayment1797997000000,
  ChangeRequests1797998000000,
  ArchiveRegister1797999000000,
  EarlyWarning1798000000000,
  InstanceOperations1798002000000,
  TaskCompletionOutbox1798004000000,
  CurrentTokens1798005000000,
  InboxOrderIndexes1798005100000,
  TaskHoldOrderIndex1798005200000,
  LoanPositions1798005300000,
  AuditChains1798005400000,
  LedgerBalanceSlots1798005500000,
];

export function buildDataSourceOptions(databaseUrl: string): DataSourceOptions {
  const target = parseDatabaseUrl(databaseUrl);
  return {
    type: 'mysql',
    ...target,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers: [BlindIndexSubscriber],
    migrationsTableName: 'schema_migration',
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    // int64 ids and amounts in minor units come back as strings, never lossy numbers.
    supportBigNumbers: true,
    bigNumberStrings: true,
    extra: { connectionLimit: 20 },
  };
}

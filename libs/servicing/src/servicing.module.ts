import { ArchiveController, LoanArchiveController } from './archive/archive.controller';
import { ArchiveRegister } from './archive/archive-register.service';
import { LendingOverdueWorker } from './archive/lending-overdue.worker';
import {
  EscalateFollowUpWorker,
  EscalateRevaluationWorker,
  PlanFollowUpWorker,
  PlanRevaluationWorker,
  RecordFollowUpWorker,
  RecordRevaluationWorker,
} from './post-loan/after-disbursement.workers';
import { Module } from '@nestjs/common';
import { AdaptersModule } from '@loanflow/adapters';
import { IdentityModule } from '@loanflow/identity';
import { ComplaintsController, LoanComplaintsController } from './complaints/complaints.controller';
import { ComplaintsService } from './complaints/complaints.service';
import { EscalateComplaintWorker } from './complaints/complaint.workers';
import { ComplaintRecords, SqlComplaintRecords } from './complaints/complaint-records';
import { KeyCustomersController } from './oversight/key-customers.controller';
import { ReportsController } from './oversight/reports.controller';
import { AccountabilityController } from './accountability/accountability.controller';
import { BuildDossierWorker, RecordDecisionWorker } from './accountability/accountability.workers';
import {
  ApplyUpgradeWorker,
  EscalateInspectionWorker,
  PlanInspectionWorker,
  RecordInspectionWorker,
} from './post-loan/inspection.workers';
import { OverdueWarnings } from './post-loan/overdue-warnings';
import { RiskWarnings } from './post-loan/risk-warnings.service';
import { SqlWarningRecords, WarningRecords } from './post-loan/warning-records';
import { LoanWarnings } from './post-loan/loan-warnings';
import { AccountabilityCases } from './accountability/accountability-cases';
import { FeedChecks } from './feeds/feed-checks';
import { KeyCustomers } from './oversight/key-customers';
import { MisconductReports } from './oversight/misconduct-reports';
import {
  EscalateWarningWorker,
  NotifyWarningLateWorker,
  RecallLoanWorker,
  ResolveWarningWorker,
} from './post-loan/warning.workers';
import { WarningsController } from './post-loan/warnings.controller';
import {
  ApplyRestructuringWorker,
  CloseRestructuringWorker,
} from './restructuring/restructuring.workers';
import { ApplyChangeWorker, CloseChangeWorker } from './changes/change.workers';
import { ChangeRequestsController } from './changes/change-requests.controller';
import { ChangeRequestsService } from './changes/change-requests.service';
import { RestructuringsController } from './restructuring/restructurings.controller';
import { RestructuringsService } from './restructuring/restructurings.service';
import { PrepaymentsController } from './prepayment/prepayments.controller';
import { PrepaymentsService } from './prepayment/prepayments.service';
import { LoanRequestRecords, SqlLoanRequestRecords } from './requests/loan-request-records';
import {
  LoanRequestDecisionRecords,
  SqlLoanRequestDecisionRecords,
} from './requests/request-decision-records';
import { ClosePrepaymentWorker, PostPrepaymentWorker } from './prepayment/prepayment.workers';
import { CollectionBands } from './collection/collection-bands';
import { RecordLegalMilestoneWorker } from './collection/legal-milestone.worker';
import { AssessLossWorker, WriteOffWorker } from './write-off/write-off.workers';
import { ArchiveLoanWorker } from './workers/archive.worker';
import { ClassifyLoanWorker } from './workers/classification.worker';
import { LoanClassifier } from './classification/loan-classifier';
import { DailyBookWorker } from './daily-book/daily-book.worker';
import {
  CloseEpisodeWorker,
  ConfirmEpisodeWorker,
  OpenEpisodeWorker,
} from './workers/episode.workers';
import { CheckInstallmentWorker, NextInstallmentWorker } from './workers/installment.workers';
import { SettleLoanWorker } from './workers/settle.worker';
import { LoanClosingRecords, SqlLoanClosingRecords } from './workers/loan-closing-records';
import { InstallmentRecords, SqlInstallmentRecords } from './workers/installment-records';
import { LegalRecords, SqlLegalRecords } from './collection/legal-records';
import { EpisodeRecords, SqlEpisodeRecords } from './collection/episode-records';
import { SqlWriteOffRecords, WriteOffRecords } from './write-off/write-off-records';
import { DailyBookRecords, SqlDailyBookRecords } from './daily-book/daily-book-records';
import { RepaymentRecords, SqlRepaymentRecords } from './repayments/repayment-records';
import { InspectionRecords, SqlInspectionRecords } from './post-loan/inspection-records';
import {
  AfterDisbursementRecords,
  SqlAfterDisbursementRecords,
} from './post-loan/after-disbursement-records';
import {
  AccountabilityRecords,
  SqlAccountabilityRecords,
} from './accountability/accountability-records';
import { LendingRecords, SqlLendingRecords } from './archive/lending-records';
import { ArchiveRecords, SqlArchiveRecords } from './archive/archive-records';
import {
  ClassificationRecords,
  SqlClassificationRecords,
} from './classification/classification-records';
import {
  CollectionBandRecords,
  SqlCollectionBandRecords,
} from './collection/collection-band-records';
import { RefundRecords, SqlRefundRecords } from './repayments/refund-records';
import {
  OverdueWarningRecords,
  SqlOverdueWarningRecords,
} from './post-loan/overdue-warning-records';
import { KeyCustomerRecords, SqlKeyCustomerRecords } from './oversight/key-customer-records';
import {
  MisconductReportRecords,
  SqlMisconductReportRecords,
} from './oversight/misconduct-report-records';
import { EarlyWarningFeeds } from './feeds/early-warning-feeds.service';
import { FeedCheckRecords, SqlFeedCheckRecords } from './feeds/feed-check-records';
import { EvaluateThresholdsWorker } from './thresholds/evaluate-thresholds.worker';
import { CheckDishonestListWorker, RefreshBureauWorker } from './feeds/feeds.workers';
import { FeedChecksController } from './feeds/feed-checks.controller';
import { RepaymentOutbox } from './repayments/repayment-outbox';
import { EarlySettlementController } from './repayments/early-settlement.controller';
import { RepaymentsController } from './repayments/repayments.controller';
import { RepaymentsService } from './repayments/repayments.service';
import { Refunds } from './repayments/refunds';
import { RefundsController } from './repayments/refunds.controller';
import { LoanRecords } from '@loanflow/loans';

/** Repayments, risk warnings and accountability cases (in the api process). */
@Module({
  imports: [AdaptersModule, IdentityModule],
  controllers: [
    RepaymentsController,
    EarlySettlementController,
    WarningsController,
    AccountabilityController,
    RestructuringsController,
    ChangeRequestsController,
    RefundsController,
    LoanComplaintsController,
    ComplaintsController,
    ReportsController,
    KeyCustomersController,
    PrepaymentsController,
    LoanArchiveController,
    ArchiveController,
    FeedChecksController,
  ],
  providers: [
    { provide: ComplaintRecords, useClass: SqlComplaintRecords },
    ComplaintsService,
    { provide: ArchiveRecords, useClass: SqlArchiveRecords },
    ArchiveRegister,
    { provide: RepaymentRecords, useClass: SqlRepaymentRecords },
    RepaymentsService,
    { provide: CollectionBandRecords, useClass: SqlCollectionBandRecords },
    CollectionBands,
    { provide: ClassificationRecords, useClass: SqlClassificationRecords },
    LoanClassifier,
    { provide: RefundRecords, useClass: SqlRefundRecords },
    Refunds,
    { provide: WarningRecords, useClass: SqlWarningRecords },
    RiskWarnings,
    LoanWarnings,
    { provide: AccountabilityRecords, useClass: SqlAccountabilityRecords },
    AccountabilityCases,
    FeedChecks,
    { provide: KeyCustomerRecords, useClass: SqlKeyCustomerRecords },
    KeyCustomers,
    { provide: MisconductReportRecords, useClass: SqlMisconductReportRecords },
    MisconductReports,
    { provide: LoanRequestRecords, useClass: SqlLoanRequestRecords },
    RestructuringsService,
    PrepaymentsService,
    ChangeRequestsService,
    LoanRecords,
  ],
})
export class ServicingApiModule {}

/** Workers whose services another area provides (registered in that area's workers module). */
export const PORTFOLIO_WORKERS = [EvaluateThresholdsWorker];

export const SERVICING_WORKERS = [
  EscalateComplaintWorker,
  NextInstallmentWorker,
  CheckInstallmentWorker,
  ClassifyLoanWorker,
  DailyBookWorker,
  SettleLoanWorker,
  ArchiveLoanWorker,
  OpenEpisodeWorker,
  ConfirmEpisodeWorker,
  CloseEpisodeWorker,
  RecordLegalMilestoneWorker,
  AssessLossWorker,
  WriteOffWorker,
  PlanInspectionWorker,
  RecordInspectionWorker,
  EscalateInspectionWorker,
  PlanFollowUpWorker,
  RecordFollowUpWorker,
  PlanRevaluationWorker,
  RecordRevaluationWorker,
  EscalateFollowUpWorker,
  EscalateRevaluationWorker,
  ApplyUpgradeWorker,
  EscalateWarningWorker,
  NotifyWarningLateWorker,
  RecallLoanWorker,
  ResolveWarningWorker,
  BuildDossierWorker,
  RecordDecisionWorker,
  ApplyRestructuringWorker,
  CloseRestructuringWorker,
  PostPrepaymentWorker,
  ClosePrepaymentWorker,
  ApplyChangeWorker,
  CloseChangeWorker,
  LendingOverdueWorker,
  RefreshBureauWorker,
  CheckDishonestListWorker,
];

/**
 * Servicing, collection, post-loan (inspection.*, warning.*), write-off and accountability workers,
 * and the outbox of repayment and warning messages.
 */
@Module({
  imports: [AdaptersModule],
  providers: [
    { provide: RepaymentRecords, useClass: SqlRepaymentRecords },
    RepaymentsService,
    { provide: CollectionBandRecords, useClass: SqlCollectionBandRecords },
    CollectionBands,
    { provide: ClassificationRecords, useClass: SqlClassificationRecords },
    LoanClassifier,
    RepaymentOutbox,
    LoanRecords,
    { provide: WarningRecords, useClass: SqlWarningRecords },
    RiskWarnings,
    { provide: OverdueWarningRecords, useClass: SqlOverdueWarningRecords },
    OverdueWarnings,
    { provide: FeedCheckRecords, useClass: SqlFeedCheckRecords },
    EarlyWarningFeeds,
    { provide: ComplaintRecords, useClass: SqlComplaintRecords },
    { provide: LoanRequestDecisionRecords, useClass: SqlLoanRequestDecisionRecords },
    { provide: LoanClosingRecords, useClass: SqlLoanClosingRecords },
    { provide: InstallmentRecords, useClass: SqlInstallmentRecords },
    { provide: LegalRecords, useClass: SqlLegalRecords },
    { provide: EpisodeRecords, useClass: SqlEpisodeRecords },
    { provide: WriteOffRecords, useClass: SqlWriteOffRecords },
    { provide: DailyBookRecords, useClass: SqlDailyBookRecords },
    { provide: InspectionRecords, useClass: SqlInspectionRecords },
    { provide: AfterDisbursementRecords, useClass: SqlAfterDisbursementRecords },
    { provide: AccountabilityRecords, useClass: SqlAccountabilityRecords },
    { provide: LendingRecords, useClass: SqlLendingRecords },
    ...SERVICING_WORKERS,
  ],
})
export class ServicingWorkersModule {}

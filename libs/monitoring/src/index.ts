export * from './monitoring.module';
export * from './projector/engine-projector';
export * from './projector/projection-rows';
export * from './figures/portfolio-snapshots';
export * from './thresholds/threshold-evaluation';
export { keptPositionsDisagreeing } from './figures/serviced-book';

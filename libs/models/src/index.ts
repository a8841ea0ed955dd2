export * from './check/check-models';
export * from './contract/catalogue';
export * from './contract/check-contract';
export * from './shipped-catalogue';
export * from './templates/element-templates';
export * from './models.module';
export * from './api/model-deployments';
export * from './api/instance-migration';

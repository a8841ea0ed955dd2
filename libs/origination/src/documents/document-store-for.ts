import { AppConfig } from '@loanflow/config';
import { DocumentStore, LocalDocumentStore } from './document-store';
import { S3DocumentStore } from './s3-document-store';

/** The store DOCUMENT_STORE names: the local folder, or the S3-compatible bucket. */
export function documentStoreFor(config: AppConfig): DocumentStore {
  return config.DOCUMENT_STORE === 's3'
    ? new S3DocumentStore(config)
    : new LocalDocumentStore(config);
}

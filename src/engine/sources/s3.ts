/** S3 event notifications: asynchronous, one event per object change. */
import { ASYNC_INVOKE_PAYLOAD, asyncPush, unordered } from './common.ts';
import type { SourceModule } from './types.ts';

export const s3: SourceModule = {
  id: 's3',
  label: 'S3 event notification',
  withoutFunction: { integration: 'an EventBridge rule on the S3 event with the service as its target', startsWorkflow: true },
  ...asyncPush(),
  payload: [ASYNC_INVOKE_PAYLOAD],
  ordering: unordered(),
  pricing: { line: null, note: 'S3 event notifications are free; the uploads themselves are not priced here.' },
  samEventType: 'S3',
};

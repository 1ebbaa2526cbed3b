import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, PayloadKeys } from './payload-codec';

/** The module the workflow bundle and every worker load the failure converter from (it runs in the workflow sandbox too). */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter of every Temporal client and worker of this system: payloads encrypted with the configured keys
 * (libs/temporal/payload-codec.ts), failure messages encoded as payloads so they are encrypted as well. Without keys
 * (a unit test of a workflow on its own) only the failure converter: nothing is encrypted, and nothing needs to be.
 */
export function dataConverterFor(keys: PayloadKeys | null): DataConverter {
  return { failureConverterPath: FAILURE_CONVERTER_PATH, ...(keys ? { payloadCodecs: [new EncryptionCodec(keys)] } : {}) };
}

import { DefaultFailureConverter } from '@temporalio/common';

/**
 * The failure converter of every worker, client and workflow bundle (`failureConverterPath`): a failure's message and
 * stack trace travel as an encoded payload (encodeCommonAttributes), so that the payload codec encrypts them too — an
 * error message may quote an inquiry fact or an amount. Histories written before keep their plain messages and decode.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });

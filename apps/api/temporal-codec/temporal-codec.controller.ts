import { Body, Controller, Headers, HttpCode, Inject, Module, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { EncryptionCodec, PayloadKeyError } from '../../../libs/temporal/payload-codec';
import type { JsonSchema } from '../../../libs/validation/schema';
import { authorize } from '../common/authorize';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ValidationError } from '../common/errors';
import { ApiAuthenticated, ApiBodySchema, ApiOk, ApiPermission } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { CONFIG } from '../common/tokens';

const BASE64 = { type: 'string', maxLength: 4_000_000, pattern: '^[A-Za-z0-9+/]*={0,2}$' } as const;
/** The remote codec protocol of the Temporal CLI and UI: payloads with base64 metadata values and data. */
const PAYLOADS: JsonSchema = {
  type: 'object',
  required: ['payloads'],
  properties: {
    payloads: {
      type: 'array',
      maxItems: 10_000,
      items: {
        type: 'object',
        properties: { metadata: { type: 'object', description: 'Each value base64' }, data: BASE64 },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};
interface WirePayload {
  metadata?: Record<string, string>;
  data?: string;
}

const BASE64_TEXT = new RegExp(BASE64.pattern);
/** A payload from the wire; a metadata value that is no base64 text is the caller's 400. */
function fromWire(p: WirePayload, i: number): Payload {
  for (const [k, v] of Object.entries(p.metadata ?? {})) {
    if (typeof v !== 'string' || !BASE64_TEXT.test(v)) throw new ValidationError([{ path: `/payloads/${i}/metadata/${k}`, code: 'type', message: 'must be base64 text' }]);
  }
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  };
}
const toWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * The codec endpoint (issue 16): `temporal workflow show --codec-endpoint <api>/temporal-codec --codec-auth 'Bearer
 * <admin token>'` reads a dossier's history in clear, for the admin only (everyone else 403, no token 401); each decode
 * is in the audit trail with its namespace and how many payloads. The Temporal Web UI's browser-side decoding is not
 * offered (it would need CORS with credentials on the API): the CLI is the operator's tool.
 */
@ApiTags('temporal-codec')
@ApiAuthenticated()
@Controller('temporal-codec')
export class TemporalCodecController {
  private readonly codec: EncryptionCodec | null;

  constructor(@Inject(CONFIG) config: AppConfig, private readonly dataSource: DataSource) {
    this.codec = config.payloadKeys ? new EncryptionCodec(config.payloadKeys) : null;
  }

  @Post('decode')
  @HttpCode(200)
  @ApiBodySchema(PAYLOADS)
  @ApiOk(PAYLOADS, 'The payloads decoded (an unencrypted one as it was)')
  @ApiPermission('temporal:codec')
  async decode(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(PAYLOADS)) body: { payloads: WirePayload[] }, @Headers('x-namespace') namespace?: string) {
    authorize(actor, 'temporal:codec');
    const payloads = await this.run((codec) => codec.decode(body.payloads.map(fromWire)));
    await audit(this.dataSource.manager, actor, 'temporal.payloads-decoded', { details: { namespace: namespace ?? null, payloads: payloads.length } });
    return { payloads: payloads.map(toWire) };
  }

  @Post('encode')
  @HttpCode(200)
  @ApiBodySchema(PAYLOADS)
  @ApiOk(PAYLOADS, 'The payloads encrypted with the current key')
  @ApiPermission('temporal:codec')
  async encode(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(PAYLOADS)) body: { payloads: WirePayload[] }) {
    authorize(actor, 'temporal:codec');
    return { payloads: (await this.run((codec) => codec.encode(body.payloads.map(fromWire)))).map(toWire) };
  }

  private async run(work: (codec: EncryptionCodec) => Promise<Payload[]>): Promise<Payload[]> {
    if (!this.codec) throw new ValidationError([{ path: '/payloads', code: 'no-keys', message: 'this system has no payload keys' }], 'No payload keys');
    try {
      return await work(this.codec);
    } catch (err) {
      // A payload of an unknown key, or one that was tampered with: the caller's input, never a 500.
      const message = err instanceof PayloadKeyError ? err.message : 'a payload does not decrypt (wrong key, or changed)';
      throw new ValidationError([{ path: '/payloads', code: 'undecodable', message }], 'The payloads cannot be decoded');
    }
  }
}

@Module({ controllers: [TemporalCodecController] })
export class TemporalCodecModule {}

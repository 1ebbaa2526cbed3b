import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { SchemaPipe } from '../common/schema.pipe';
import { PaymentQuery, PaymentsService } from './payments.service';

const LIST: JsonSchema = {
  type: 'object',
  properties: {
    status: { enum: ['due', 'batched', 'paid', 'cancelled'] },
    dossierId: { type: 'string', format: 'uuid' },
    team: { type: 'string', maxLength: 63 },
  },
  additionalProperties: false,
};
const BATCH: JsonSchema = {
  type: 'object',
  properties: { requestedExecutionDate: { type: 'string', format: 'date', 'x-maxYearsAhead': 2 } },
  additionalProperties: false,
};
const ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('payments')
@ApiBearerAuth()
@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get('payments')
  list(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(LIST)) query: PaymentQuery) {
    return this.payments.list(actor, query);
  }

  @Post('payment-batches')
  @ApiBody({ schema: BATCH as object })
  createBatch(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(BATCH)) body: { requestedExecutionDate?: string }) {
    return this.payments.createBatch(actor, body);
  }

  @Get('payment-batches')
  listBatches(@CurrentUser() actor: AuthUser) {
    return this.payments.listBatches(actor);
  }

  @Get('payment-batches/:id/sepa.xml')
  async sepaXml(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    const { xml, fileName } = await this.payments.sepaXml(actor, id);
    return new StreamableFile(Buffer.from(xml, 'utf8'), { type: 'application/xml', disposition: `attachment; filename="${fileName}"` });
  }

  @Post('payment-batches/:id/executed')
  @HttpCode(200)
  markExecuted(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.payments.markExecuted(actor, id);
  }
}

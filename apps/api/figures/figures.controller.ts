import { Controller, Get, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiErrors, ApiOkOrFile, ApiPermission, ApiQuerySchema, INTEGER, listOf, nullable, object, STRING, UUID, DATE } from '../common/openapi';
import type { Schema } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { CSV_TYPE, exportFormat, FigureTable, toCsv, toXlsx, XLSX_TYPE } from './figure-table';
import { FiguresQuery, FiguresService } from './figures.service';

const MONTH = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } as const;
const QUERY: JsonSchema = {
  type: 'object',
  properties: {
    from: { ...MONTH, description: 'First month, YYYY-MM (default: eleven months before `to`)' },
    to: { ...MONTH, description: 'Last month, YYYY-MM (default: this month); at most 60 months from `from`' },
    team: { type: 'string', maxLength: 63 },
    format: { enum: ['json', 'csv', 'xlsx'], description: 'json (default), csv (UTF-8 with BOM, `;`, Dutch numbers and dates) or xlsx; or ask by Accept' },
  },
  additionalProperties: false,
};
const MONTH_OUT = { type: 'string', description: 'YYYY-MM' };
const figure = (item: Schema) => object({ ...(listOf(item) as { properties: Record<string, Schema> }).properties, from: MONTH_OUT, to: MONTH_OUT, team: nullable(STRING) }, ['items', 'total', 'from', 'to', 'team']);
const DEADLINES = figure(
  object({ month: MONTH_OUT, ruleId: STRING, title: STRING, due: INTEGER, onTime: INTEGER, late: INTEGER, pending: INTEGER, onTimePercent: nullable({ type: 'number' }) },
    ['month', 'ruleId', 'title', 'due', 'onTime', 'late', 'pending', 'onTimePercent']),
);
const BREACHES = figure(object({ month: MONTH_OUT, cause: STRING, causeLabel: STRING, breaches: INTEGER }, ['month', 'cause', 'causeLabel', 'breaches']));
const WORKLOAD = figure(
  object({ day: DATE, userId: UUID, displayName: STRING, team: STRING, openTasks: INTEGER, overdueTasks: INTEGER }, ['day', 'userId', 'displayName', 'team', 'openTasks', 'overdueTasks']),
);
const DOSSIERS = figure(object({ month: MONTH_OUT, procedure: STRING, procedureTitle: STRING, opened: INTEGER, closed: INTEGER }, ['month', 'procedure', 'procedureTitle', 'opened', 'closed']));


interface AcceptRequest {
  headers: { accept?: string };
}

/** The team lead's figures (issue 11): each as JSON for the charts, or as a CSV or XLSX file of the same table. */
@ApiTags('figures')
@ApiAuthenticated()
@Controller('figures')
export class FiguresController {
  constructor(private readonly figures: FiguresService) {}

  private async send<R>(answer: { json: unknown; table: FigureTable<R> }, format: string | undefined, accept: string | undefined) {
    const chosen = exportFormat(format, accept);
    if (chosen === 'json') return answer.json;
    const [body, type] = chosen === 'csv' ? [toCsv(answer.table), CSV_TYPE] : [await toXlsx(answer.table), XLSX_TYPE];
    return new StreamableFile(body, { type, disposition: `attachment; filename="${answer.table.fileName}.${chosen}"` });
  }

  @Get('deadlines')
  @ApiQuerySchema(QUERY)
  @ApiOkOrFile(DEADLINES, 'Duty deadlines due per month and rule: met on time, late (met late or breached), pending', CSV_TYPE, XLSX_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(404)
  async deadlines(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: FiguresQuery, @Req() req: AcceptRequest) {
    return this.send(await this.figures.deadlines(actor, query), query.format, req.headers.accept);
  }

  @Get('breaches')
  @ApiQuerySchema(QUERY)
  @ApiOkOrFile(BREACHES, "Breached deadlines per month and cause ('onbekend': acknowledged before causes were kept, or not yet)", CSV_TYPE, XLSX_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(404)
  async breaches(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: FiguresQuery, @Req() req: AcceptRequest) {
    return this.send(await this.figures.breaches(actor, query), query.format, req.headers.accept);
  }

  @Get('workload')
  @ApiQuerySchema(QUERY)
  @ApiOkOrFile(WORKLOAD, "Each worker's open and overdue tasks per day, from the daily snapshots", CSV_TYPE, XLSX_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(404)
  async workload(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: FiguresQuery, @Req() req: AcceptRequest) {
    return this.send(await this.figures.workload(actor, query), query.format, req.headers.accept);
  }

  @Get('dossiers')
  @ApiQuerySchema(QUERY)
  @ApiOkOrFile(DOSSIERS, 'Dossiers opened and closed per month and procedure', CSV_TYPE, XLSX_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(404)
  async dossiers(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: FiguresQuery, @Req() req: AcceptRequest) {
    return this.send(await this.figures.dossiers(actor, query), query.format, req.headers.accept);
  }
}

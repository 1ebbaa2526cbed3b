import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Public } from '../common/current-user';
import { ApiErrors, ApiOk, object } from '../common/openapi';
import { TEMPORAL_CLIENT } from '../common/tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Public()
  @Get()
  @ApiOk(object({ status: { const: 'ok' } }, ['status']), 'PostgreSQL and Temporal answer')
  @ApiErrors(400, 503)
  async check() {
    await this.dataSource.query('SELECT 1');
    await this.temporal.connection.workflowService.getSystemInfo({});
    return { status: 'ok' };
  }
}

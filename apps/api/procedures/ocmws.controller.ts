import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../../libs/config/config';
import { ocmwDirectoryOf } from '../../../libs/config/ocmw-directory';
import { ApiAuthenticated, ApiOk } from '../common/openapi';
import { CONFIG } from '../common/tokens';

const OCMW = {
  type: 'object',
  required: ['nisCode', 'name', 'address', 'enterpriseNumber', 'self'],
  additionalProperties: false,
  properties: {
    nisCode: { type: 'string', pattern: '^\\d{5}$', example: '44021' },
    name: { type: 'string', example: 'OCMW Gent' },
    address: { type: 'string', description: 'One line, its parts separated by ", "' },
    enterpriseNumber: { type: ['string', 'null'], example: '0212.186.666' },
    self: { type: 'boolean', description: 'This OCMW (OCMW_NIS_CODE)' },
  },
} as const;

/**
 * The OCMW directory (OCMW_DIRECTORY_FILE, else the demo list): what the competence determination names OCMWs by.
 * Public data of public bodies: any signed-in role reads it.
 */
@ApiTags('procedures')
@ApiAuthenticated()
@Controller('ocmws')
export class OcmwsController {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    // Read at start: a bad import file stops the API with its problems named, not at the first request.
    ocmwDirectoryOf(config);
  }

  @Get()
  @ApiOk({ type: 'object', required: ['items'], additionalProperties: false, properties: { items: { type: 'array', items: OCMW } } }, 'Every OCMW of the directory, by name')
  list() {
    const self = this.config.ocmw.nisCode;
    const items = [...ocmwDirectoryOf(this.config).all]
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
      .map((o) => ({ ...o, self: o.nisCode === self }));
    return { items };
  }
}

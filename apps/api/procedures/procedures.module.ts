import { Module } from '@nestjs/common';
import { OcmwsController } from './ocmws.controller';
import { ProceduresController } from './procedures.controller';

/** The procedure definitions (libs/procedures) and the OCMW directory, as the API's clients read them. */
@Module({ controllers: [ProceduresController, OcmwsController] })
export class ProceduresModule {}

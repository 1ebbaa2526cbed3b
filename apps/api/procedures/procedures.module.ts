import { Module } from '@nestjs/common';
import { ProceduresController } from './procedures.controller';

/** The procedure definitions (libs/procedures), as the API's clients read them. */
@Module({ controllers: [ProceduresController] })
export class ProceduresModule {}

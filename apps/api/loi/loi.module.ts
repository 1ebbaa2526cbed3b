import { Module } from '@nestjs/common';
import { LoiController } from './loi.controller';
import { LoiService } from './loi.service';

/** The LOI's places and Fedasil's monthly claim: GET/POST /loi/places, POST /loi/places/:id/periods, GET /loi/claims/:month. */
@Module({ controllers: [LoiController], providers: [LoiService] })
export class LoiModule {}

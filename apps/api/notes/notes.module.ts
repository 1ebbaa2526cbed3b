import { Module } from '@nestjs/common';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

/** Case notes: the journal of a dossier (GET/POST /dossiers/:id/notes, GET/PATCH /notes/:id, GET /note-kinds) and referrals to partners. */
@Module({ controllers: [NotesController, ReferralsController], providers: [NotesService, ReferralsService] })
export class NotesModule {}

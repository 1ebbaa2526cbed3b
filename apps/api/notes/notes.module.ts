import { Module } from '@nestjs/common';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';

/** Case notes: the journal of a dossier (GET/POST /dossiers/:id/notes, GET/PATCH /notes/:id, GET /note-kinds). */
@Module({ controllers: [NotesController], providers: [NotesService], exports: [NotesService] })
export class NotesModule {}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A document on a dossier (or on a person, dossier null); its bytes are in the document store under storageKey. */
@Entity('documents')
export class DocumentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id', nullable: true }) dossierId: string | null;
  @Column({ type: 'uuid', name: 'person_id' }) personId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text', name: 'file_name' }) fileName: string;
  @Column({ type: 'text', name: 'content_type' }) contentType: string;
  @Column({ type: 'integer', name: 'size_bytes' }) sizeBytes: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ type: 'text', name: 'storage_key' }) storageKey: string;
  @Column({ type: 'uuid', name: 'uploaded_by' }) uploadedBy: string;
  @Column({ type: 'timestamptz', name: 'uploaded_at', default: () => 'now()' }) uploadedAt: Date;
  @Column({ type: 'timestamptz', name: 'deleted_at', nullable: true }) deletedAt: Date | null;
  @Column({ type: 'uuid', name: 'deleted_by', nullable: true }) deletedBy: string | null;
}

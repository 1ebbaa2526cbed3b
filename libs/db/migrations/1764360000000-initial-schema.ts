import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764360000000 implements MigrationInterface {
  name = 'InitialSchema1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('social-worker','team-lead','council-secretary','finance','admin')),
      team text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE persons (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      national_number char(11) NOT NULL UNIQUE,
      first_name text NOT NULL,
      last_name text NOT NULL,
      birth_date date,
      street text NOT NULL,
      postal_code text NOT NULL,
      city text NOT NULL,
      iban text,
      email text,
      phone text,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE reference_counters (
      prefix text NOT NULL,
      year int NOT NULL,
      last int NOT NULL,
      PRIMARY KEY (prefix, year))`);
    await q.query(`CREATE TABLE dossiers (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      procedure text NOT NULL,
      person_id uuid NOT NULL REFERENCES persons(id),
      status text NOT NULL,
      team text NOT NULL,
      responsible_user_id uuid REFERENCES users(id),
      workflow_id text NOT NULL UNIQUE,
      request_date date NOT NULL,
      channel text NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz)`);
    await q.query(`CREATE INDEX dossiers_team_status ON dossiers (team, status)`);
    await q.query(`CREATE INDEX dossiers_person ON dossiers (person_id)`);
    await q.query(`CREATE TABLE tasks (
      id uuid PRIMARY KEY,
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      kind text NOT NULL,
      title text NOT NULL,
      status text NOT NULL CHECK (status IN ('open','claimed','completed','cancelled')),
      role text NOT NULL,
      team text NOT NULL,
      assignee_id uuid REFERENCES users(id),
      due_date date,
      deadline_key text,
      outcome jsonb,
      completed_by uuid REFERENCES users(id),
      completed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX tasks_assignee_status_due ON tasks (assignee_id, status, due_date)`);
    await q.query(`CREATE INDEX tasks_team_status_due ON tasks (team, status, due_date)`);
    await q.query(`CREATE INDEX tasks_dossier ON tasks (dossier_id)`);
    await q.query(`CREATE TABLE deadlines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      key text NOT NULL,
      rule_id text NOT NULL,
      title text NOT NULL,
      legal_basis text NOT NULL,
      trigger_date date NOT NULL,
      due_date date NOT NULL,
      warning_date date NOT NULL,
      status text NOT NULL CHECK (status IN ('running','met','at-risk','breached','suspended','cancelled')),
      met_date date,
      explanation text NOT NULL,
      team text NOT NULL,
      UNIQUE (dossier_id, key))`);
    await q.query(`CREATE INDEX deadlines_team_status_due ON deadlines (team, status, due_date)`);
    await q.query(`CREATE TABLE escalations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      deadline_key text NOT NULL,
      level text NOT NULL CHECK (level IN ('warning','breach')),
      message text NOT NULL,
      team text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES users(id),
      UNIQUE (dossier_id, deadline_key, level))`);
    await q.query(`CREATE TABLE notices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      key text NOT NULL,
      kind text NOT NULL,
      recipient text NOT NULL,
      channel text NOT NULL,
      due_date date NOT NULL,
      sent_at timestamptz,
      content jsonb NOT NULL,
      proof jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (dossier_id, key))`);
    await q.query(`CREATE TABLE dossier_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      key text NOT NULL,
      at timestamptz NOT NULL,
      type text NOT NULL,
      description text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      UNIQUE (dossier_id, key))`);
    await q.query(`CREATE TABLE audit_events (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_role text NOT NULL,
      action text NOT NULL,
      dossier_id uuid,
      person_id uuid,
      details jsonb NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE INDEX audit_events_dossier ON audit_events (dossier_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_events', 'dossier_events', 'notices', 'escalations', 'deadlines', 'tasks', 'dossiers',
      'reference_counters', 'persons', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}

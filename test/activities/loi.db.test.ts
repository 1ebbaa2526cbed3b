import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { createLinkedDossierActivities } from '../../activities/dossiers/linked-dossier.activities';
import { createLoiActivities } from '../../activities/loi/loi.activities';
import { createPlaceActivities, PLACE_FAILURES } from '../../activities/loi/places.activities';
import { loadConfig } from '../../libs/config/config';
import { DEFAULT_LOI_LEEFGELD_SCALE } from '../../libs/payments/loi-leefgeld';
import { migratedDataSource } from '../support/database';


/**
 * The LOI's activities on a real PostgreSQL: the places a resident's workflow occupies, frees and suspends (each call
 * run twice changes nothing; a full unit refuses for good), and the weekly leefgeld read from the dossier's household.
 */
describe('LOI activities (db)', () => {
  let dataSource: DataSource;
  let dossierId: string;
  let placeId: string;
  beforeAll(async () => {
    dataSource = await migratedDataSource('loi', 3);
    const [applicant] = await dataSource.query(`INSERT INTO persons (first_name, last_name, birth_date, street, postal_code, city, no_national_number_reason) VALUES ('Amina', 'Haidari', '1991-03-14', 'Markt 1', '9000', 'Gent', 'international-protection-applicant') RETURNING id`);
    const [child] = await dataSource.query(`INSERT INTO persons (first_name, last_name, birth_date, street, postal_code, city, no_national_number_reason) VALUES ('Omid', 'Haidari', '2013-06-01', 'Markt 1', '9000', 'Gent', 'international-protection-applicant') RETURNING id`);
    const [baby] = await dataSource.query(`INSERT INTO persons (first_name, last_name, birth_date, street, postal_code, city, no_national_number_reason) VALUES ('Sara', 'Haidari', '2026-05-20', 'Markt 1', '9000', 'Gent', 'international-protection-applicant') RETURNING id`);
    dossierId = randomUUID();
    await dataSource.query(
      `INSERT INTO dossiers (id, reference, procedure, person_id, status, team, workflow_id, request_date, channel) VALUES ($1, 'LOI-2026-000001', 'loi', $2, 'RESIDING', 'demo', $3, '2026-03-02', 'third-party')`,
      [dossierId, applicant.id, `dossier-${dossierId}`],
    );
    await dataSource.query(`INSERT INTO dossier_persons (dossier_id, person_id, role, from_date) VALUES ($1, $2, 'child', '2026-03-02'), ($1, $3, 'child', '2026-05-20')`, [dossierId, child.id, baby.id]);
    [{ id: placeId }] = await dataSource.query(`INSERT INTO loi_places (code, address, capacity, target, team, opened_on) VALUES ('LOI-01', 'Kerkstraat 4', 3, 'family', 'demo', '2024-01-01') RETURNING id`);
  });
  afterAll(async () => dataSource?.destroy());

  const periods = () => dataSource.query(`SELECT state, from_date, to_date, persons, reason FROM loi_place_periods WHERE place_id = $1 ORDER BY from_date, state`, [placeId]);

  it('occupies, frees and suspends a place once however often it is called; a household larger than the free places is refused', async () => {
    const acts = createPlaceActivities({ dataSource });
    expect(await acts.occupyPlace({ placeId, dossierId, from: '2026-03-02', persons: 2 })).toEqual({ created: true });
    expect(await acts.occupyPlace({ placeId, dossierId, from: '2026-03-02', persons: 2 })).toEqual({ created: false });
    // One place of three is left: a second household of two does not fit on that day.
    const other = randomUUID();
    await dataSource.query(`INSERT INTO dossiers (id, reference, procedure, person_id, status, team, workflow_id, request_date, channel)
      SELECT $1, 'LOI-2026-000002', 'loi', person_id, 'ASSIGNED', 'demo', $2, '2026-03-02', 'third-party' FROM dossiers WHERE id = $3`, [other, `dossier-${other}`, dossierId]);
    const full = await acts.occupyPlace({ placeId, dossierId: other, from: '2026-04-01', persons: 2 }).catch((e) => e);
    expect(full).toBeInstanceOf(ApplicationFailure);
    expect(full).toMatchObject({ type: PLACE_FAILURES.full, nonRetryable: true });
    await expect(acts.occupyPlace({ placeId: randomUUID(), dossierId, from: '2026-03-02', persons: 1 })).rejects.toMatchObject({ type: PLACE_FAILURES.unknown });

    expect(await acts.releasePlace({ placeId, dossierId, on: '2026-09-30' })).toEqual({ released: true });
    expect(await acts.releasePlace({ placeId, dossierId, on: '2026-10-05' })).toEqual({ released: false }); // already freed: its day stays
    expect(await acts.suspendPlace({ placeId, dossierId, from: '2026-10-01', to: '2026-10-02', reason: 'Vertrekmelding te laat (LOI-3)' })).toEqual({ created: true });
    expect(await acts.suspendPlace({ placeId, dossierId, from: '2026-10-01', to: '2026-10-02', reason: 'Vertrekmelding te laat (LOI-3)' })).toEqual({ created: false });
    // Freed, the household of two fits.
    expect(await acts.occupyPlace({ placeId, dossierId: other, from: '2026-10-03', persons: 2 })).toEqual({ created: true });
    expect(await periods()).toEqual([
      { state: 'occupied', from_date: '2026-03-02', to_date: '2026-09-30', persons: 2, reason: null },
      { state: 'suspended', from_date: '2026-10-01', to_date: '2026-10-02', persons: 0, reason: 'Vertrekmelding te laat (LOI-3)' },
      { state: 'occupied', from_date: '2026-10-03', to_date: null, persons: 2, reason: null },
    ]);
    expect(Number((await dataSource.query(`SELECT count(*) FROM audit_events WHERE action LIKE 'loi-place.%'`))[0].count)).toBe(4);
  });

  it('computes the weekly leefgeld for the household of the payday: a member counts from the day the membership starts', async () => {
    const acts = createLoiActivities({ dataSource, config: loadConfig({}), scale: DEFAULT_LOI_LEEFGELD_SCALE });
    // Before the baby's membership: the applicant and a child of 12.
    expect(await acts.loiWeeklyLeefgeld({ dossierId, day: '2026-05-18', selfCatering: true })).toEqual({
      amountCents: 6_000 + 4_500, persons: 2, scaleValidFrom: '2015-01-01',
      text: 'Leefgeld LOI: 1 volwassene × € 60,00 + 1 minderjarige van 12 tot 17 × € 45,00 (zelf kokend)',
    });
    expect(await acts.loiWeeklyLeefgeld({ dossierId, day: '2026-05-25', selfCatering: true })).toMatchObject({ amountCents: 6_000 + 4_500 + 3_500, persons: 3 });
  });

  it("lists the household's other adults on a day (18 or older, membership running, not ended), and opens a linked leefloon for one of them, once", async () => {
    const person = async (first: string, birth: string | null) =>
      (await dataSource.query(`INSERT INTO persons (first_name, last_name, birth_date, street, postal_code, city, no_national_number_reason) VALUES ($1, 'Haidari', $2, 'Markt 1', '9000', 'Gent', 'international-protection-applicant') RETURNING id`, [first, birth]))[0].id as string;
    const partner = await person('Reza', '1989-11-02');
    const eighteen = await person('Nadia', '2008-06-10'); // 18 on 10 June 2026
    const left = await person('Karim', '1970-01-01');
    await dataSource.query(`INSERT INTO dossier_persons (dossier_id, person_id, role, from_date) VALUES ($1, $2, 'partner', '2026-03-02'), ($1, $3, 'child', '2026-03-02')`, [dossierId, partner, eighteen]);
    await dataSource.query(`INSERT INTO dossier_persons (dossier_id, person_id, role, from_date, ended_at) VALUES ($1, $2, 'other-household-member', '2026-03-02', now())`, [dossierId, left]);
    const acts = createLoiActivities({ dataSource, config: loadConfig({}), scale: DEFAULT_LOI_LEEFGELD_SCALE });
    expect((await acts.loiAdultMembers({ dossierId, on: '2026-06-09' })).personIds).toEqual([partner]);
    expect((await acts.loiAdultMembers({ dossierId, on: '2026-06-10' })).personIds.sort()).toEqual([partner, eighteen].sort());

    const linked = createLinkedDossierActivities({ dataSource, config: loadConfig({}) });
    const open = (personId: string) => linked.openLinkedDossier({
      fromDossierId: dossierId, procedure: 'leefloon', linkKey: `leefloon:after-loi:${personId}`, reason: 'Erkend in het LOI (gezinslid)', requestDate: '2026-06-10', personId,
    });
    const first = await open(partner);
    expect(await open(partner)).toEqual(first);
    const [opened] = await dataSource.query(`SELECT person_id, procedure, team FROM dossiers WHERE id = $1`, [first.dossierId]);
    expect(opened).toEqual({ person_id: partner, procedure: 'leefloon', team: 'demo' });
    // A person who left the household (or never was in it) gets nothing.
    await expect(open(left)).rejects.toThrow(/not a member of the household/);
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM dossiers WHERE person_id = $1`, [left]))[0].n).toBe(0);
  });
});

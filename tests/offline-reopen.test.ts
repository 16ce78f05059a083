import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import type { ActivityInput } from '../src/contracts/activities.js';
import type { StrengthSnapshotInput } from '../src/contracts/strength.js';
import { openOutboxDatabase } from '../web/src/offline/db.js';
import { formPathOf } from '../web/src/offline/kinds.js';
import { Outbox, type Transport } from '../web/src/offline/outbox.js';
import { activityDraftOf, refusalOf, strengthDraftOf } from '../web/src/offline/reopen.js';

/**
 * A refused activity or strength snapshot opened again in its form (`?outbox=<key>`): the form it
 * opens, its input back in the form's fields, the refusal shown as the form shows a problem, and
 * the fixed record sent under its own key, once. (No database: nothing here runs on SQLite or
 * PostgreSQL.)
 */

const snapshot: StrengthSnapshotInput = {
  asOf: '2020-10-31',
  category: 'police',
  country: 'M4L',
  sex: 'female',
  location: null,
  authorised: 1_920,
  deployed: null,
  classification: 'public',
  source: 'Rapport mensuel',
};

const activity: ActivityInput = {
  unit: 'CAD',
  classification: 'internal',
  type: 'training',
  topic: 'social_cohesion',
  title: 'Atelier à Gao',
  targetGroup: '',
  category: 'womens_associations',
  facilitators: 'Aminata Traoré',
  project: null,
  notes: '',
  startDate: '2020-07-14',
  endDate: '2020-07-14',
  place: { place: 'Gao', latitude: null, longitude: null },
  participants: { total: null, women: 10, men: 5, children: 0, adults: 12, bands: [{ band: '25_35', women: 10, men: 0 }] },
};

describe('reopening a refused record in its form', () => {
  test('activities and strength snapshots open their form with the record’s key; other kinds have none', () => {
    expect(formPathOf('activity', { input: activity }, 'clé-1')).toBe('/activites/nouvelle?outbox=cl%C3%A9-1');
    expect(formPathOf('strength', { input: snapshot }, 'k2')).toBe('/effectifs?outbox=k2');
    expect(formPathOf('incident', { input: {}, draft: {} }, 'k3')).toBe('/incidents/nouveau?outbox=k3');
    expect(formPathOf('protection', {}, 'k4')).toBeNull();
  });

  test('a strength snapshot’s input goes back into the fields as typed, blank where nothing was stated', () => {
    expect(strengthDraftOf(snapshot)).toEqual({
      asOf: '2020-10-31',
      category: 'police',
      country: 'M4L',
      sex: 'female',
      location: '',
      authorised: '1920',
      deployed: '',
      classification: 'public',
      source: 'Rapport mensuel',
    });
    // A record stored with the input's defaults left out still opens.
    expect(strengthDraftOf({ asOf: '2020-10-31', category: 'military' })).toMatchObject({
      sex: 'all',
      classification: 'internal',
      country: '',
      authorised: '',
      deployed: '',
    });
  });

  test('an activity’s input goes back into the fields: dates day/month/year, an end date only when it differs', () => {
    const draft = activityDraftOf(activity);
    expect(draft.common).toEqual({
      unit: 'CAD',
      classification: 'internal',
      type: 'training',
      topic: 'social_cohesion',
      title: 'Atelier à Gao',
      targetGroup: '',
      category: 'womens_associations',
      facilitators: 'Aminata Traoré',
      project: '',
      notes: '',
    });
    expect(draft.occurrence).toEqual({
      startDate: '14/07/2020',
      endDate: '',
      place: 'Gao',
      women: '10',
      men: '5',
      children: '0',
      adults: '12',
      bands: { '25_35': { women: '10', men: '0' } },
    });
    expect(activityDraftOf({ ...activity, endDate: '2020-07-16' }).occurrence.endDate).toBe('16/07/2020');
  });

  test('the refusal kept with a record is shown as the server’s problem, field errors included', () => {
    expect(refusalOf(null)).toBeNull();
    const problem = refusalOf({
      status: 422,
      code: 'validation',
      message: 'Certains champs sont invalides.',
      errors: [{ path: 'participants.adults', message: 'Enfants et adultes doivent faire le même total.' }],
    });
    expect(problem).toMatchObject({ status: 422, code: 'validation', detail: 'Certains champs sont invalides.' });
    expect(problem?.errors).toEqual([{ path: 'participants.adults', message: 'Enfants et adultes doivent faire le même total.' }]);
  });

  test('a fixed record is sent again under its own key, once, and leaves the outbox', async () => {
    const db = openOutboxDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
    const outbox = new Outbox(db, 'account-a');
    const sent: { key: string; country: unknown }[] = [];
    const transport: Transport = async (request, key) => {
      const body = request.body as StrengthSnapshotInput;
      sent.push({ key, country: body.country });
      if (body.country === 'M4L') {
        throw Object.assign(new Error('invalid'), {
          status: 400,
          problem: { code: 'validation', detail: 'Invalide', errors: [{ path: 'country', message: 'Format invalide' }] },
        });
      }
      return { id: 's1' };
    };
    const record = await outbox.add('strength', { input: snapshot }, 'Police · 31/10/2020');
    await outbox.flush(transport);
    const refused = await outbox.get(record.key);
    expect(refused?.state).toBe('refused');
    expect(refused?.problem?.errors).toEqual([{ path: 'country', message: 'Format invalide' }]);
    await outbox.replace(record.key, { input: { ...snapshot, country: 'MLI' } }, 'Police · 31/10/2020');
    expect(await outbox.count()).toBe(1);
    const waiting = await outbox.get(record.key);
    expect(waiting?.state).toBe('waiting');
    expect(waiting?.problem).toBeNull();
    await outbox.flush(transport);
    expect(sent).toEqual([
      { key: record.key, country: 'M4L' },
      { key: record.key, country: 'MLI' },
    ]);
    expect(await outbox.count()).toBe(0);
  });
});

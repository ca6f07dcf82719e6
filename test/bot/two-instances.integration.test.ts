// Two Courtier instances on one database, over real HTTP: one user's access request sent to
// both at once makes one pending request and one review card for staff; "besoins" sent to
// both at once makes one draft. SQLite is one file of one process, so the second instance
// shares it only here, in tests; PostgreSQL is the multi-instance database.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config';
import { createCourtier, type Courtier } from '../../bot/index';
import { startCourtier, type RunningCourtier } from '../fixtures/app';
import { channelMessage, invoke, invokeResponseOf, post } from '../fixtures/activities';
import { DB_KINDS } from '../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../fixtures/fake-connector';

const STAFF_TEAM = '19:staffteam@thread.tacv2';
const STAFF_CHANNEL = '19:staffchannel@thread.tacv2';
const STAFF = { id: '29:staff', name: 'Sophie Courtier', aadObjectId: '00000000-0000-0000-0000-00000000a001' };
const ROUNDS = 6;

describe.each(DB_KINDS)('two instances on one %s database', (kind) => {
  let app: RunningCourtier;
  let second: Courtier;
  let urls: string[];
  let connector: FakeConnector;
  const env = { STAFF_TEAM_ID: STAFF_TEAM, STAFF_CHANNEL_ID: STAFF_CHANNEL, BROKER_STAFF_IDS: STAFF.aadObjectId };
  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(kind, env);
    const config = loadConfig({ LOG_LEVEL: 'silent', SAMPLE_DATA: 'off', ...env, DATABASE_URL: app.database.url, PORT: '0' });
    second = createCourtier(config, { logger: pino({ level: 'silent' }) });
    const address = await second.start({ port: 0, host: '127.0.0.1' });
    urls = [app.baseUrl, `http://127.0.0.1:${address.port}`];
    await post(app.baseUrl, withService(channelMessage('aide', { user: STAFF, teamId: STAFF_TEAM, channelId: STAFF_CHANNEL })));
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await app?.stop();
    await connector?.close();
  });

  it(`one user's access request sent to both instances at once: one pending request and one review card for staff (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const user = { id: `29:newcomer-${round}`, name: `Nouvelle ${round}`, aadObjectId: `00000000-0000-0000-0000-0000000b${String(round).padStart(4, '0')}` };
      const request = withService(invoke('access.request', { organization: 'Ministère des Essais', role: 'Analyste' }, { user }));
      const replies = await Promise.all(urls.map((url) => post(url, request)));
      // Both get an answer; one says it was sent, the other that it is pending.
      for (const r of replies) expect(invokeResponseOf(r)?.statusCode, `round ${round}`).toBe(200);
      expect(await app.courtier.database.db.accessRequest.count({ where: { aadObjectId: user.aadObjectId, status: 'pending' } }), `round ${round}`).toBe(1);
      await connector.waitFor((s) => s.conversationId === STAFF_CHANNEL && JSON.stringify(s.activity).includes(user.name));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const cards = connector.sent.filter((s) => s.conversationId === STAFF_CHANNEL && JSON.stringify(s.activity).includes(user.name));
      expect(cards, `round ${round}`).toHaveLength(1);
    }
  }, 120_000);

  it(`"start a new file" (needs.start) sent to both instances at once by two members of one organization: one draft (${ROUNDS} rounds)`, async () => {
    const { members, database } = app.courtier;
    for (let round = 0; round < ROUNDS; round++) {
      const org = await members.ensureOrganization(`Organisme ${round}`, { eligible: true });
      const users = [0, 1].map((i) => ({ id: `29:m${round}-${i}`, name: `Membre ${round}-${i}`, aadObjectId: `00000000-0000-0000-0000-0000000c${round}${i}00` }));
      for (const u of users) {
        await members.addMember({ aadObjectId: u.aadObjectId, displayName: u.name, role: 'client', organizationId: org.id });
        await members.takeNoticeDue(u.aadObjectId);
      }
      const replies = await Promise.all(users.map((u, i) => post(urls[i]!, withService(invoke('needs.start', {}, { user: u })))));
      for (const r of replies) expect(r.status, `round ${round}`).toBe(200);
      expect(await database.db.dossier.count({ where: { organizationId: org.id, state: 'draft' } }), `round ${round}`).toBe(1);
    }
  }, 120_000);
});

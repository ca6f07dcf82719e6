// Conversation basics over real HTTP with a real database, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { cardOf, cardText, channelMessage, installationUpdate, invoke, personalMessage, post, invokeResponseOf, MEGAN } from '../../fixtures/activities';

describe.each(DB_KINDS)('conversation basics on %s', (kind) => {
  let app: RunningCourtier;
  beforeAll(async () => {
    app = await startCourtier(kind);
  });
  afterAll(async () => app?.stop());

  it('answers "aide" with the help card in French', async () => {
    const r = await post(app.baseUrl, personalMessage('aide'));
    expect(r.status).toBe(200);
    const text = cardText(cardOf(r.activities[0]));
    expect(text).toContain('Commandes de Courtier');
    expect(text).toContain('chercher [texte]');
  });

  it('recognizes commands regardless of case and accents, and in English', async () => {
    for (const said of ['AIDE', '  Àide ', 'help', 'HeLp']) {
      const r = await post(app.baseUrl, personalMessage(said));
      expect(cardText(cardOf(r.activities[0])), said).toMatch(/Commandes de Courtier/);
    }
  });

  it('answers in English when the activity locale is English', async () => {
    const r = await post(app.baseUrl, personalMessage('help', { locale: 'en-US', user: MEGAN }));
    expect(cardText(cardOf(r.activities[0]))).toContain('Courtier commands');
  });

  it('strips the @mention in a channel', async () => {
    const r = await post(app.baseUrl, channelMessage('Aide'));
    expect(cardText(cardOf(r.activities[0]))).toContain('Commandes de Courtier');
  });

  it('never stays silent on unknown text: it says so and shows the commands', async () => {
    const r = await post(app.baseUrl, personalMessage('bonjour, quel temps fait-il ?'));
    const text = cardText(cardOf(r.activities[0]));
    expect(text).toContain('Je n\'ai pas compris «\u00a0bonjour, quel temps fait-il ?\u00a0»');
    expect(text).toContain('aide');
  });

  it('says R2: professional services are outside every offer, in the help card', async () => {
    const r = await post(app.baseUrl, personalMessage('aide'));
    expect(cardText(cardOf(r.activities[0]))).toMatch(/Services professionnels et techniques/);
  });

  it('welcomes once on personal installation, whichever update arrives first', async () => {
    const first = await post(app.baseUrl, installationUpdate('personal', { user: MEGAN }));
    expect(cardText(cardOf(first.activities[0]))).toContain('Bienvenue dans Courtier');
    const again = await post(app.baseUrl, {
      ...installationUpdate('personal', { user: MEGAN }),
      type: 'conversationUpdate',
      action: undefined,
      membersAdded: [{ id: '28:courtier' }],
    });
    expect(again.activities).toHaveLength(0);
  });

  it('welcomes a team on installation with the @mention hint', async () => {
    const r = await post(app.baseUrl, installationUpdate('team'));
    const text = cardText(cardOf(r.activities[0]));
    expect(text).toContain('Bienvenue dans Courtier');
    expect(text).toContain('@Courtier aide');
  });

  it('remembers the chosen language from the welcome card (Action.Execute) across turns', async () => {
    const user = { id: '29:lang', name: 'Lang User', aadObjectId: '00000000-0000-0000-0000-0000000000777' };
    const r = await post(app.baseUrl, invoke('prefs.setLanguage', { locale: 'en-CA' }, { user }));
    expect(r.status).toBe(200);
    expect(invokeResponseOf(r)?.type).toBe('application/vnd.microsoft.card.adaptive');
    const next = await post(app.baseUrl, personalMessage('aide', { user, locale: 'fr-CA' }));
    expect(cardText(cardOf(next.activities[0]))).toContain('Courtier commands');
    const back = await post(app.baseUrl, personalMessage('langue fr', { user }));
    expect(back.activities[0]?.text).toContain('en français');
  });

  it('answers an unknown Action.Execute verb with the Universal Actions error response', async () => {
    const r = await post(app.baseUrl, invoke('nope.nothing', {}));
    const response = invokeResponseOf(r);
    expect(response?.statusCode).toBe(400);
    expect(response?.type).toBe('application/vnd.microsoft.error');
    expect(response?.value.message).toContain('nope.nothing');
  });

  it('refuses forged card data with a clear error and no write', async () => {
    const user = { id: '29:forge', name: 'Forger', aadObjectId: '00000000-0000-0000-0000-0000000000888' };
    const r = await post(app.baseUrl, invoke('prefs.setLanguage', { locale: 'de-DE' }, { user }));
    expect(invokeResponseOf(r)?.statusCode).toBe(400);
    expect(invokeResponseOf(r)?.value.message).toMatch(/invalides/);
    const next = await post(app.baseUrl, personalMessage('aide', { user }));
    expect(cardText(cardOf(next.activities[0]))).toContain('Commandes de Courtier');
  });

  it('stores conversation references for personal chats and team channels', async () => {
    await post(app.baseUrl, personalMessage('aide'));
    await post(app.baseUrl, channelMessage('aide', { channelId: '19:announce@thread.tacv2', teamId: '19:teamx@thread.tacv2' }));
    const { db } = app.courtier.database;
    const personal = await db.conversationRef.findFirst({ where: { userAadId: '00000000-0000-0000-0000-0000000000020', kind: 'personal' } });
    expect(personal?.serviceUrl).toBe('http://127.0.0.1:1/');
    const channel = await db.conversationRef.findUnique({ where: { conversationId: '19:announce@thread.tacv2' } });
    expect(channel).toMatchObject({ kind: 'channel', teamId: '19:teamx@thread.tacv2', channelId: '19:announce@thread.tacv2' });
    expect(JSON.parse(channel!.reference).conversation.id).toBe('19:announce@thread.tacv2');
  });

  it('keeps a conversation reference as the latest activity shows it, rewriting it only when it changed', async () => {
    const user = { id: '29:ref', name: 'Ref User', aadObjectId: '00000000-0000-0000-0000-0000000000777' };
    const { db } = app.courtier.database;
    const stored = () => db.conversationRef.findFirst({ where: { userAadId: user.aadObjectId, kind: 'personal' } });
    await post(app.baseUrl, personalMessage('aide', { user }));
    const first = await stored();
    await post(app.baseUrl, personalMessage('aide', { user }));
    expect((await stored())?.updatedAt).toEqual(first?.updatedAt);
    // The user switched Teams to English: later messages (reminders) must follow.
    await post(app.baseUrl, personalMessage('help', { user, locale: 'en-CA' }));
    const changed = await stored();
    expect(JSON.parse(changed!.reference).locale).toBe('en-CA');
    expect(changed!.updatedAt.getTime()).toBeGreaterThan(first!.updatedAt.getTime());
  });
});

describe.each(DB_KINDS)('welcome under concurrent install events on %s', (kind) => {
  let app: RunningCourtier;
  beforeAll(async () => {
    app = await startCourtier(kind);
  });
  afterAll(async () => app?.stop());

  it('posts one welcome when installationUpdate and conversationUpdate arrive together', async () => {
    const install = installationUpdate('personal', { user: MEGAN });
    const update = { ...install, id: 'other', type: 'conversationUpdate', action: undefined, membersAdded: [{ id: '28:courtier' }] };
    const replies = await Promise.all([post(app.baseUrl, install), post(app.baseUrl, update), post(app.baseUrl, { ...install, id: 'third' })]);
    expect(replies.flatMap((r) => r.activities).filter((a) => cardText(cardOf(a)).includes('Bienvenue'))).toHaveLength(1);
  });
});

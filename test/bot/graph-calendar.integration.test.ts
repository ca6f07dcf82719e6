// The kickoff meeting through Graph (R16, R18), over real HTTP against the fake Graph: one
// event per kickoff whatever the faults (429 with Retry-After, 503, a create answered too
// late, a duplicate transaction), the Teams link required, attendees, agenda and time zone
// as sent, reschedule as PATCH, cancel as /cancel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agendaHtml, graphCalendar, KICKOFF_PROPERTY_ID, MeetingError, type MeetingCalendar, type MeetingSpec } from '../../bot/graph/calendar';
import { meetingTransactionId, quebecInstant } from '../../domain/kickoff';
import { fakeGraphCredential, startFakeGraph, type FakeGraph } from '../fixtures/fake-graph';

const ORGANIZER = 'demarrage@courtier.example';

describe('R16 the Graph calendar of kickoff meetings', () => {
  let graph: FakeGraph;
  let calendar: MeetingCalendar;
  let n = 0;
  const spec = (): MeetingSpec => ({
    transactionId: meetingTransactionId(`k${++n}`, 0),
    subject: 'Rencontre de démarrage — CI-2026-0001',
    start: quebecInstant('2026-12-21', 10),
    end: quebecInstant('2026-12-21', 11),
    attendees: [
      { side: 'client', name: 'Rita Rcti', email: 'rita@organisme.gouv.qc.ca' },
      { side: 'supplier', name: 'Sam Fournisseur', email: 'sam@boreal.example' },
      { side: 'broker', name: 'Sophie Courtière', email: 'sophie@courtier.example' },
    ],
    bodyHtml: agendaHtml('Rencontre <démarrage>', [{ heading: '1. Objectifs', lines: ['Confirmer & planifier'] }]),
  });

  beforeAll(async () => {
    graph = await startFakeGraph({ organizer: ORGANIZER });
    calendar = graphCalendar({ credential: fakeGraphCredential, organizer: ORGANIZER, baseUrl: graph.url, timeoutMs: 400, retryDelaySeconds: 0 });
  });
  afterAll(async () => graph?.close());
  beforeEach(() => graph.reset());

  it('R16: a Teams meeting in Eastern time with the three sides invited, the agenda in its body, immutable ids asked', async () => {
    const meeting = await calendar.create(spec());
    expect(meeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(meeting.eventId).toMatch(/^AAkALgImmutable-/);
    expect(meeting.iCalUId).toBeTruthy();
    const [create] = graph.creates();
    expect(create!.headers.prefer).toBe('IdType="ImmutableId", outlook.timezone="Eastern Standard Time"');
    expect(create!.headers.authorization).toBe('Bearer fake-graph-token');
    expect(create!.body).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      start: { dateTime: '2026-12-21T10:00:00', timeZone: 'Eastern Standard Time' },
      end: { dateTime: '2026-12-21T11:00:00', timeZone: 'Eastern Standard Time' },
      body: { contentType: 'HTML' },
    });
    expect((create!.body!.attendees as Array<{ emailAddress: { address: string } }>).map((a) => a.emailAddress.address)).toEqual([
      'rita@organisme.gouv.qc.ca',
      'sam@boreal.example',
      'sophie@courtier.example',
    ]);
    const html = (create!.body!.body as { content: string }).content;
    expect(html).toContain('Rencontre &lt;démarrage&gt;');
    expect(html).toContain('Confirmer &amp; planifier');
    expect(create!.body!.singleValueExtendedProperties).toEqual([{ id: KICKOFF_PROPERTY_ID, value: create!.body!.transactionId }]);
  });

  it('R16: 429 with Retry-After, then 503: the POST is repeated and one event exists', async () => {
    graph.failCreates({ kind: 'throttle', retryAfterSeconds: 1 }, { kind: 'unavailable' });
    const started = Date.now();
    const meeting = await calendar.create(spec());
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(graph.creates()).toHaveLength(3);
    expect(graph.events).toHaveLength(1);
    expect(meeting.eventId).toBe(graph.events[0]!.id);
  });

  it('R16: an event an earlier attempt created for another slot is said outdated, and update moves it to the slot and attendees asked now; the same request again is not outdated', async () => {
    const first = spec();
    await calendar.create(first);
    // Staff chose another slot and added a colleague after an attempt whose outcome was not recorded.
    const moved: MeetingSpec = {
      ...first,
      start: quebecInstant('2026-12-22', 14),
      end: quebecInstant('2026-12-22', 15),
      attendees: [...first.attendees, { side: 'broker', name: 'Bruno Courtier', email: 'bruno@courtier.example' }],
    };
    const meeting = await calendar.create(moved);
    expect(graph.events).toHaveLength(1);
    expect(meeting).toMatchObject({ eventId: graph.events[0]!.id, outdated: true });
    // The event is read in Eastern time, so that its times compare with the slot's wall clock.
    const lookup = graph.requests.find((r) => r.method === 'GET' && r.query.get('$filter')?.includes(KICKOFF_PROPERTY_ID));
    expect(lookup!.headers.prefer).toBe('IdType="ImmutableId", outlook.timezone="Eastern Standard Time"');
    // Not changed by create: only a caller that still may (the claim's holder) updates it.
    expect(graph.events[0]!.start.dateTime).toBe('2026-12-21T10:00:00');
    await calendar.update(meeting.eventId, moved);
    expect(graph.events[0]!.start).toEqual({ dateTime: '2026-12-22T14:00:00', timeZone: 'Eastern Standard Time' });
    expect(graph.events[0]!.end).toEqual({ dateTime: '2026-12-22T15:00:00', timeZone: 'Eastern Standard Time' });
    expect(graph.events[0]!.attendees.map((a) => a.emailAddress.address)).toContain('bruno@courtier.example');
    const patches = () => graph.requests.filter((r) => r.method === 'PATCH');
    expect(patches()).toHaveLength(1);
    // A repeat of what the event already says (a lost answer retried) is not outdated.
    expect((await calendar.create(moved)).outdated).toBeUndefined();
    expect(patches()).toHaveLength(1);
    expect(graph.events).toHaveLength(1);
  });

  it('R16: an update sent with the version it read is refused once the event changed since (412): a late attempt never moves it back', async () => {
    const first = spec();
    const meeting = await calendar.create(first);
    const later = { ...first, start: quebecInstant('2026-12-23', 9), end: quebecInstant('2026-12-23', 10) };
    await calendar.update(meeting.eventId, later, meeting.etag);
    expect(graph.events[0]!.start.dateTime).toBe('2026-12-23T09:00:00');
    // A stale attempt still holding the first version tries to put its slot back.
    await expect(calendar.update(meeting.eventId, first, meeting.etag)).rejects.toMatchObject({ kind: 'failed' });
    expect(graph.events[0]!.start.dateTime).toBe('2026-12-23T09:00:00');
  });

  it('R16: created then 503: the repeated POST is a duplicate transaction, and the existing event is found, not created again', async () => {
    graph.failCreates({ kind: 'unavailable_after_create' });
    const meeting = await calendar.create(spec());
    expect(graph.creates()).toHaveLength(2);
    expect(graph.events).toHaveLength(1);
    expect(meeting.eventId).toBe(graph.events[0]!.id);
    expect(meeting.joinUrl).toBe(graph.events[0]!.onlineMeeting!.joinUrl);
  });

  it('R16: created but the answer comes too late: the event is looked up, not created again', async () => {
    graph.failCreates({ kind: 'slow_after_create', ms: 1500 });
    const meeting = await calendar.create(spec());
    expect(graph.events).toHaveLength(1);
    expect(meeting.eventId).toBe(graph.events[0]!.id);
    expect(graph.requests.some((r) => r.method === 'GET' && (r.query.get('$filter') ?? '').includes(KICKOFF_PROPERTY_ID))).toBe(true);
  });

  it('R16: a duplicate transaction answered to the first POST means "find it"', async () => {
    graph.failCreates({ kind: 'duplicate_after_create' });
    const meeting = await calendar.create(spec());
    expect(graph.creates()).toHaveLength(1);
    expect(graph.events).toHaveLength(1);
    expect(meeting.eventId).toBe(graph.events[0]!.id);
  });

  it('R16: the same kickoff created twice is one event', async () => {
    const s = spec();
    const first = await calendar.create(s);
    const second = await calendar.create(s);
    expect(second.eventId).toBe(first.eventId);
    expect(graph.events).toHaveLength(1);
  });

  it('R16: an event without a Teams link is an error carrying the event, not a meeting', async () => {
    graph.failCreates({ kind: 'no_join_url' });
    const err = await calendar.create(spec()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeetingError);
    expect((err as MeetingError).kind).toBe('no_join_url');
    expect((err as MeetingError).meeting?.eventId).toBe(graph.events[0]!.id);
    expect(graph.events).toHaveLength(1);
  });

  it('R16: reschedule is a PATCH of the times only (the online meeting kept); cancel is POST /cancel with its comment', async () => {
    const meeting = await calendar.create(spec());
    await calendar.reschedule(meeting.eventId, quebecInstant('2026-12-22', 14), quebecInstant('2026-12-22', 15));
    const patch = graph.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({
      start: { dateTime: '2026-12-22T14:00:00', timeZone: 'Eastern Standard Time' },
      end: { dateTime: '2026-12-22T15:00:00', timeZone: 'Eastern Standard Time' },
    });
    expect(graph.events[0]!.onlineMeeting?.joinUrl).toBe(meeting.joinUrl);
    await calendar.cancel(meeting.eventId, 'Le fournisseur ne peut pas.');
    const cancel = graph.requests.find((r) => r.path.endsWith('/cancel'))!;
    expect(cancel.method).toBe('POST');
    expect(cancel.body).toEqual({ comment: 'Le fournisseur ne peut pas.' });
    expect(graph.liveEvents()).toHaveLength(0);
  });

  it('the organizer busy times come from getSchedule, in UTC', async () => {
    graph.busy.push({ start: '2026-12-21T15:00:00Z', end: '2026-12-21T16:30:00Z' });
    const busy = await calendar.busy(new Date('2026-12-21T00:00:00Z'), new Date('2026-12-22T00:00:00Z'));
    expect(busy).toEqual([{ start: new Date('2026-12-21T15:00:00Z'), end: new Date('2026-12-21T16:30:00Z') }]);
    const request = graph.requests.find((r) => r.path.endsWith('/calendar/getSchedule'))!;
    expect(request.body).toMatchObject({ schedules: [ORGANIZER] });
  });
});

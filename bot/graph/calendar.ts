// The kickoff meetings in the organizer's mailbox, through Microsoft Graph (R16): free/busy
// (getSchedule), a Teams meeting created with its attendees (Exchange sends the invitations),
// moved (PATCH keeps the online meeting) and cancelled (POST /cancel with a comment).
//
// Never two meetings for one kickoff: every create carries a deterministic transactionId
// (one per kickoff and revision) and the same value in an extended property. The Graph
// client's RetryHandler repeats a POST on 429/503/504; when a repeated or retried create is
// refused as a duplicate transaction, or its answer is lost (timeout, connection reset, 5xx
// after the retries), the event is looked up by that property, never created again. A 201
// without a Teams link is an error, not a meeting.
//
// The middleware chain is ours (Client.initWithMiddleware): the SDK's AuthenticationHandler
// adds the token only to Graph hosts and to https customHosts, so a sovereign cloud or the
// tests' plain-HTTP fake would get no token. Our chain: bearer token (from a TokenCredential
// through TokenCredentialAuthenticationProvider) → RetryHandler → per-attempt timeout → fetch.
import type { TokenCredential } from '@azure/identity';
import { Client, GraphError, HTTPMessageHandler, RetryHandler, RetryHandlerOptions, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { GRAPH_TIME_ZONE, quebecWallClock, type Interval, type Participant } from '../../domain/kickoff';

/** Our extended property (a String in our own property set): the kickoff's transactionId, to find its event again. */
export const KICKOFF_PROPERTY_ID = 'String {5b0f8a56-3c59-4d0e-9a63-6a1f2f0c4e11} Name CourtierKickoffTransaction';
const IMMUTABLE_IDS = 'IdType="ImmutableId"';

export interface MeetingSpec {
  transactionId: string;
  subject: string;
  start: Date;
  end: Date;
  attendees: readonly Participant[];
  /** The invitation's body (the R18 agenda), HTML. */
  bodyHtml: string;
}

export interface Meeting {
  eventId: string;
  iCalUId: string | null;
  joinUrl: string | null;
  /**
   * An event an earlier attempt created (same transactionId) that does not say what was asked
   * now (another slot, other attendees): the caller updates it (`update`) if it still may.
   */
  outdated?: boolean;
  /** The event's version when read (Graph's ETag): an update sent with it is refused if the event changed since. */
  etag?: string | null;
}

/** Why Graph did not give a meeting: `no_join_url` (an event without a Teams link), `failed` (Graph refused or did not answer). */
export class MeetingError extends Error {
  constructor(
    readonly kind: 'no_join_url' | 'failed',
    message: string,
    /** The event that exists without a link (no_join_url): kept so it is never created again. */
    readonly meeting?: Meeting,
  ) {
    super(message);
    this.name = 'MeetingError';
  }
}

/** What the kickoff feature needs from a calendar. */
export interface MeetingCalendar {
  /** Busy times of the organizer between `start` and `end`. */
  busy(start: Date, end: Date): Promise<Interval[]>;
  /** Creates the meeting once per transactionId; a repeat returns the existing event. */
  create(spec: MeetingSpec): Promise<Meeting>;
  /**
   * Makes an existing event say what `spec` asks: times, attendees, subject and agenda (a PATCH:
   * Exchange sends the update). With `etag`, only if the event has not changed since it was read.
   */
  update(eventId: string, spec: MeetingSpec, etag?: string | null): Promise<void>;
  /** The stored event as it now stands (its link may have come since). */
  get(eventId: string): Promise<Meeting | null>;
  reschedule(eventId: string, start: Date, end: Date): Promise<void>;
  cancel(eventId: string, comment: string): Promise<void>;
}

export interface GraphCalendarOptions {
  credential: TokenCredential;
  /** The mailbox that organizes kickoffs (UPN or object id). */
  organizer: string;
  /** https://graph.microsoft.com (or a sovereign cloud's; the tests' fake). */
  baseUrl: string;
  /** Per attempt: a create whose answer does not come in time is looked up instead. */
  timeoutMs: number;
  /** Seconds between retries when Graph gives no Retry-After (the SDK's default is 3). */
  retryDelaySeconds?: number;
  maxRetries?: number;
}

/** Adds the bearer token to every request (the chain only ever calls the configured Graph host). */
class BearerToken implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly provider: TokenCredentialAuthenticationProvider) {}
  async execute(context: Context): Promise<void> {
    const token = await this.provider.getAccessToken();
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${token}`);
    options.headers = Object.fromEntries(headers.entries());
    await this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Aborts an attempt that takes longer than `ms` (each retry gets its own time). */
class AttemptTimeout implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly ms: number) {}
  async execute(context: Context): Promise<void> {
    (context.options ??= {}).signal = AbortSignal.timeout(this.ms);
    await this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The Graph client with our chain. */
export function graphClient(options: Pick<GraphCalendarOptions, 'credential' | 'baseUrl' | 'timeoutMs' | 'retryDelaySeconds' | 'maxRetries'>): Client {
  const base = options.baseUrl.replace(/\/+$/, '');
  const scope = `${new URL(base).origin}/.default`;
  const provider = new TokenCredentialAuthenticationProvider(options.credential, { scopes: [scope] });
  const chain: Middleware[] = [new BearerToken(provider), new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 3)), new AttemptTimeout(options.timeoutMs), new HTTPMessageHandler()];
  for (let i = 0; i < chain.length - 1; i++) chain[i]!.setNext!(chain[i + 1]!);
  return Client.initWithMiddleware({ middleware: chain[0]!, baseUrl: base, defaultVersion: 'v1.0' });
}

interface GraphEvent {
  id: string;
  iCalUId?: string | null;
  onlineMeeting?: { joinUrl?: string | null } | null;
  start?: { dateTime?: string } | null;
  end?: { dateTime?: string } | null;
  attendees?: Array<{ emailAddress?: { address?: string } }> | null;
  '@odata.etag'?: string;
}

const meetingOf = (e: GraphEvent): Meeting => ({ eventId: e.id, iCalUId: e.iCalUId ?? null, joinUrl: e.onlineMeeting?.joinUrl || null, etag: e['@odata.etag'] ?? null });

/** Immutable ids, and times in Eastern time (to compare an event with what is asked). */
const READ_PREFERENCES = `${IMMUTABLE_IDS}, outlook.timezone="${GRAPH_TIME_ZONE}"`;

/** Graph's dateTimeTimeZone in Québec's wall clock, Eastern time. */
const eastern = (at: Date) => ({ dateTime: quebecWallClock(at), timeZone: GRAPH_TIME_ZONE });

/** A refused create that names a transaction already used: the event exists. */
function isDuplicateTransaction(err: unknown): boolean {
  if (!(err instanceof GraphError)) return false;
  return (err.statusCode === 409 || err.statusCode === 400) && /duplicate|alreadyexists/i.test(`${err.code ?? ''} ${err.message}`);
}

/** No answer we can trust (timeout, network, 5xx after the retries): the create may have happened. */
function isLostAnswer(err: unknown): boolean {
  if (!(err instanceof GraphError)) return true;
  return err.statusCode <= 0 || err.statusCode >= 500 || err.statusCode === 429;
}

/** What an event says that a spec decides. */
const eventBody = (spec: MeetingSpec) => ({
  subject: spec.subject,
  body: { contentType: 'HTML', content: spec.bodyHtml },
  start: eastern(spec.start),
  end: eastern(spec.end),
  attendees: spec.attendees.map((p) => ({ emailAddress: { address: p.email, name: p.name }, type: 'required' })),
});

/** The event already says what `spec` asks: the same start and end (Eastern wall clock, to the minute) and the same attendees. */
function sameMeeting(event: GraphEvent, spec: MeetingSpec): boolean {
  const minute = (s: string | undefined) => (s ?? '').slice(0, 16);
  const emails = (list: ReadonlyArray<string | undefined>) => [...new Set(list.map((e) => (e ?? '').toLowerCase()))].sort().join(',');
  return (
    minute(event.start?.dateTime) === minute(quebecWallClock(spec.start)) &&
    minute(event.end?.dateTime) === minute(quebecWallClock(spec.end)) &&
    emails((event.attendees ?? []).map((a) => a.emailAddress?.address)) === emails(spec.attendees.map((p) => p.email))
  );
}

const describeError = (err: unknown) => (err instanceof GraphError ? `${err.statusCode} ${err.code ?? ''} ${err.message}`.trim() : err instanceof Error ? err.message : String(err));

export function graphCalendar(options: GraphCalendarOptions): MeetingCalendar {
  const client = graphClient(options);
  const user = `/users/${encodeURIComponent(options.organizer)}`;

  /** The event a transactionId created, its times in Eastern time (to compare with what is asked). */
  async function find(transactionId: string): Promise<GraphEvent | null> {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${KICKOFF_PROPERTY_ID}' and ep/value eq '${transactionId.replace(/'/g, "''")}')`;
    const res = (await client
      .api(`${user}/events`)
      .header('Prefer', READ_PREFERENCES)
      .filter(filter)
      .select('id,iCalUId,onlineMeeting,start,end,attendees')
      .get()) as { value?: GraphEvent[] };
    return res.value?.[0] ?? null;
  }

  async function get(eventId: string): Promise<Meeting | null> {
    try {
      const e = (await client.api(`${user}/events/${encodeURIComponent(eventId)}`).header('Prefer', IMMUTABLE_IDS).select('id,iCalUId,onlineMeeting').get()) as GraphEvent;
      return meetingOf(e);
    } catch (err) {
      if (err instanceof GraphError && err.statusCode === 404) return null;
      throw new MeetingError('failed', describeError(err));
    }
  }

  /** A meeting must carry its Teams link: read once more (it may come a moment later), else an error. */
  async function withLink(meeting: Meeting): Promise<Meeting> {
    if (meeting.joinUrl) return meeting;
    const again = await get(meeting.eventId);
    if (again?.joinUrl) return again;
    throw new MeetingError('no_join_url', 'Graph created the event without a Teams link', meeting);
  }

  return {
    async busy(start, end) {
      const utc = (d: Date) => ({ dateTime: d.toISOString().slice(0, 19), timeZone: 'UTC' });
      const res = (await client
        .api(`${user}/calendar/getSchedule`)
        .header('Prefer', 'outlook.timezone="UTC"')
        .post({ schedules: [options.organizer], startTime: utc(start), endTime: utc(end), availabilityViewInterval: 30 })) as {
        value?: Array<{ scheduleItems?: Array<{ status?: string; start: { dateTime: string }; end: { dateTime: string } }> }>;
      };
      const items = res.value?.[0]?.scheduleItems ?? [];
      const at = (s: string) => new Date(`${s.slice(0, 19)}Z`);
      return items.filter((i) => i.status !== 'free').map((i) => ({ start: at(i.start.dateTime), end: at(i.end.dateTime) }));
    },

    async create(spec) {
      const body = {
        ...eventBody(spec),
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
        allowNewTimeProposals: false,
        transactionId: spec.transactionId,
        singleValueExtendedProperties: [{ id: KICKOFF_PROPERTY_ID, value: spec.transactionId }],
      };
      let created: GraphEvent;
      try {
        created = (await client.api(`${user}/events`).header('Prefer', READ_PREFERENCES).post(body)) as GraphEvent;
      } catch (err) {
        if (!isDuplicateTransaction(err) && !isLostAnswer(err)) throw new MeetingError('failed', describeError(err));
        // The create may have happened: find it, never create again.
        const existing = await find(spec.transactionId).catch(() => null);
        if (!existing) throw new MeetingError('failed', describeError(err));
        // An earlier attempt whose outcome was never recorded (its answer lost, then an error)
        // may have created it for another slot or other attendees, which staff then changed.
        // Only the caller knows whether it still may change it (an attempt the kickoff's job
        // took over must not move the meeting back): it is told, not changed here.
        const meeting = await withLink(meetingOf(existing));
        return sameMeeting(existing, spec) ? meeting : { ...meeting, outdated: true };
      }
      // Compared here too: were Graph to answer a repeated transactionId with the existing event.
      const meeting = await withLink(meetingOf(created));
      return sameMeeting(created, spec) ? meeting : { ...meeting, outdated: true };
    },

    get,

    async update(eventId, spec, etag) {
      const { subject, body, start, end, attendees } = eventBody(spec);
      try {
        let request = client.api(`${user}/events/${encodeURIComponent(eventId)}`).header('Prefer', IMMUTABLE_IDS);
        if (etag) request = request.header('If-Match', etag);
        await request.patch({ subject, body, start, end, attendees });
      } catch (err) {
        throw new MeetingError('failed', describeError(err));
      }
    },

    async reschedule(eventId, start, end) {
      try {
        await client.api(`${user}/events/${encodeURIComponent(eventId)}`).header('Prefer', IMMUTABLE_IDS).patch({ start: eastern(start), end: eastern(end) });
      } catch (err) {
        throw new MeetingError('failed', describeError(err));
      }
    },

    async cancel(eventId, comment) {
      try {
        await client.api(`${user}/events/${encodeURIComponent(eventId)}/cancel`).header('Prefer', IMMUTABLE_IDS).post({ comment });
      } catch (err) {
        // Already gone: nothing left to cancel.
        if (err instanceof GraphError && err.statusCode === 404) return;
        throw new MeetingError('failed', describeError(err));
      }
    },
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The agenda as the invitation's HTML body: every text escaped. */
export function agendaHtml(title: string, sections: ReadonlyArray<{ heading: string; lines: readonly string[] }>): string {
  const parts = [`<h2>${escapeHtml(title)}</h2>`];
  for (const s of sections) {
    parts.push(`<h3>${escapeHtml(s.heading)}</h3>`, `<ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);
  }
  return parts.join('\n');
}

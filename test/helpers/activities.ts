// Activities as Teams sends them, and a client that posts them with
// deliveryMode "expectReplies" so the bot's replies come back in the response.
import { randomUUID } from 'node:crypto';

export const ALEX = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };
export const MEGAN = { id: '29:megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000030' };
export const BOT = { id: '28:courtier', name: 'Courtier' };
export const TENANT_ID = '00000000-0000-0000-0000-0000000000001';

type User = { id: string; name: string; aadObjectId: string };
export type Activity = Record<string, unknown> & { type: string };

const base = (user: User, locale: string) => ({
  id: randomUUID(),
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:1/',
  timestamp: new Date().toISOString(),
  from: user,
  recipient: BOT,
  locale,
  deliveryMode: 'expectReplies',
});

export function personalMessage(text: string, opts: { user?: User; locale?: string } = {}): Activity {
  const user = opts.user ?? ALEX;
  return {
    ...base(user, opts.locale ?? 'fr-CA'),
    type: 'message',
    text,
    conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
  };
}

export function channelMessage(text: string, opts: { user?: User; locale?: string; teamId?: string; channelId?: string } = {}): Activity {
  const user = opts.user ?? ALEX;
  const channelId = opts.channelId ?? '19:staff@thread.tacv2';
  return {
    ...base(user, opts.locale ?? 'fr-CA'),
    type: 'message',
    text: `<at>Courtier</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Courtier</at>', mentioned: BOT }],
    conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, team: { id: opts.teamId ?? '19:team@thread.tacv2' }, channel: { id: channelId } },
  };
}

export function invoke(verb: string, data: Record<string, unknown>, opts: { user?: User; locale?: string; conversation?: Record<string, unknown> } = {}): Activity {
  const user = opts.user ?? ALEX;
  return {
    ...base(user, opts.locale ?? 'fr-CA'),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    conversation: opts.conversation ?? { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
  };
}

export function installationUpdate(scope: 'personal' | 'team', opts: { user?: User } = {}): Activity {
  const user = opts.user ?? ALEX;
  return {
    ...base(user, 'fr-CA'),
    type: 'installationUpdate',
    action: 'add',
    conversation:
      scope === 'personal'
        ? { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT_ID }
        : { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    channelData:
      scope === 'personal'
        ? { tenant: { id: TENANT_ID } }
        : { tenant: { id: TENANT_ID }, team: { id: '19:general@thread.tacv2' }, channel: { id: '19:general@thread.tacv2' } },
  };
}

export interface PostResult {
  status: number;
  body: unknown;
  activities: Array<Record<string, unknown>>;
}

export async function post(baseUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<PostResult> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  const activities = ((body as { activities?: unknown[] } | null)?.activities ?? []) as Array<Record<string, unknown>>;
  return { status: res.status, body, activities };
}

/** The Adaptive Card of the nth reply, or undefined. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const att = (activity?.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined)?.[0];
  return att?.contentType === 'application/vnd.microsoft.card.adaptive' ? att.content : undefined;
}

/** All text of a card, for assertions on what the user reads. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (['text', 'title', 'value', 'label', 'placeholder'].includes(k) && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

export interface InvokeResponseBody {
  statusCode: number;
  type: string;
  value: Record<string, unknown> & { code?: string; message?: string };
}

/** The Universal Actions response of an invoke sent with expectReplies. */
export function invokeResponseOf(r: PostResult): InvokeResponseBody | undefined {
  const reply = r.activities.find((a) => a.type === 'invokeResponse') as { value?: { body?: InvokeResponseBody } } | undefined;
  return reply?.value?.body;
}

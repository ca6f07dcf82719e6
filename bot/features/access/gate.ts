// The gate every catalogue and file entry point passes first (R3, R4): who is asking, and
// whether they may see confidential content. Anyone else gets the access card (request,
// pending, ineligible) instead of the content; the R4 notice comes once before content.
import type { TurnContext } from 'botbuilder';
import { renderCard, type AdaptiveCard } from '../../../cards/index';
import { accessRequestCardData } from '../../../cards/access-request';
import { confidentialityCardData, noticeCardData } from '../../../cards/notice';
import type { MemberRepository } from '../../../data/member-repository';
import { catalogueAccess, type Principal } from '../../../domain/access';
import { translator, type Locale } from '../../../domain/i18n';
import { sendCard, type Turn } from '../../turn';

export interface Viewer {
  aadObjectId: string;
  name: string;
  as: 'client' | 'staff';
  organizationId: string | null;
}

export type GateResult = { ok: true; viewer: Viewer; notice: AdaptiveCard | null } | { ok: false; card: AdaptiveCard };

export interface CatalogueGate {
  /** Who is asking, and whether they may see catalogue content (R3, R4). */
  check(ctx: TurnContext, locale: Locale): Promise<GateResult>;
  /** Who is asking: read once per turn, however many features ask (the help card, the gate, the staff's note). */
  principal(ctx: TurnContext): Promise<Principal>;
}

/** Where a turn keeps its principal (TurnContext.turnState lives as long as the turn). */
const PRINCIPAL = Symbol('courtier.principal');

interface TeamsChannelData {
  team?: { id?: string };
}

export function createGate(deps: { members: MemberRepository; staffTeamId?: string | undefined }): CatalogueGate {
  const { members } = deps;
  async function whoIs(ctx: TurnContext): Promise<Principal> {
    const p = await members.principal(ctx.activity.from?.aadObjectId);
    // Teams only delivers a channel's messages and card actions from members of its team.
    const team = (ctx.activity.channelData as TeamsChannelData | undefined)?.team?.id;
    return deps.staffTeamId && team === deps.staffTeamId && p.aadObjectId ? { ...p, staff: true } : p;
  }
  const gate: CatalogueGate = {
    principal(ctx) {
      let p = ctx.turnState.get(PRINCIPAL) as Promise<Principal> | undefined;
      if (!p) {
        p = whoIs(ctx);
        ctx.turnState.set(PRINCIPAL, p);
        // A failed read is not kept: the next ask reads again.
        p.catch(() => ctx.turnState.delete(PRINCIPAL));
      }
      return p;
    },
    async check(ctx, locale) {
      const t = translator(locale);
      const p = await gate.principal(ctx);
      const access = catalogueAccess(p);
      const name = ctx.activity.from?.name ?? '';
      if (access.allowed) {
        // Shown once: only a member not yet shown it can take it (atomically, across turns and instances).
        const due = p.member !== null && p.member.noticeShown !== true && (await members.takeNoticeDue(p.aadObjectId));
        const notice = due ? renderCard('notice', confidentialityCardData(locale)) : null;
        return { ok: true, viewer: { aadObjectId: p.aadObjectId, name, as: access.as, organizationId: p.member?.organizationId ?? null }, notice };
      }
      if (access.reason === 'ineligible_organization') {
        return { ok: false, card: renderCard('notice', noticeCardData(t('access.title'), t('access.ineligible'), 'error')) };
      }
      const pending = p.aadObjectId ? await members.pendingRequestOf(p.aadObjectId) : null;
      if (pending) {
        return { ok: false, card: renderCard('notice', noticeCardData(t('access.title'), t('access.pending', { organization: pending.organizationName }))) };
      }
      return { ok: false, card: renderCard('access-request', accessRequestCardData(locale)) };
    },
  };
  return gate;
}

/**
 * For a text command: the viewer when the gate lets them through (the R4 notice, when due,
 * is posted first), or null after posting the gate's card in place of the content.
 */
export async function passGate(gate: CatalogueGate, turn: Turn): Promise<Viewer | null> {
  const result = await gate.check(turn.ctx, turn.locale);
  if (!result.ok) {
    await sendCard(turn, result.card);
    return null;
  }
  if (result.notice) await sendCard(turn, result.notice);
  return result.viewer;
}

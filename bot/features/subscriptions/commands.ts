// `abonner prix` / `subscribe prices`, `désabonner` / `unsubscribe`, `abonnements` /
// `subscriptions`, and staff's `lier organisation NOM` / `link organization NAME`.
// Every answer is a short notice in the conversation itself: it names no price.
import { renderCard } from '../../../cards/index';
import { noticeCardData } from '../../../cards/notice';
import { formatDateTime, markdownLiteral } from '../../../cards/text';
import type { SubscriptionRecord } from '../../../data/subscription-repository';
import { confidentialContentHere } from '../../../domain/access';
import type { Locale, Translate } from '../../../domain/i18n';
import { scopeOf } from '../../private-chat';
import { sendCard, type Turn } from '../../turn';
import type { CatalogueGate } from '../access';
import type { CommandHandlers } from '../types';
import type { Asker, SubscriptionUseCases } from './use-cases';

const notice = (turn: Turn, title: string, text: string, tone: 'info' | 'error' = 'info', detail = '') =>
  sendCard(turn, renderCard('notice', { ...noticeCardData(title, text, tone), detail }));

/** "Canal de l'organisme X" / "Personal chat of Y": what an unreachable subscription was. */
function describe(s: SubscriptionRecord, t: Translate, organizations: ReadonlyMap<string, string>): string {
  if (s.kind === 'organization_channel') return t('subs.kind.organization_channel', { organization: markdownLiteral(organizations.get(s.organizationId ?? '') ?? '?') });
  if (s.kind === 'personal') return t('subs.kind.personal', { name: markdownLiteral(s.createdByName) });
  return t('subs.kind.staff_channel');
}

export interface SubscriptionCommandDeps {
  gate: CatalogueGate;
  useCases: SubscriptionUseCases;
  staffTeamId: string | undefined;
  organizationNames(): Promise<Map<string, string>>;
}

export function subscriptionCommands(deps: SubscriptionCommandDeps): CommandHandlers {
  const { gate, useCases } = deps;
  const asker = async (turn: Turn): Promise<Asker> => {
    const principal = await gate.principal(turn.ctx);
    const from = turn.ctx.activity.from;
    return {
      // A channel thread's id ends with ";messageid=…": the channel itself is the part before.
      conversationId: (turn.ctx.activity.conversation?.id ?? '').split(';')[0]!,
      scope: scopeOf(turn.ctx),
      principal,
      actor: { id: from?.aadObjectId ?? from?.id ?? '', name: from?.name ?? '' },
    };
  };
  const date = (d: Date, locale: Locale) => formatDateTime(d, locale);

  return {
    async subscribe(turn) {
      const outcome = await useCases.subscribe(await asker(turn));
      if (!outcome.ok) return notice(turn, turn.t('subs.title'), turn.t('subs.refused'), 'error', turn.t(`subs.refused.${outcome.reason}`));
      if (outcome.already) {
        const s = outcome.subscription;
        return notice(turn, turn.t('subs.title'), turn.t('subs.already', { date: date(s.createdAt, turn.locale), name: markdownLiteral(s.createdByName) }));
      }
      await notice(turn, turn.t('subs.title'), turn.t('subs.subscribed'));
    },

    async unsubscribe(turn) {
      const outcome = await useCases.unsubscribe(await asker(turn));
      if (outcome === 'refused') return notice(turn, turn.t('subs.title'), turn.t('subs.unsubscribeRefused'), 'error');
      await notice(turn, turn.t('subs.title'), turn.t(outcome === 'ended' ? 'subs.unsubscribed' : 'subs.notSubscribed'));
    },

    async subscriptions(turn) {
      const a = await asker(turn);
      const { subscription: s, refusal, inactive } = await useCases.status(a);
      // Where "abonner prix" would be refused, say why rather than suggest it.
      const text =
        s?.state === 'active'
          ? turn.t('subs.status.active', { date: date(s.createdAt, turn.locale), name: markdownLiteral(s.createdByName) })
          : refusal
            ? `${turn.t('subs.status.noneHere')} ${turn.t(`subs.refused.${refusal}`)}`
            : s?.state === 'inactive' && s.inactiveAt
              ? turn.t('subs.status.inactive', { date: date(s.inactiveAt, turn.locale) })
              : turn.t('subs.status.none');
      // Staff's list names organizations and people: only where confidential content may be shown (R4).
      if (!inactive || !confidentialContentHere(a.scope, deps.staffTeamId)) {
        return notice(turn, turn.t('subs.title'), text);
      }
      const organizations = await deps.organizationNames();
      const lines = inactive.map((i) => `- ${turn.t('subs.inactive.line', { what: describe(i, turn.t, organizations), date: date(i.inactiveAt ?? i.createdAt, turn.locale)})}`);
      await notice(turn, turn.t('subs.title'), text, 'info', `${turn.t('subs.inactive.title')}\n\n${lines.length ? lines.join('\n') : turn.t('subs.inactive.none')}`);
    },

    async link(turn, command) {
      const outcome = await useCases.link(await asker(turn), command.organization);
      if (outcome.ok) {
        const name = turn.ctx.activity.from?.name ?? '';
        return notice(turn, turn.t('link.title'), turn.t('link.done', { organization: markdownLiteral(outcome.organizationName), name: markdownLiteral(name) }));
      }
      const key = { staff_only: 'staff.only', channel_only: 'link.channelOnly', staff_team: 'link.staffTeam', usage: 'link.usage', unknown_organization: 'link.unknown' } as const;
      await notice(turn, turn.t('link.title'), turn.t(key[outcome.reason], { organization: markdownLiteral(command.organization) }), 'error');
    },
  };
}

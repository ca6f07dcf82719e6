// The kickoff's outcomes as cards: the request form, and the kickoff card for the client or
// for staff (with the scheduling choices the server computed).
import { renderCard, type AdaptiveCard } from '../../../cards/index';
import { kickoffCardData, type KickoffTyped } from '../../../cards/kickoff';
import { kickoffRequestCardData, type KickoffRequestForm } from '../../../cards/kickoff-request';
import { noticeCardData } from '../../../cards/notice';
import { dossierTitle } from '../../../cards/text';
import { quebecToday } from '../../../domain/catalogue-format';
import type { Dossier } from '../../../domain/dossier';
import type { Locale, MessageKey } from '../../../domain/i18n';
import { translator } from '../../../domain/i18n';
import type { Kickoff, KickoffPrerequisite } from '../../../domain/kickoff';
import type { ChoiceFacts, KickoffUseCases } from './use-cases';

export interface KickoffExtra {
  message?: string;
  error?: string;
  typed?: KickoffTyped;
  joinUrlError?: MessageKey;
}

export function kickoffViews(uses: KickoffUseCases, now: () => Date) {
  return {
    request(locale: Locale, dossier: Dossier, facts: ChoiceFacts, form: KickoffRequestForm, extra: { missing?: KickoffPrerequisite[]; clientError?: MessageKey; supplierError?: MessageKey; error?: string } = {}): AdaptiveCard {
      return renderCard(
        'kickoff-request',
        kickoffRequestCardData(locale, { dossier, supplier: facts.supplier, offerName: facts.offerName, authorization: dossier.authorization?.status ?? null, efvpRequired: facts.efvpRequired, form, ...extra }),
      );
    },

    client(locale: Locale, dossier: Dossier, kickoff: Kickoff, extra: KickoffExtra = {}): AdaptiveCard {
      return renderCard('kickoff', kickoffCardData(locale, { audience: 'client', dossier, kickoff, today: quebecToday(now()), graph: uses.graph, ...extra }));
    },

    async staff(locale: Locale, dossier: Dossier, kickoff: Kickoff, extra: KickoffExtra = {}): Promise<AdaptiveCard> {
      const choices = kickoff.state === 'requested' || kickoff.meeting ? await uses.schedulingChoices(kickoff) : { slots: [], days: [], times: [] };
      return renderCard('kickoff', kickoffCardData(locale, { audience: 'staff', dossier, kickoff, today: quebecToday(now()), graph: uses.graph, ...choices, ...extra }));
    },

    notice(locale: Locale, dossier: Dossier, key: MessageKey, tone: 'info' | 'error' = 'info'): AdaptiveCard {
      const t = translator(locale);
      return renderCard('notice', noticeCardData(t('kickoff.title', { title: dossierTitle(locale, dossier) }), t(key), tone));
    },
  };
}

export type KickoffViews = ReturnType<typeof kickoffViews>;

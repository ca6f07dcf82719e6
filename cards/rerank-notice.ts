// A file in progress whose ranking a catalogue change moved (R8, R12, R14): why its members
// are told, the chosen scenario's and the lowest scenario's totals before and after, the
// head's authorization now required (bodies under the RCTI), and the choice to confirm.
import type { RerankNotice, ScenarioTotals } from '../domain/announcement';
import { formatIsoDate, formatPercentBp } from '../domain/catalogue-format';
import { translator, type Locale } from '../domain/i18n';
import { formatMoney } from '../domain/money';
import { markdownLiteral } from './text';

export interface RerankNoticeCardData {
  dossierId: string;
  title: string;
  lead: string;
  reasons: Array<{ text: string }>;
  facts: Array<{ title: string; value: string }>;
  authorization: string;
  toConfirm: string;
  openLabel: string;
}

export function rerankNoticeCardData(
  locale: Locale,
  input: { dossierId: string; reference: string; effectiveDate: string | null; notice: RerankNotice; thresholdBp: number; choiceReset: boolean; heldByKickoff?: boolean },
): RerankNoticeCardData {
  const t = translator(locale);
  const { notice } = input;
  const money = (cents: number | null) => (cents === null ? t('rerank.gone') : formatMoney(cents, locale));
  const offerTotal = (s: ScenarioTotals, cents: number | null) => t('rerank.offerTotal', { offer: markdownLiteral(s.offerName), total: money(cents) });
  const facts: RerankNoticeCardData['facts'] = [];
  if (notice.choice) facts.push({ title: t('rerank.choice', { offer: markdownLiteral(notice.choice.offerName) }), value: t('rerank.totals', { from: money(notice.choice.fromCents), to: money(notice.choice.toCents) }) });
  if (notice.lowestBefore) facts.push({ title: t('rerank.lowestBefore'), value: offerTotal(notice.lowestBefore, notice.lowestBefore.fromCents) });
  if (notice.lowestAfter) facts.push({ title: t('rerank.lowestAfter'), value: offerTotal(notice.lowestAfter, notice.lowestAfter.toCents) });
  return {
    dossierId: input.dossierId,
    title: t('rerank.title', { reference: input.reference }),
    lead: input.effectiveDate ? t('rerank.lead', { date: formatIsoDate(input.effectiveDate, locale) }) : t('rerank.leadWithdrawn'),
    reasons: notice.reasons.map((r) => ({ text: r === 'choice_moved' ? t('rerank.reason.choice_moved', { percent: formatPercentBp(input.thresholdBp, locale) }) : t(`rerank.reason.${r}`) })),
    facts,
    authorization: notice.authorizationNowRequired ? t('rerank.authorization') : '',
    toConfirm: input.choiceReset ? t('rerank.toConfirm') : input.heldByKickoff ? t('rerank.heldByKickoff') : '',
    openLabel: t('rerank.open'),
  };
}

// A list of specific contracts (the `contrats` command): state, period, amount, next
// deadline and until when the records are kept (R31, R32). Also the words other contract
// cards share: a contract's heading and a deadline's title.
import type { IsoDate } from '../domain/calendar';
import { endOf, keepRecordsUntil, stateOn } from '../domain/contracts';
import { formatIsoDate, formatList, quebecToday } from '../domain/catalogue-format';
import { nextDeadline, type DeadlineKind } from '../domain/deadlines';
import { translator, type Locale, type MessageKey } from '../domain/i18n';
import { formatMoney } from '../domain/money';
import { markdownLiteral } from './text';

export interface DeadlineView {
  id: string;
  key: string;
  kind: DeadlineKind;
  remindOn: string[];
  dueOn: string | null;
  doneOn: string | null;
  doneAt: Date | null;
  doneByName: string | null;
  cancelledAt: Date | null;
}

/** What the contract cards show of a contract (data/contract-repository.ts ContractRecord fits). */
export interface ContractView {
  id: string;
  organizationName: string;
  supplierName: string;
  offers: { name: string }[];
  signedOn: IsoDate;
  startsOn: IsoDate;
  months: number;
  amountCents: number;
  underRcti: boolean;
  contacts: { displayName: string }[];
  amendments: unknown[];
  deadlines: DeadlineView[];
}

export const deadlineTitleKey = (kind: DeadlineKind) => `deadline.${kind}.title` as MessageKey;

/** "Fournisseur Exemple inc. — Courriel Exemple Pro" (typed names shown literally). */
export function contractHeading(locale: Locale, c: Pick<ContractView, 'supplierName' | 'offers'>): string {
  return translator(locale)('deadline.contract', { supplier: markdownLiteral(c.supplierName), offers: markdownLiteral(formatList(c.offers.map((o) => o.name), locale)) });
}

export interface ContractListCardData {
  title: string;
  notice: string;
  empty: string;
  contracts: Array<{ id: string; heading: string; facts: Array<{ title: string; value: string }>; canAmend: boolean; amendLabel: string }>;
  footer: string;
  newLabel: string;
  deadlinesLabel: string;
}

export function contractListCardData(locale: Locale, contracts: readonly ContractView[], options: { staff: boolean; notice?: string; today?: string }): ContractListCardData {
  const t = translator(locale);
  const today = options.today ?? quebecToday();
  const date = (iso: string) => formatIsoDate(iso, locale);
  return {
    title: t(options.staff ? 'contracts.list.titleAll' : 'contracts.list.title'),
    notice: options.notice ?? '',
    empty: t('contracts.list.empty'),
    contracts: contracts.map((c) => {
      const next = nextDeadline(c.deadlines.filter((d) => !d.cancelledAt));
      const state = stateOn(c, today);
      const facts = [
        ...(options.staff ? [{ title: t('contracts.fact.organization'), value: markdownLiteral(c.organizationName) }] : []),
        { title: t('contracts.fact.state'), value: t(`contracts.state.${state}`) },
        { title: t('contracts.fact.period'), value: t('contracts.fact.periodValue', { start: date(c.startsOn), end: date(endOf(c)), months: c.months }) },
        { title: t('contracts.fact.amount'), value: formatMoney(c.amountCents, locale) },
        { title: t('contracts.fact.next'), value: next?.dueOn ? t('contracts.fact.nextValue', { title: t(deadlineTitleKey(next.kind)), due: date(next.dueOn) }) : t('contracts.fact.none') },
        { title: t('contracts.fact.keep'), value: date(keepRecordsUntil(c)) },
        { title: t('contracts.fact.contacts'), value: markdownLiteral(formatList(c.contacts.map((x) => x.displayName), locale)) || t('contracts.fact.none') },
        ...(c.amendments.length ? [{ title: t('contracts.fact.amendments'), value: String(c.amendments.length) }] : []),
      ];
      return { id: c.id, heading: contractHeading(locale, c), facts, canAmend: state !== 'ended', amendLabel: t('contracts.list.amend') };
    }),
    footer: t('contracts.list.footer'),
    newLabel: t('contracts.list.new'),
    deadlinesLabel: t('contracts.list.deadlines'),
  };
}

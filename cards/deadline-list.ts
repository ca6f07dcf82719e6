// The open deadlines of an organization's contracts (staff: every organization's), each
// with its "Fait" button (the `échéances` command): those that have come or come within a
// month, or every open one ("Tout afficher"), as many as fit in one card.
import type { DeadlineScope } from '../domain/deadlines';
import { translator, type Locale } from '../domain/i18n';
import { contractHeading, deadlineTitleKey, type ContractView, type DeadlineView } from './contract-list';
import { dueLine } from './contract-reminder';
import { markdownLiteral } from './text';

/** At most this many deadlines in one card: a list people can still read. */
export const DEADLINE_LIST_MAX_ITEMS = 50;
/**
 * Bytes the deadlines may take in the card, their template's ~0.5 KB each included: Teams
 * refuses a card over 80 KB, and a deadline names its organization, supplier and offers
 * (200 characters each at most), so long names fit fewer deadlines.
 */
export const DEADLINE_LIST_ITEM_BYTES = 64 * 1024;
const TEMPLATE_BYTES_PER_ITEM = 600;

type Item = { deadlineId: string; heading: string; due: string; dueColor: 'Attention' | 'Default'; contract: string; doneLabel: string; from: 'list' | 'all' };

export interface DeadlineListCardData {
  title: string;
  /** What was just done from this list ("Fait"), or ''. */
  message: string;
  empty: string;
  contractsLabel: string;
  items: Item[];
  /** Deadlines left out because the card is full, or ''. */
  hidden: string;
  /** "Tout afficher (3 de plus)" when some open deadlines are further than a month, or ''. */
  showAllLabel: string;
  /** Back to the deadlines that have come or come within a month, from the whole list, or ''. */
  showSoonLabel: string;
}

export interface DeadlineListOptions {
  staff: boolean;
  today: string;
  message?: string;
  /** 'soon' (default): overdue or within a month; 'all': every open deadline. */
  scope?: DeadlineScope;
  /** Open deadlines the 'soon' list leaves out (further than a month). */
  later?: number;
}

export function deadlineListCardData(locale: Locale, items: ReadonlyArray<{ contract: ContractView; deadline: DeadlineView }>, options: DeadlineListOptions): DeadlineListCardData {
  const t = translator(locale);
  const all = options.scope === 'all';
  const shown: Item[] = [];
  let bytes = 0;
  for (const { contract, deadline } of items) {
    const due = dueLine(locale, deadline, options.today);
    const heading = contractHeading(locale, contract);
    const item: Item = {
      deadlineId: deadline.id,
      heading: t(deadlineTitleKey(deadline.kind)),
      due: due.text,
      dueColor: due.overdue ? 'Attention' : 'Default',
      contract: options.staff ? `${markdownLiteral(contract.organizationName)} · ${heading}` : heading,
      doneLabel: t('deadline.done'),
      from: all ? 'all' : 'list',
    };
    bytes += Buffer.byteLength(JSON.stringify(item)) + TEMPLATE_BYTES_PER_ITEM;
    if (shown.length === DEADLINE_LIST_MAX_ITEMS || bytes > DEADLINE_LIST_ITEM_BYTES) break;
    shown.push(item);
  }
  const later = all ? 0 : (options.later ?? 0);
  return {
    title: t(all ? (options.staff ? 'deadline.list.everyTitleAll' : 'deadline.list.everyTitle') : options.staff ? 'deadline.list.titleAll' : 'deadline.list.title'),
    message: options.message ?? '',
    empty: t(all ? 'deadline.list.everyEmpty' : 'deadline.list.empty'),
    contractsLabel: t('deadline.list.contracts'),
    items: shown,
    hidden: shown.length < items.length ? t('deadline.list.hidden', { count: items.length - shown.length }) : '',
    showAllLabel: later > 0 ? t('deadline.list.showAll', { count: later }) : '',
    showSoonLabel: all ? t('deadline.list.showSoon') : '',
  };
}

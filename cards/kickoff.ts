// A file's kickoff (R15–R19), for the client and for staff: the request and the 30-day
// expectation with any delay (R16), the meeting (its date in Québec time and its Teams
// link; recorded by hand: no invitation sent), staff's scheduling from slots the server
// computed (choice lists: Input.Date and Input.Time carry no time zone), reschedule and
// cancel, and the ten steps with who acts and when each was done (R19).
import { formatIsoDate } from '../domain/catalogue-format';
import type { Dossier } from '../domain/dossier';
import { translator, type Locale, type MessageKey } from '../domain/i18n';
import { stepWords } from '../domain/kickoff-agenda';
import { CONVENE_STEP, KICKOFF_STEPS, mayTick, mayWithdraw, progress, QUEBEC_TIME_ZONE, type Kickoff, type Slot } from '../domain/kickoff';
import { dossierTitle, formatDateTime, markdownLiteral, typography, type Choice } from './text';
import { supplierText } from './kickoff-request';

export interface KickoffCardData {
  title: string;
  subtitle: string;
  message: string;
  error: string;
  kickoffId: string;
  dossierId: string;
  requested: string;
  expectation: string;
  delay: string;
  signed: string;
  meetingTitle: string;
  meeting: string;
  meetingNote: string;
  meetingNoteColor: 'Default' | 'Warning';
  cancelledText: string;
  joinUrl: string;
  joinLabel: string;
  scheduleForm: boolean;
  slotLabel: string;
  slots: Choice[];
  slotValue: string;
  noSlots: string;
  brokerLabel: string;
  brokerValue: string;
  scheduleLabel: string;
  recordForm: boolean;
  manualIntro: string;
  dateLabel: string;
  dates: Choice[];
  dateValue: string;
  timeLabel: string;
  times: Choice[];
  timeValue: string;
  joinUrlLabel: string;
  joinUrlValue: string;
  joinUrlError: string;
  recordLabel: string;
  changeForm: boolean;
  graph: boolean;
  rescheduleLabel: string;
  rescheduleSubmit: string;
  cancelLabel: string;
  commentLabel: string;
  cancelSubmit: string;
  withdrawForm: boolean;
  withdrawLabel: string;
  withdrawText: string;
  withdrawSubmit: string;
  participantsTitle: string;
  participants: Array<{ text: string }>;
  stepsTitle: string;
  steps: Array<{ n: number; text: string; status: string; color: 'Good' | 'Default'; weight: 'Default' | 'Bolder'; tickable: boolean; untickable: boolean }>;
  tickLabel: string;
  untickLabel: string;
  backLabel: string;
}

/** What staff typed on a refused scheduling form, shown again. */
export interface KickoffTyped {
  slot?: string;
  date?: string;
  time?: string;
  joinUrl?: string;
  brokerAttendees?: string;
}

export interface KickoffCardInput {
  audience: 'client' | 'staff';
  dossier: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'reference' | 'organizationName'>;
  kickoff: Kickoff;
  /** Québec's day, for the delay. */
  today: string;
  /** Graph configured: meetings are created with invitations; otherwise recorded by hand. */
  graph: boolean;
  /** Staff: the slots offered (Graph), or the days and times to record a meeting (by hand). */
  slots?: readonly Slot[];
  days?: readonly string[];
  times?: readonly string[];
  typed?: KickoffTyped;
  joinUrlError?: MessageKey;
  message?: string;
  error?: string;
}

/** A slot as people read it: "lundi 21 décembre 2026 à 10 h 00" / "Monday, December 21, 2026 at 10:00 a.m.". */
export function slotTitle(slot: Pick<Slot, 'start'>, locale: Locale): string {
  const text = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: QUEBEC_TIME_ZONE }).format(slot.start);
  return locale === 'fr-CA' ? text.replace(/ 1 /, ' 1er ') : text;
}

export function kickoffCardData(locale: Locale, input: KickoffCardInput): KickoffCardData {
  const t = translator(locale);
  const { kickoff: k, audience } = input;
  const staff = audience === 'staff';
  const p = progress(k.requestDay, k.steps, input.today);
  const m = k.meeting;
  const side = staff ? 'broker' : 'client';
  const convened = k.state === 'scheduled' || k.steps.some((s) => s.step === CONVENE_STEP);
  const withdrawn = k.state === 'withdrawn';
  const typed = input.typed ?? {};
  const weekday = (d: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
  return {
    title: t('kickoff.title', { title: dossierTitle(locale, input.dossier) }),
    subtitle: t('kickoff.subtitle', {
      organization: markdownLiteral(input.dossier.organizationName),
      offer: markdownLiteral(k.offerName),
      supplier: supplierText(locale, { name: k.supplierName, partnerName: k.partnerName }),
    }),
    message: input.message ? typography(input.message, locale) : '',
    error: input.error ? typography(input.error, locale) : '',
    kickoffId: k.id,
    dossierId: input.dossier.id,
    requested: t('kickoff.requested', { date: formatIsoDate(k.requestDay, locale), name: markdownLiteral(k.requestedByName) }),
    expectation: t('kickoff.expectation', { date: formatIsoDate(p.earliestSignature, locale) }),
    delay: p.daysLate > 0 ? t('kickoff.late', { days: p.daysLate }) : '',
    signed: p.signed ? t('kickoff.signed') : '',
    meetingTitle: t('kickoff.meetingTitle'),
    meeting: m ? t('kickoff.planned', { name: markdownLiteral(m.scheduledByName), when: formatDateTime(m.startsAt, locale) }) : t(withdrawn ? 'kickoff.withdrawnState' : 'kickoff.waiting'),
    meetingNote: m ? t(m.mode === 'manual' ? 'kickoff.manualNotice' : 'kickoff.invitationsSent') : '',
    meetingNoteColor: m?.mode === 'manual' ? 'Warning' : 'Default',
    cancelledText: k.cancelled ? typography(t('kickoff.cancelledLast', { date: formatDateTime(k.cancelled.at, locale), name: markdownLiteral(k.cancelled.byName), comment: markdownLiteral(k.cancelled.comment) }), locale) : '',
    joinUrl: m?.joinUrl ?? '',
    joinLabel: t('kickoff.join'),
    scheduleForm: staff && k.state === 'requested' && input.graph,
    slotLabel: t('kickoff.slot'),
    slots: (input.slots ?? []).map((s) => ({ title: slotTitle(s, locale), value: s.id })),
    slotValue: typed.slot ?? '',
    noSlots: staff && input.graph && (input.slots ?? []).length === 0 ? t('kickoff.noSlot') : '',
    brokerLabel: t('kickoff.brokerAttendees'),
    brokerValue: typed.brokerAttendees ?? '',
    scheduleLabel: t('kickoff.schedule'),
    recordForm: staff && k.state === 'requested' && !input.graph,
    manualIntro: t('kickoff.manualIntro'),
    dateLabel: t('kickoff.date'),
    dates: (input.days ?? []).map((d) => ({ title: `${weekday(d)} ${formatIsoDate(d, locale)}`, value: d })),
    dateValue: typed.date ?? '',
    timeLabel: t('kickoff.time'),
    // "9 h 00" in French, "09:00" in English.
    times: (input.times ?? []).map((h) => ({ title: locale === 'fr-CA' ? h.replace(/^0?(\d+):/, '$1 h ') : h, value: h })),
    timeValue: typed.time ?? '',
    joinUrlLabel: t('kickoff.joinUrl'),
    joinUrlValue: typed.joinUrl ?? '',
    joinUrlError: input.joinUrlError ? t(input.joinUrlError) : '',
    recordLabel: t('kickoff.record'),
    changeForm: staff && k.state === 'scheduled',
    graph: input.graph,
    rescheduleLabel: t('kickoff.reschedule'),
    rescheduleSubmit: t('kickoff.rescheduleSubmit'),
    cancelLabel: t('kickoff.cancel'),
    commentLabel: t('kickoff.cancelComment'),
    cancelSubmit: t('kickoff.cancelSubmit'),
    // R16, R17: withdrawn while no meeting is scheduled (the file may then change).
    withdrawForm: mayWithdraw(k),
    withdrawLabel: t('kickoff.withdraw'),
    withdrawText: typography(t('kickoff.withdrawText'), locale),
    withdrawSubmit: t('kickoff.withdrawSubmit'),
    participantsTitle: t('kickoff.participantsTitle'),
    participants: k.participants.map((q) => ({ text: `${t(`kickoff.side.${q.side}`)} — ${markdownLiteral(q.name)} (${markdownLiteral(q.email)})` })),
    stepsTitle: t('kickoff.stepsTitle'),
    steps: KICKOFF_STEPS.map((s) => {
      const done = k.steps.find((d) => d.step === s.n);
      return {
        n: s.n,
        // Escaped: "4. …" at a line's start would be read as a numbered list.
        text: markdownLiteral(`${s.n}. ${stepWords(s.key, locale)} (${t(`kickoff.actor.${s.actor}`)})`),
        status: done ? t('kickoff.stepDone', { date: formatDateTime(done.doneAt, locale), name: markdownLiteral(done.byName) }) : t('kickoff.stepTodo'),
        color: done ? 'Good' : 'Default',
        weight: done ? 'Default' : 'Bolder',
        tickable: !withdrawn && !done && mayTick(s, side) && (s.n <= CONVENE_STEP || convened) && s.n !== CONVENE_STEP && s.n !== 1,
        // Ticked by mistake: the side that ticks it may untick it (the history keeps both).
        untickable: !withdrawn && !!done && mayTick(s, side) && s.n !== CONVENE_STEP && s.n !== 1,
      };
    }),
    tickLabel: t('kickoff.tick'),
    untickLabel: t('kickoff.untick'),
    backLabel: t('kickoff.back'),
  };
}

// The client's kickoff request (R16, R17, R6, R9, R14): the prerequisites, each missing one
// named, the contract documents named as on the offer card, and the participants — the
// client's own and the supplier's (prefilled from the offer's supplier contacts).
import { translator, type Locale, type MessageKey } from '../domain/i18n';
import type { AuthorizationStatus, Dossier } from '../domain/dossier';
import type { KickoffPrerequisite } from '../domain/kickoff';
import { CONTRACT_DOCUMENT_KEYS } from './offer';
import { dossierTitle, markdownLiteral, typography } from './text';

/** Rows of participants on the form, per side. */
export const PARTICIPANT_ROWS = { client: 5, supplier: 3 } as const;
export const participantInputIds = (side: 'client' | 'supplier', row: number) => ({ nameId: `${side}Name${row}`, emailId: `${side}Email${row}` });

export interface ParticipantRow {
  nameId: string;
  emailId: string;
  /** Each row's own labels ("Nom 2", "Courriel 2"): a label names one input. */
  nameLabel: string;
  emailLabel: string;
  name: string;
  email: string;
  error: string;
}

export interface KickoffRequestCardData {
  title: string;
  subtitle: string;
  intro: string;
  error: string;
  dossierId: string;
  missingTitle: string;
  missing: Array<{ text: string }>;
  prerequisitesTitle: string;
  supplierLine: string;
  supplierColor: 'Default' | 'Attention';
  authorizationLine: string;
  authorizationColor: 'Default' | 'Attention';
  solutionLabel: string;
  solutionValue: 'true' | 'false';
  documentsLabel: string;
  documents: Array<{ index: number; text: string }>;
  documentsValue: 'true' | 'false';
  efvpRequired: boolean;
  efvpLabel: string;
  efvpValue: 'true' | 'false';
  clientTitle: string;
  participantsHint: string;
  clientError: string;
  clientRows: ParticipantRow[];
  supplierTitle: string;
  supplierError: string;
  supplierRows: ParticipantRow[];
  submitLabel: string;
  backLabel: string;
}

/** The form as typed (or prefilled). */
export interface KickoffRequestForm {
  solution: boolean;
  documents: boolean;
  efvp: boolean;
  client: Array<{ name: string; email: string; error?: MessageKey }>;
  supplier: Array<{ name: string; email: string; error?: MessageKey }>;
}

export interface KickoffRequestInput {
  dossier: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'reference' | 'organizationName'>;
  supplier: { name: string; partnerName: string | null } | null;
  offerName: string;
  authorization: AuthorizationStatus | null;
  efvpRequired: boolean;
  form: KickoffRequestForm;
  missing?: readonly KickoffPrerequisite[];
  clientError?: MessageKey;
  supplierError?: MessageKey;
  error?: string;
}

export const missingKeys: Record<KickoffPrerequisite, MessageKey> = {
  supplier: 'kickoff.missing.supplier',
  solution: 'kickoff.missing.solution',
  documents: 'kickoff.missing.documents',
  headAuthorization: 'kickoff.missing.headAuthorization',
  efvp: 'kickoff.missing.efvp',
};

export function supplierText(locale: Locale, supplier: { name: string; partnerName: string | null }): string {
  const t = translator(locale);
  const name = markdownLiteral(supplier.name);
  return supplier.partnerName ? t('kickoff.supplierPartner', { supplier: name, partner: markdownLiteral(supplier.partnerName) }) : name;
}

export function kickoffRequestCardData(locale: Locale, input: KickoffRequestInput): KickoffRequestCardData {
  const t = translator(locale);
  const { dossier, form } = input;
  const bool = (b: boolean) => (b ? 'true' : 'false') as 'true' | 'false';
  const rows = (side: 'client' | 'supplier'): ParticipantRow[] =>
    Array.from({ length: PARTICIPANT_ROWS[side] }, (_, i) => {
      const typed = form[side][i];
      const n = i + 1;
      const label = (key: 'kickoff.name' | 'kickoff.email') => t(key, { n: side === 'client' ? n : n + PARTICIPANT_ROWS.client });
      return { ...participantInputIds(side, n), nameLabel: label('kickoff.name'), emailLabel: label('kickoff.email'), name: typed?.name ?? '', email: typed?.email ?? '', error: typed?.error ? t(typed.error) : '' };
    });
  const authorized = input.authorization === 'not_required' || input.authorization === 'obtained';
  return {
    title: t('kickoff.title', { title: dossierTitle(locale, dossier) }),
    subtitle: t('kickoff.subtitle', { organization: markdownLiteral(dossier.organizationName), offer: markdownLiteral(input.offerName), supplier: input.supplier ? markdownLiteral(input.supplier.name) : '—' }),
    intro: t('kickoff.intro'),
    error: input.error ? typography(input.error, locale) : '',
    dossierId: dossier.id,
    missingTitle: t('kickoff.missingTitle'),
    missing: (input.missing ?? []).map((m) => ({ text: t(missingKeys[m]) })),
    prerequisitesTitle: t('kickoff.prerequisites'),
    supplierLine: input.supplier ? t('kickoff.supplierIdentified', { supplier: supplierText(locale, input.supplier) }) : t('kickoff.supplierMissing'),
    supplierColor: input.supplier ? 'Default' : 'Attention',
    authorizationLine: t(`kickoff.authorization.${input.authorization === 'obtained' || input.authorization === 'not_required' ? input.authorization : 'pending'}`),
    authorizationColor: authorized ? 'Default' : 'Attention',
    solutionLabel: t('kickoff.solution'),
    solutionValue: bool(form.solution),
    documentsLabel: t('kickoff.documents'),
    documents: CONTRACT_DOCUMENT_KEYS.map((key, i) => ({ index: i + 1, text: t(key) })),
    documentsValue: bool(form.documents),
    efvpRequired: input.efvpRequired,
    efvpLabel: t('kickoff.efvp'),
    efvpValue: bool(form.efvp),
    clientTitle: t('kickoff.clientParticipants'),
    participantsHint: t('kickoff.participantsHint'),
    clientError: input.clientError ? t(input.clientError) : '',
    clientRows: rows('client'),
    supplierTitle: t('kickoff.supplierParticipants'),
    supplierError: input.supplierError ? t(input.supplierError) : '',
    supplierRows: rows('supplier'),
    submitLabel: t('kickoff.submit'),
    backLabel: t('kickoff.back'),
  };
}

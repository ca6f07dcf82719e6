import { describe, expect, it } from 'vitest';
import { normalize, parseCommand } from '../../bot/commands';
import { catalogOf, resolveLocale, translator } from '../../domain/i18n';

describe('locale files', () => {
  it('English carries exactly the French keys, none empty', () => {
    const fr = catalogOf('fr-CA');
    const en = catalogOf('en-CA');
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [k, v] of [...Object.entries(fr), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('keeps the same {placeholders} in both languages', () => {
    const fr = catalogOf('fr-CA');
    const en = catalogOf('en-CA');
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(fr) as Array<keyof typeof fr>) expect(holes(en[key]), key).toEqual(holes(fr[key]));
  });

  it('fills placeholders', () => {
    expect(translator('fr-CA')('unknown.text', { text: 'zut' })).toBe('Je n\'ai pas compris «\u00a0zut\u00a0». Voici ce que je sais faire\u00a0:');
  });

  it('defaults to French, uses English for an English activity, and the user choice wins', () => {
    expect(resolveLocale(undefined)).toBe('fr-CA');
    expect(resolveLocale('fr-FR')).toBe('fr-CA');
    expect(resolveLocale('en-US')).toBe('en-CA');
    expect(resolveLocale('en-US', 'fr-CA')).toBe('fr-CA');
    expect(resolveLocale('fr-CA', 'en-CA')).toBe('en-CA');
  });
});

describe('command recognition', () => {
  it('ignores case, accents and extra spaces', () => {
    expect(normalize('  ÀIDE  ')).toBe('aide');
    expect(parseCommand('AIDE')).toEqual({ name: 'help' });
    expect(parseCommand('Besoins')).toEqual({ name: 'needs' });
    expect(parseCommand('DOSSIERS')).toEqual({ name: 'files' });
  });

  it('knows French and English words', () => {
    expect(parseCommand('help')).toEqual({ name: 'help' });
    expect(parseCommand('catalog')).toEqual({ name: 'catalogue' });
    expect(parseCommand('needs')).toEqual({ name: 'needs' });
    expect(parseCommand('files')).toEqual({ name: 'files' });
  });

  it('keeps the search text as typed', () => {
    expect(parseCommand('chercher  Courriel Sécurisé')).toEqual({ name: 'search', query: 'Courriel Sécurisé' });
    expect(parseCommand('Search CRM')).toEqual({ name: 'search', query: 'CRM' });
    expect(parseCommand('chercher')).toEqual({ name: 'search', query: '' });
  });

  it('parses a language choice', () => {
    expect(parseCommand('langue english')).toEqual({ name: 'language', locale: 'en-CA' });
    expect(parseCommand('Language Français')).toEqual({ name: 'language', locale: 'fr-CA' });
    expect(parseCommand('langue klingon')).toEqual({ name: 'language', locale: null });
  });

  it('R8: parses the subscription commands in French and English, and keeps the organization name to link as typed', () => {
    for (const text of ['abonner prix', 'Abonner Prix', 'subscribe prices', 'subscribe']) expect(parseCommand(text)).toEqual({ name: 'subscribe' });
    for (const text of ['désabonner', 'Desabonner prix', 'unsubscribe']) expect(parseCommand(text)).toEqual({ name: 'unsubscribe' });
    for (const text of ['abonnements', 'Subscriptions']) expect(parseCommand(text)).toEqual({ name: 'subscriptions' });
    expect(parseCommand('lier organisation  Ministère de l\'Exemple')).toEqual({ name: 'link', organization: "Ministère de l'Exemple" });
    expect(parseCommand('Link organization Hydro-Test')).toEqual({ name: 'link', organization: 'Hydro-Test' });
    expect(parseCommand('lier organisation')).toEqual({ name: 'link', organization: '' });
  });

  it('returns unknown text as typed', () => {
    expect(parseCommand('Bonjour là')).toEqual({ name: 'unknown', text: 'Bonjour là' });
  });
});

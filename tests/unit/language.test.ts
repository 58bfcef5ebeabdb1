import { describe, expect, it } from 'vitest';
import { languageFor } from '../../app/i18n/language.server.js';

const req = (headers: Record<string, string>) => new Request('http://plenary.test/', { headers });

describe('[L2] a person’s language', () => {
  it('follows the browser when nothing was chosen', () => {
    expect(languageFor(req({ 'accept-language': 'es-MX,es;q=0.9,en;q=0.8' }))).toBe('es');
    expect(languageFor(req({ 'accept-language': 'fa-IR, es;q=0.5, en;q=0.4' }))).toBe('es');
    expect(languageFor(req({ 'accept-language': 'so-SO, es;q=0.5, en;q=0.4' }))).toBe('so');
    expect(languageFor(req({ 'accept-language': 'en;q=0.2, es;q=0.9' }))).toBe('es');
    expect(languageFor(req({ 'accept-language': 'kar' }))).toBe('en');
    expect(languageFor(req({}))).toBe('en');
  });

  it('a choice made with the switcher wins over the browser', () => {
    expect(languageFor(req({ cookie: 'plenary_lang=en', 'accept-language': 'es' }))).toBe('en');
    expect(languageFor(req({ cookie: 'x=1; plenary_lang=es', 'accept-language': 'en' }))).toBe('es');
    expect(languageFor(req({ cookie: 'plenary_lang=xx', 'accept-language': 'es' }))).toBe('es');
  });
});

describe('[L9] Accept-Language against the languages the catalogues offer', () => {
  const offered = ['en', 'ar', 'es', 'so', 'pt-BR'];
  it('region subtags fall back to their language, q-values rank, ties keep the header’s order, q=0 refuses', async () => {
    const { negotiate } = await import('../../app/i18n/negotiate.js');
    expect(negotiate('so', offered)).toBe('so');
    expect(negotiate('so-SO', offered)).toBe('so');
    expect(negotiate('ar-EG,ar;q=0.9,en;q=0.5', offered)).toBe('ar');
    expect(negotiate('en;q=0.3, so-SO;q=0.8, ar;q=0.7', offered)).toBe('so');
    expect(negotiate('am, ar;q=0.5, en;q=0.4', offered)).toBe('ar'); // Amharic not offered: the next one
    expect(negotiate('ar;q=0, so;q=0.1', offered)).toBe('so');
    expect(negotiate('es, ar', offered)).toBe('es');
    expect(negotiate('AR-eg', offered)).toBe('ar');
    expect(negotiate('pt-br', offered)).toBe('pt-BR');
    expect(negotiate('pt', offered)).toBe('en'); // a base never picks a regional catalogue it did not ask for
    expect(negotiate('*', offered)).toBe('en');
    expect(negotiate('so;q=abc, es;q=0.1', offered)).toBe('es');
    expect(negotiate(`${'xx,'.repeat(30)}so`, offered)).toBe('en'); // only the first 20 tags count
  });
});

import { describe, expect, it } from 'vitest';
import { languageFor } from '../../app/i18n/language.server.js';

const req = (headers: Record<string, string>) => new Request('http://plenary.test/', { headers });

describe('[L2] a person’s language', () => {
  it('follows the browser when nothing was chosen', () => {
    expect(languageFor(req({ 'accept-language': 'es-MX,es;q=0.9,en;q=0.8' }))).toBe('es');
    expect(languageFor(req({ 'accept-language': 'so-SO, es;q=0.5, en;q=0.4' }))).toBe('es');
    expect(languageFor(req({ 'accept-language': 'en;q=0.2, es;q=0.9' }))).toBe('es');
    expect(languageFor(req({ 'accept-language': 'hmn' }))).toBe('en');
    expect(languageFor(req({}))).toBe('en');
  });

  it('a choice made with the switcher wins over the browser', () => {
    expect(languageFor(req({ cookie: 'plenary_lang=en', 'accept-language': 'es' }))).toBe('en');
    expect(languageFor(req({ cookie: 'x=1; plenary_lang=es', 'accept-language': 'en' }))).toBe('es');
    expect(languageFor(req({ cookie: 'plenary_lang=xx', 'accept-language': 'es' }))).toBe('es');
  });
});

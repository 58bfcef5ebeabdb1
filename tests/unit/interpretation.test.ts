import { describe, expect, it } from 'vitest';
import { languageCode, nativeName, parseChannels } from '../../app/model/interpretation.js';

describe('[P6] interpretation channels from the text a facilitator types', () => {
  it('reads a language by its English, Spanish or own name, or its code, and keeps the channel as typed', () => {
    expect(parseChannels('Spanish ch. 2, Somali ch. 3')).toEqual([
      { code: 'es', typed: 'Spanish', channel: 'ch. 2' },
      { code: 'so', typed: 'Somali', channel: 'ch. 3' },
    ]);
    expect(parseChannels('es 2; so 91.5 MHz\nsomalí canal 3')).toEqual([
      { code: 'es', typed: 'es', channel: '2' },
      { code: 'so', typed: 'so', channel: '91.5 MHz' },
      { code: 'so', typed: 'somalí', channel: 'canal 3' },
    ]);
    expect(parseChannels('Oromo: 1,5')).toEqual([{ code: 'om', typed: 'Oromo', channel: '1,5' }]);
  });

  it('shows a language by its own name, and what it cannot recognise as typed', () => {
    expect(nativeName('es')).toBe('Español');
    expect(nativeName('so')).toBe('Soomaali');
    expect(nativeName('xx')).toBeNull();
    expect(languageCode('Klingon')).toBeNull();
    expect(parseChannels('Klingon ch 9, ASL on the stage, ASL 5')).toEqual([
      { code: null, typed: 'Klingon', channel: 'ch 9' },
      { code: null, typed: 'ASL on the stage', channel: '' },
      { code: 'ase', typed: 'ASL', channel: '5' },
    ]);
    expect(parseChannels('')).toEqual([]);
    expect(parseChannels(' , ;\n')).toEqual([]);
  });

  it('reads at most 20 channels from any text, however long', () => {
    expect(parseChannels(Array.from({ length: 500 }, (_, i) => `es ${i}`).join(', '))).toHaveLength(20);
    expect(parseChannels('-'.repeat(1000) + ' 4')).toEqual([{ code: null, typed: '-'.repeat(1000) + ' 4', channel: '' }]);
  });
});

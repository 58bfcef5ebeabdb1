/**
 * Languages' own names where browsers lack them. Browsers ship reduced locale data (Chromium
 * names Somali "Somali" in Somali, where Node says "Soomaali"), and the server's page and the
 * browser's must say the same; for every other language `Intl.DisplayNames` agrees on both.
 * Own names follow CLDR; Hmong, Haitian Creole, Tagalog and Mam, which CLDR names only in
 * English, by what their speakers write.
 */
export const OWN_NAMES: Record<string, string> = {
  so: 'Soomaali',
  hmn: 'Hmoob',
  om: 'Oromoo',
  ti: 'ትግርኛ',
  yue: '粵語',
  ht: 'Kreyòl ayisyen',
  tl: 'Tagalog',
  ne: 'नेपाली',
  ps: 'پښتو',
  my: 'မြန်မာ',
  km: 'ខ្មែរ',
  lo: 'ລາວ',
  ku: 'Kurdî',
  qu: 'Runasimi',
  yo: 'Èdè Yorùbá',
  ln: 'Lingála',
  rw: 'Ikinyarwanda',
  mam: 'Qyol Mam',
  kek: 'Qʼeqchiʼ',
  quc: 'Kʼicheʼ',
  ase: 'ASL',
};

/** Languages recognised by their English or Spanish name when a facilitator types one. */
export const NAMED_LANGUAGES = (
  'en es so hmn om am ti vi ar fr pt zh yue ru uk ht ko tl fil ne sw fa ps my km lo th hi bn ur pa ja de it pl tr ' + 'ku qu yo ig ha ln rw mam kek quc ase'
).split(' ');

import { useEffect, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import type { WebsocketProvider } from 'y-websocket';
import { hasVisibleText } from '~/model/visible-text';
import { colourFor } from '~/utils/caret-colour';

const NAME_KEY = 'plenary-note-taker-name';

/**
 * Who is writing on this device, for the named cursors: the name is kept on the device (one for
 * every notes page) and published as this writer's presence. `hydrated` turns true in the browser
 * after hydration: the editor is made only then (its code is fetched on demand).
 */
export function useNoteTaker(provider: WebsocketProvider | null) {
  const { t } = useTranslation();
  const [name, setStoredName] = useState('');
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setStoredName(localStorage.getItem(NAME_KEY) ?? '');
    setHydrated(true);
  }, []);
  // A name that shows nothing is no name: the cursor says "note-taker" instead ([W14]).
  const shown = hasVisibleText(name) ? name.trim() : '';
  const user = { name: shown || t('breakout.noteTaker'), color: colourFor(shown || 'note-taker') };
  useEffect(() => {
    provider?.awareness.setLocalStateField('user', user);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [provider, user.name]);
  const setName = (value: string) => {
    setStoredName(value);
    localStorage.setItem(NAME_KEY, value);
  };
  return { name, setName, user, hydrated };
}

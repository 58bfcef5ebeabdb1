import { LanguageSwitcher } from './language-switcher';

/**
 * The language switcher on the projector ([L16], [L53]): the wall must fit one screen and speak to
 * the room, so the switcher takes no room in its layout. It sits over the bottom corner at the
 * start side, unseen until a keyboard's Tab reaches it or a pointer rests on that corner; then it
 * shows, dark and whole, and is the same plain form post as on every page (it works without
 * JavaScript). It sets this projector's own language, which its labels use until a facilitator
 * chooses the projector's languages on the console ([L50]).
 */
export function ScreenLanguageSwitcher() {
  return (
    <div
      className="fixed bottom-0 start-0 z-50 rounded-se-xl border-e-2 border-t-2 border-transparent bg-black p-3 opacity-0 focus-within:border-stone-500 focus-within:opacity-100 hover:border-stone-500 hover:opacity-100"
      data-testid="screen-language-switcher"
    >
      <LanguageSwitcher tone="dark" className="text-white" />
    </div>
  );
}

/** A readable colour per person, from their name, so a cursor keeps its colour across reloads. */
export function colourFor(name: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + c.codePointAt(0)!) % 360;
  return `hsl(${h} 70% 35%)`;
}

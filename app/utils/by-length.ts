/**
 * Type that steps down as text gets longer ([N25]): the classes of the first step whose limit the
 * text's length does not pass, else `longest`. Done on the server too, so a projector without
 * JavaScript (or before it runs) already fits for most content.
 */
export function byLength(text: string, steps: [limit: number, classes: string][], longest: string): string {
  return steps.find(([limit]) => text.length <= limit)?.[1] ?? longest;
}

/** Notes as the editor keeps them (paragraphs of text in an XML fragment), for tests that type. */
import * as Y from 'yjs';

/** The text of the field's first paragraph, made (one paragraph holding one text) if there is none. */
export function firstText(doc: Y.Doc, field = 'notes'): Y.XmlText {
  const fragment = doc.getXmlFragment(field);
  const first = fragment.get(0);
  if (first instanceof Y.XmlElement && first.get(0) instanceof Y.XmlText) return first.get(0) as Y.XmlText;
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  doc.transact(() => {
    fragment.insert(0, [paragraph]);
    paragraph.insert(0, [text]);
  });
  return text;
}

/** Everything typed in a field, a line per paragraph. */
export function plainText(doc: Y.Doc, field = 'notes'): string {
  return doc
    .getXmlFragment(field)
    .toArray()
    .map((p) =>
      p instanceof Y.XmlElement
        ? p
            .toArray()
            .map((t) => (t instanceof Y.XmlText ? t.toString() : ''))
            .join('')
        : '',
    )
    .join('\n');
}

import t from 'tap';
import { utf8Bytes } from '../../server/http/utf8.ts';

/** utf8Bytes encodes into shared room: the bytes must be Buffer.from's, and each result its own. */
t.test('utf8Bytes gives the bytes Buffer.from gives, for any text, short or long', async (t) => {
  const texts = [
    '',
    'plain ascii',
    'Rønne Rådhus, Ærø – kl. 09.00–15.00',
    'emoji 🎉 and CJK 会議',
    'a lone surrogate \ud800 here',
    'å'.repeat(7281), // 3 × length just within a third of a slab
    '–'.repeat(7282), // one past it: Buffer.from's way
    `<p>${'Politikredsmøde – '.repeat(5000)}</p>`,
  ];
  for (const text of texts)
    t.ok(utf8Bytes(text).equals(Buffer.from(text)), `${text.length} characters: ${text.slice(0, 20)}`);
  const first = utf8Bytes('første side');
  utf8Bytes('anden side, længere end den første');
  t.equal(first.toString(), 'første side', 'a later call leaves an earlier result as it was');
  // enough pages to fill several slabs: every one still reads as it was made
  const pages = Array.from({ length: 200 }, (_, i) => `<p>side ${i}: ${'Rønne – '.repeat(i * 7)}</p>`);
  const bytes = pages.map(utf8Bytes);
  t.ok(
    pages.every((page, i) => bytes[i]!.toString() === page),
    'two hundred pages across full slabs each keep their bytes',
  );
});

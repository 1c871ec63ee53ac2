import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { createAgreement } from '../../server/outcomes/agreements.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

/** A title too long for its column: wrapped over three lines or so, Danish letters on each. */
const longTitle = (i: number) =>
  `Aftale nr. ${i} om samarbejde i børnesager – Ærø, Øster Åby og Nørre Snede, med fælles møder hvert kvartal i Børnehuset`;
/** One word wider than the column: cut where the line is full. */
const LONG_WORD =
  'Børnehusforløbskoordinationsaftalegrundlagsbeskrivelsesdokumentationsbilagsoversigtsskemaet';
/** A line break, and "Å" as A and a combining ring: what pdfkit's own text() sets. */
const TWO_LINES = 'Aftale om åbenhed\nmellem kommune og politi';
const COMBINED = 'Aftale om A\u030Abenhed i sager om vold';

t.test(
  'a long agreements PDF, read back by pdf-parse: wrapped titles, Danish letters, the header on every page',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    seedFynOutcomes(app.db);
    const agreement = (title: string, i: number) =>
      createAgreement(app.db, commandLineActor, {
        districtCode: '1465',
        type: 'samarbejdsaftale',
        title,
        text: '',
        allMunicipalities: true,
        agreedOn: '2027-02-01',
        status: i % 2 ? 'in_force' : 'agreed',
        reviewOn: '2028-02-01',
      });
    for (let i = 1; i <= 150; i++) agreement(longTitle(i), i);
    agreement(LONG_WORD, 0);
    agreement(TWO_LINES, 0);
    agreement(COMBINED, 0);

    const res = await app.inject({
      url: '/api/reports/agreements?year=2027&district=1465&format=pdf',
      headers: as.viewer,
    });
    t.equal(res.statusCode, 200);
    const parser = new PDFParse({ data: new Uint8Array(res.rawPayload) });
    const { text, pages } = await parser.getText();
    await parser.destroy();
    const flat = text.replace(/\s+/g, ' ');
    t.ok(pages.length >= 4, `the agreements run over several pages (${pages.length})`);
    const missing = Array.from({ length: 150 }, (_, i) => longTitle(i + 1)).filter((s) => !flat.includes(s));
    t.same(missing, [], 'every long title is there, word for word, æ, ø and å included');
    const lines = text.split('\n');
    t.ok(
      lines.some((l) => l.trim().startsWith('Aftale nr. 7 om samarbejde')) &&
        !lines.some((l) => l.includes(longTitle(7))),
      'a long title is wrapped, not written past its column',
    );
    t.ok(text.replace(/\s+/g, '').includes(LONG_WORD), 'the word wider than its column is all there');
    t.notOk(
      lines.some((l) => l.includes(LONG_WORD)),
      '… cut over lines',
    );
    t.ok(text.includes('mellem kommune og politi'), 'a title with a line break');
    t.ok(text.normalize('NFC').includes('Åbenhed i sager om vold'), 'a title with a combining ring');
    const withRows = pages.filter((p) => p.text.includes('Aftale nr.'));
    t.ok(withRows.length >= 3);
    t.same(
      withRows.filter((p) => !/Titel\s+Status\s+Aftalt\s+Revideres/.test(p.text)).map((p) => p.num),
      [],
      'every page of agreements starts the table again with its header',
    );
    t.ok(flat.includes('1. februar 2027') && flat.includes('1. februar 2028'), 'the dates, the Danish way');
  },
);

import ExcelJS from 'exceljs';
import t from 'tap';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { createAgreement } from '../../server/outcomes/agreements.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

/** What XML must escape, Danish letters, and a control character XML cannot hold. */
const AWKWARD = `Aftale om Æbeltoft & Øster <Åby> "Nord" og 'Syd'\u0007 – børnehus`;

t.test(
  'the agreements sheet, read back by exceljs: text as written, days as dates, the columns kept',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    seedFynOutcomes(app.db);
    const agreement = (title: string, extra: { agreedOn?: string; status: 'draft' | 'in_force' }) =>
      createAgreement(app.db, commandLineActor, {
        districtCode: '1465',
        type: 'samarbejdsaftale',
        title,
        text: '',
        allMunicipalities: true,
        reviewOn: extra.status === 'draft' ? undefined : '2028-02-01',
        ...extra,
      });
    agreement(AWKWARD, { agreedOn: '2027-02-01', status: 'in_force' });
    agreement('-1 Udkast uden datoer', { status: 'draft' });
    for (let i = 1; i <= 1500; i++)
      agreement(`Aftale nr. ${i} på Ærø`, { agreedOn: '2027-02-01', status: 'in_force' });

    const res = await app.inject({
      url: '/api/reports/agreements?year=2027&district=1465&format=xlsx',
      headers: as.viewer,
    });
    t.equal(res.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Aftaler')!;
    t.same((sheet.getRow(1).values as unknown[]).slice(1), [
      'ID',
      'Politikreds',
      'Type',
      'Titel',
      'Status',
      'Aftalt',
      'Revideres',
      'Parter',
      'Ansvarlige',
      'Adresserer barrierer',
    ]);
    t.ok(sheet.getRow(1).getCell(4).font?.bold, 'the header is bold');
    t.same(
      sheet.columns.map((c) => c.width),
      [8, 30, 30, 50, 16, 18, 18, 40, 40, 16],
      'the column widths',
    );
    t.equal(sheet.views[0]?.state, 'frozen', 'the header stays in view');
    t.equal(sheet.rowCount, 1 + 2 + 1502, 'a row per agreement, the scenario’s two included');
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const byTitle = (title: string) => rows.find((r) => r.getCell(4).value === title);

    const awkward = byTitle(AWKWARD.replace('\u0007', ''));
    t.ok(awkward, 'the title with & < > " \' and æøå reads back as written (what XML cannot hold left out)');
    t.equal(awkward?.getCell(2).value, 'Fyns Politi');
    t.equal(awkward?.getCell(5).value, 'I kraft');
    t.equal(typeof awkward?.getCell(1).value, 'number', 'the ID is a number');
    t.equal(
      (awkward?.getCell(6).value as Date | undefined)?.toISOString(),
      '2027-02-01T00:00:00.000Z',
      'a real date',
    );
    t.equal(awkward?.getCell(6).numFmt, 'd. mmmm yyyy');
    t.equal((awkward?.getCell(7).value as Date | undefined)?.toISOString(), '2028-02-01T00:00:00.000Z');
    t.equal(awkward?.getCell(8).value, 'Alle kommuner');

    const draft = byTitle("'-1 Udkast uden datoer");
    t.ok(draft, 'a leading minus is neutralised');
    t.equal(draft?.getCell(6).value, null, 'no agreed date: an empty cell');
    t.equal(draft?.getCell(7).value, null);
    t.equal(draft?.getCell(5).value, 'Udkast');

    const numbered = new Set(
      rows.map((r) => r.getCell(4).value).filter((v) => String(v).startsWith('Aftale nr.')),
    );
    t.equal(numbered.size, 1500, 'every row is there once');
    t.ok(numbered.has('Aftale nr. 1500 på Ærø'));
    const ids = rows.map((r) => r.getCell(1).value as number);
    t.equal(new Set(ids).size, ids.length, 'each ID once');
  },
);

import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { norwegianProgramme, secondAreaOfConvener } from '../helpers/scenarios.ts';

t.test(
  "two areas of one convener are two rows of the programme's reports, each with its own outcomes",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const no = await norwegianProgramme(app, as);
    const vestfold = await secondAreaOfConvener(app, as, no);
    const post = async (url: string, payload: object) => {
      const res = await app.inject({ method: 'POST', url, headers: as.facilitator, payload });
      t.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    const mapping = async (areaId: number, forumLevel: string, strengths: string[]) => {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/areas/${areaId}/mappings/2027`,
        headers: as.facilitator,
        payload: { version: 0, forumLevel, strengths },
      });
      t.equal(res.statusCode, 201, res.body);
    };
    // Buskerud: one agreement in force, no barrier; Vestfold: two open barriers and a routine agreed
    await post('/api/agreements', {
      areaId: no.areaId,
      type: 'samarbeidsavtale',
      title: 'Buskerud: avtale om tidlig varsling',
      status: 'in_force',
      agreedOn: '2027-02-01',
    });
    for (const description of ['Vestfold: lang ventetid', 'Vestfold: uklar taushetsplikt'])
      await post('/api/barriers', {
        areaId: vestfold.areaId,
        category: 'ventetid',
        description,
        raisedOn: '2027-03-01',
      });
    await post('/api/agreements', {
      areaId: vestfold.areaId,
      type: 'rutinebeskrivelse',
      title: 'Vestfold: rutine for avhør',
      status: 'in_force',
      agreedOn: '2027-04-01',
    });
    await mapping(no.areaId, 'felles-forum', ['Faste møter i Drammen']);
    await mapping(vestfold.areaId, 'felles-forum', ['Godt samarbeid i Tønsberg']);

    const get = (path: string) => app.inject({ url: `/api/reports/${path}`, headers: as.viewer });
    const national = (await get(`national?year=2027&format=json&programme=${no.key}`)).json();
    const rows = Object.fromEntries(national.rows.map((r: { name: string }) => [r.name, r]));
    t.same(Object.keys(rows).sort(), [no.areaName, vestfold.areaName].sort(), 'one row per area');
    t.match(rows[no.areaName], {
      areaId: no.areaId,
      inForce: 1,
      inForceByType: { samarbeidsavtale: 1, rutinebeskrivelse: 0 },
      openBarriers: 0,
      forumLevel: 'felles-forum',
    });
    t.match(rows[vestfold.areaName], {
      areaId: vestfold.areaId,
      inForce: 1,
      inForceByType: { samarbeidsavtale: 0, rutinebeskrivelse: 1 },
      openBarriers: 2,
      forumLevel: 'felles-forum',
    });
    t.match(national.totals, { inForce: 2, openBarriers: 2 }, 'the totals count each outcome once');

    const report = (await get(`agreements?year=2027&format=json&programme=${no.key}`)).json();
    const sections = Object.fromEntries(report.sections.map((s: { name: string }) => [s.name, s]));
    t.same(sections[no.areaName].mapping.strengths, ['Faste møter i Drammen']);
    t.same(sections[vestfold.areaName].mapping.strengths, ['Godt samarbeid i Tønsberg']);
    t.same(sections[no.areaName].barriers, [], "Vestfold's barriers are not Buskerud's");
    t.same(sections[vestfold.areaName].barriers.map((b: { description: string }) => b.description).sort(), [
      'Vestfold: lang ventetid',
      'Vestfold: uklar taushetsplikt',
    ]);
    t.same(sections[no.areaName].agreementCounts, [
      { type: 'samarbeidsavtale', status: 'in_force', count: 1 },
    ]);
    t.same(sections[vestfold.areaName].agreementCounts, [
      { type: 'rutinebeskrivelse', status: 'in_force', count: 1 },
    ]);
    t.match(sections[vestfold.areaName].changes, { newAgreements: 1, newBarriers: 2 });
    t.match(sections[no.areaName].changes, { newAgreements: 1, newBarriers: 0 });
    t.same(
      report.agreements.map((a: { districtName: string; title: string }) => [a.districtName, a.title]).sort(),
      [
        [no.areaName, 'Buskerud: avtale om tidlig varsling'],
        [vestfold.areaName, 'Vestfold: rutine for avhør'],
      ].sort(),
      'each agreement line names its own area',
    );

    const html = (await get(`agreements?year=2027&format=html&programme=${no.key}`)).body;
    const section = (name: string) =>
      html.split('<section class="district">').find((s) => s.startsWith(`<h2>${name}</h2>`)) ?? '';
    t.match(
      section(no.areaName),
      'Buskerud: avtale om tidlig varsling',
      "Buskerud's agreement in its section",
    );
    t.notMatch(section(no.areaName), 'Vestfold: rutine for avhør', "Vestfold's agreement not in Buskerud's");
    t.match(section(vestfold.areaName), 'Vestfold: rutine for avhør', "and in Vestfold's own");

    // PDF and Word: each agreement under the heading of its own area (the last area named before it)
    const underItsArea = (text: string, format: string) => {
      for (const [title, area] of [
        ['Buskerud: avtale om tidlig varsling', no.areaName],
        ['Vestfold: rutine for avhør', vestfold.areaName],
      ] as const) {
        const at = text.indexOf(title);
        t.ok(at > 0, `${format}: ${title} is listed`);
        const before = text.slice(0, at);
        const last = [no.areaName, vestfold.areaName].sort(
          (a, b) => before.lastIndexOf(b) - before.lastIndexOf(a),
        )[0];
        t.equal(last, area, `${format}: ${title} under ${area}`);
      }
    };
    const pdf = await get(`agreements?year=2027&format=pdf&programme=${no.key}`);
    underItsArea((await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()).text, 'PDF');
    const docx = await get(`agreements?year=2027&format=docx&programme=${no.key}`);
    underItsArea((await mammoth.extractRawText({ buffer: docx.rawPayload })).value, 'Word');

    const csv = await get(`agreements?year=2027&format=csv&programme=${no.key}`);
    const lines = parse(csv.rawPayload, {
      bom: true,
      delimiter: ';',
      relax_column_count: true,
    }) as string[][];
    t.same(
      lines
        .slice(1)
        .map((r) => [r[1], r[3]])
        .sort(),
      [
        [no.areaName, 'Buskerud: avtale om tidlig varsling'],
        [vestfold.areaName, 'Vestfold: lang ventetid'],
        [vestfold.areaName, 'Vestfold: rutine for avhør'],
        [vestfold.areaName, 'Vestfold: uklar taushetsplikt'],
      ],
      "the CSV names each agreement's and barrier's own area",
    );
  },
);

import t from 'tap';
import { catalogueFor, labelFor } from '../../server/text/messages.ts';

/**
 * The words for stored codes are looked up by codes read from the database: a code that is also the
 * name of one of Object's members finds no word (a property test of the agreements export met a
 * status "toString", written as "function toString() { [native code] }").
 */
t.test("a stored code named like one of Object's members finds no word, in every language", async (t) => {
  for (const lang of ['da', 'en', 'nb'] as const) {
    const { labels } = catalogueFor(lang);
    for (const code of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      t.equal(labels.agreementStatus[code as 'draft'], undefined, `${lang}: agreement status ${code}`);
      t.equal(labels.response[code as 'accepted'], undefined, `${lang}: response ${code}`);
      t.equal(labelFor(labels.meetingStatus, code), code, `${lang}: labelFor gives the code ${code} itself`);
    }
    t.equal(
      labels.agreementStatus.draft,
      { da: 'Udkast', en: 'Draft', nb: 'Utkast' }[lang],
      `${lang}: a known code keeps its word`,
    );
    t.same(
      Object.keys(labels.barrierStatus),
      ['open', 'being_addressed', 'resolved'],
      `${lang}: the codes in order`,
    );
  }
});

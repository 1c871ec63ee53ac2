import t from 'tap';
import { escapeHtml, html, raw } from '../../server/text/html.ts';

t.test('html escapes every interpolation unless it is vouched for', async (t) => {
  const name = `<script>alert("x")</script> & 'co' \``;
  t.equal(
    html`<p title="${name}">${name}</p>`.value,
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39; &#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39; &#96;</p>',
  );
  t.equal(
    html`<ul>${['<a>', html`<li>${'<b>'}</li>`]}</ul>`.value,
    '<ul>&lt;a&gt;<li>&lt;b&gt;</li></ul>',
    'arrays: text escaped, nested html kept',
  );
  t.equal(html`${null}${undefined}${false}${true}${0}`.value, '0', 'empty values print nothing; zero prints');
  t.equal(html`${raw('<br>')}`.value, '<br>', 'raw is the one way to pass markup');
  t.equal(escapeHtml('a&b'), 'a&amp;b');
});

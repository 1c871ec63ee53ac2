import { dayDate } from '../text/dates.ts';
import { type HtmlValue, html, type SafeHtml } from '../text/html.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { icon } from './layout.ts';

export type AlertVariant = 'info' | 'success' | 'warning' | 'error';
/** Danish unless a page in another language says so (FieldOptions.pageLang). */
const words = catalogueFor('da').pages.components;

export function alert(variant: AlertVariant, heading: HtmlValue, content?: HtmlValue): SafeHtml {
  const role = variant === 'warning' || variant === 'error' ? html` role="alert"` : '';
  return html`<div class="alert alert-${variant}"${role}>${icon(variant, words.alert[variant])}
  <div class="alert-body"><p class="alert-heading">${heading}</p>${content ? html`<div class="alert-text">${content}</div>` : ''}</div></div>`;
}

export interface FieldOptions {
  id: string;
  name?: string;
  label: string;
  value?: string | number | null;
  type?: string;
  required?: boolean;
  hint?: string;
  error?: string;
  autocomplete?: string;
  classes?: string;
  /** The page's language, for the words around the field ("optional", "error:"); Danish when left out. */
  pageLang?: Language;
}

function describedBy(o: { id: string; hint?: string; error?: string }): SafeHtml | '' {
  const ids = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

function labelAndHelp(o: FieldOptions): SafeHtml {
  const words = catalogueFor(o.pageLang ?? 'da').pages.components;
  return html`<label class="form-label" for="${o.id}">${o.label}${o.required === false ? html`<span class="weight-normal"> ${words.optional}</span>` : ''}</label>
    ${o.hint ? html`<span class="form-hint" id="${o.id}-hint">${o.hint}</span>` : ''}
    ${o.error ? html`<span class="form-error-message" id="${o.id}-error"><span class="sr-only">${words.errorPrefix} </span>${o.error}</span>` : ''}`;
}

export function textField(o: FieldOptions): SafeHtml {
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
    ${labelAndHelp(o)}
    <input type="${o.type ?? 'text'}" id="${o.id}" name="${o.name ?? o.id}" class="form-input${o.classes ? ` ${o.classes}` : ''}"${o.value != null ? html` value="${String(o.value)}"` : ''}${o.required !== false ? ' required' : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.error ? html` aria-invalid="true"` : ''}${describedBy(o)}>
  </div>`;
}

/** `lang` marks content in other languages than the page's, e.g. "mul" for names in several. */
export function textArea(o: FieldOptions & { rows?: number; lang?: string }): SafeHtml {
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
    ${labelAndHelp(o)}
    <textarea id="${o.id}" name="${o.name ?? o.id}" class="form-input${o.classes ? ` ${o.classes}` : ''}" rows="${o.rows ?? 5}"${o.lang ? html` lang="${o.lang}"` : ''}${o.required !== false ? ' required' : ''}${o.error ? html` aria-invalid="true"` : ''}${describedBy(o)}>${o.value ?? ''}</textarea>
  </div>`;
}

export function selectField(
  o: FieldOptions & { options: { value: string | number; text: string }[]; empty?: string },
): SafeHtml {
  const selected = o.value == null ? '' : String(o.value);
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
    ${labelAndHelp(o)}
    <select id="${o.id}" name="${o.name ?? o.id}" class="form-select"${o.required !== false ? ' required' : ''}${o.error ? html` aria-invalid="true"` : ''}${describedBy(o)}>
      ${o.empty !== undefined ? html`<option value="">${o.empty}</option>` : ''}
      ${o.options.map((opt) => html`<option value="${String(opt.value)}"${String(opt.value) === selected ? ' selected' : ''}>${opt.text}</option>`)}
    </select>
  </div>`;
}

export function checkboxes(o: {
  legend: string;
  name: string;
  idPrefix: string;
  options: { value: string; text: string; checked: boolean }[];
}): SafeHtml {
  return html`<fieldset class="form-group"><legend class="form-label">${o.legend}</legend>
    <ul class="nobullet-list">${o.options.map(
      (
        opt,
        i,
      ) => html`<li><input id="${o.idPrefix}-${i}" type="checkbox" name="${o.name}" value="${opt.value}" class="form-checkbox"${opt.checked ? ' checked' : ''}>
        <label for="${o.idPrefix}-${i}">${opt.text}</label></li>`,
    )}</ul></fieldset>`;
}

export function checkbox(o: { id: string; name: string; label: string; checked: boolean }): SafeHtml {
  return html`<div class="form-group"><input id="${o.id}" type="checkbox" name="${o.name}" value="ja" class="form-checkbox"${o.checked ? ' checked' : ''}>
    <label for="${o.id}">${o.label}</label></div>`;
}

export function badge(variant: 'info' | 'success' | 'warning' | 'error' | '', text: HtmlValue): SafeHtml {
  return html`<span class="badge${variant ? ` badge-${variant}` : ''}">${text}</span>`;
}

/** A column heading that sorts by a link (works without JavaScript), with aria-sort on the current one. */
export function sortHeader(
  label: string,
  key: string,
  current: { sort: string; dir: 'asc' | 'desc' },
  href: (sort: string, dir: 'asc' | 'desc') => string,
): SafeHtml {
  const active = current.sort === key;
  const nextDir = active && current.dir === 'asc' ? 'desc' : 'asc';
  const ariaSort = active ? (current.dir === 'asc' ? 'ascending' : 'descending') : null;
  const iconName = active
    ? current.dir === 'asc'
      ? 'sort-table-ascending'
      : 'sort-table-descending'
    : 'sort-table-none';
  return html`<th scope="col"${ariaSort ? html` aria-sort="${ariaSort}"` : ''}><a href="${href(key, nextDir)}" class="sort-link">${label}<span class="sr-only">, ${nextDir === 'asc' ? words.sortAscending : words.sortDescending}</span>${icon(iconName)}</a></th>`;
}

const DATE_FORMAT = new Intl.DateTimeFormat('da-DK', {
  timeZone: 'Europe/Copenhagen',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const DATE_TIME_FORMAT = new Intl.DateTimeFormat('da-DK', {
  timeZone: 'Europe/Copenhagen',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as a Danish date in Copenhagen time, inside <time> for machines. */
export function dateText(iso: string | null | undefined): SafeHtml | string {
  if (!iso) return '–';
  return html`<time datetime="${iso}">${DATE_FORMAT.format(new Date(iso))}</time>`;
}

export function dateTimeText(iso: string | null | undefined): SafeHtml | string {
  if (!iso) return '–';
  return html`<time datetime="${iso}">${DATE_TIME_FORMAT.format(new Date(iso))}</time>`;
}

/** A calendar day (YYYY-MM-DD) the Danish way ("1. marts 2028"), inside <time> for machines. */
export function dayText(date: string | null | undefined): SafeHtml | string {
  if (!date) return '–';
  return html`<time datetime="${date}">${dayDate(date)}</time>`;
}

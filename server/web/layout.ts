import type { AccountRole } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { html, type SafeHtml } from '../text/html.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { ASSETS } from './asset-urls.ts';

/** The frame's words: in the page's language (ctx.lang), Danish when none is given. */
type FrameWords = ReturnType<typeof catalogueFor>['pages']['frame'];
const frameWords = (ctx: PageContext): FrameWords => catalogueFor(ctx.lang ?? 'da').pages.frame;

/** The sections in the main menu; `current` marks the page the user is on. */
export type Section =
  | 'overview'
  | 'plan'
  | 'people'
  | 'organisations'
  | 'reports'
  | 'outbox'
  | 'admin'
  | 'none';

interface MenuItem {
  section: Section;
  href: string;
  text: string;
}

export function menuItems(
  role: AccountRole,
  words: FrameWords = catalogueFor('da').pages.frame,
  year = new Date().getFullYear(),
): MenuItem[] {
  const canEdit = role !== 'viewer';
  return [
    { section: 'overview', href: `/aar/${year}`, text: words.menu.overview },
    ...(canEdit ? [{ section: 'plan' as const, href: '/planlaeg', text: words.menu.plan }] : []),
    { section: 'people', href: '/personer', text: words.menu.people },
    { section: 'organisations', href: '/organisationer', text: words.menu.organisations },
    { section: 'reports', href: '/rapporter', text: words.menu.reports },
    { section: 'outbox', href: '/udbakke', text: words.menu.outbox },
    ...(role === 'admin'
      ? [{ section: 'admin' as const, href: '/admin/programmer', text: words.menu.admin }]
      : []),
  ];
}

export interface PageContext {
  actor: Actor | null;
  /** The session's form token; every form carries it. */
  csrf: string;
  /** The programme in view, and the ones the switcher offers (more than one: a switcher shows). */
  programme?: { key: string; name: string };
  programmes?: { key: string; name: string }[];
  /** The address of the page, without its query: where switching programme stays when it can. */
  path?: string;
  /** The language the page is written in (the account's, else the programme's); Danish when left out. */
  lang?: Language;
}

export interface PageOptions {
  title: string;
  section?: Section;
  body: SafeHtml;
  /** Shown above the heading, e.g. "Gemt" after a redirect. */
  notice?: SafeHtml;
  breadcrumbs?: { href: string; text: string }[];
  /**
   * The language the page's own content is written in: the page's language for the pages that take
   * their words from it, Danish (the default) for those still written in Danish only, whose content
   * is then marked as Danish inside a frame in another language.
   */
  lang?: Language;
}

export function icon(name: string, label?: string): SafeHtml {
  return label
    ? html`<svg class="icon-svg" focusable="false" role="img" aria-label="${label}"><use href="${ASSETS}/dkfds/img/all-svg-icons.svg#${name}"></use></svg>`
    : html`<svg class="icon-svg" focusable="false" aria-hidden="true"><use href="${ASSETS}/dkfds/img/all-svg-icons.svg#${name}"></use></svg>`;
}

export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

function logoutForm(ctx: PageContext): SafeHtml {
  const words = frameWords(ctx);
  return html`<form method="post" action="/logout" class="d-inline">${csrfField(ctx)}
    <button type="submit" class="function-link d-print-none log-off">${icon('lock')}${words.logOut}</button></form>`;
}

/** Pages that show one programme's year stay where they are on a switch; the others go to the overview. */
const PROGRAMME_PAGES = /^\/(aar\/\d{4}|planlaeg|rapporter)$/;

/** The programme in view; with more than one to choose from, a switcher (a plain GET form, no script needed). */
function programmeSwitch(ctx: PageContext): SafeHtml | string {
  const words = frameWords(ctx);
  const programmes = ctx.programmes ?? [];
  if (programmes.length < 2 || !ctx.actor)
    return html`<p><strong class="authority-name">${ctx.programme?.name ?? words.authority}</strong></p>`;
  const action = ctx.path && PROGRAMME_PAGES.test(ctx.path) ? ctx.path : '/';
  return html`<form method="get" action="${action}" class="programme-switch d-print-none">
    <label class="form-label" for="programme-switch">${words.programme}</label>
    <select class="form-select" id="programme-switch" name="programme">${programmes.map(
      (p) =>
        html`<option value="${p.key}"${p.key === ctx.programme?.key ? html` selected` : ''}>${p.name}</option>`,
    )}</select>
    <button type="submit" class="button button-secondary">${words.switchProgramme}</button>
  </form>`;
}

function menu(section: Section | undefined, role: AccountRole, words: FrameWords): SafeHtml {
  return html`<ul class="mainmenu">${menuItems(role, words).map((item) => {
    const current = item.section === section;
    return html`<li${current ? html` class="active current"` : ''}><a href="${item.href}" class="nav-link"${current ? html` aria-current="page"` : ''}><span>${item.text}</span></a></li>`;
  })}</ul>`;
}

function header(ctx: PageContext, section: Section | undefined): SafeHtml {
  const words = frameWords(ctx);
  const signedIn = ctx.actor !== null;
  return html`<header class="header">
  <div class="solution-info">
    <div class="solution-info-inner container">
      <div class="solution-heading"><a href="/" aria-label="${words.home}">Samråd</a></div>
      ${signedIn ? html`<button type="button" class="function-link button-menu-open js-menu-open ml-auto d-print-none" aria-haspopup="dialog">${icon('menu')}${words.menuOpen}</button>` : ''}
      <div class="additional-info">
        ${programmeSwitch(ctx)}
        ${signedIn ? html`<p><a href="/konto" title="${words.account}">${ctx.actor!.email}</a> · ${logoutForm(ctx)}</p>` : ''}
      </div>
    </div>
  </div>
  ${
    signedIn
      ? html`<div class="navigation-menu">
    <div class="navigation-menu-inner container">
      <nav class="nav" aria-label="${words.mainMenu}">${menu(section, ctx.actor!.role, words)}</nav>
    </div>
  </div>
  <div class="mobile-drawer">
    <div class="menu-top">
      <h2 id="menu-heading" class="menu-heading">${words.menuOpen}</h2>
      <button type="button" class="function-link button-menu-close js-menu-close" aria-label="${words.closeMenu}">${icon('close')}${words.close}</button>
    </div>
    <div class="solution-info-mobile">
      <h3 class="sr-only">${words.user}</h3>
      <p class="mb-2"><a href="/konto" title="${words.account}">${ctx.actor!.email}</a></p>
      <p>${logoutForm(ctx)}</p>
    </div>
    <nav class="navigation-menu-mobile" aria-label="${words.mainMenu}">${menu(section, ctx.actor!.role, words)}</nav>
  </div>`
      : ''
  }
</header>
<div class="overlay"></div>`;
}

/** The whole HTML document in Det Fælles Designsystem's page frame. */
export function page(ctx: PageContext, options: PageOptions): string {
  const words = frameWords(ctx);
  const crumbs = options.breadcrumbs?.length
    ? html`<nav class="breadcrumbs" aria-label="${words.breadcrumbs}"><ol class="breadcrumbs__list">${options.breadcrumbs.map(
        (c, i) =>
          html`<li class="breadcrumbs__list-item">${i > 0 ? icon('chevron-right') : ''}<a href="${c.href}" class="breadcrumbs__link">${c.text}</a></li>`,
      )}<li class="breadcrumbs__list-item" aria-current="page">${icon('chevron-right')}${options.title}</li></ol></nav>`
    : '';
  return html`<!doctype html>
<html lang="${ctx.lang ?? 'da'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} – Samråd</title>
<link rel="icon" href="${ASSETS}/samraad/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${ASSETS}/dkfds/css/dkfds.min.css">
<link rel="stylesheet" href="${ASSETS}/samraad/samraad.css">
</head>
<body>
<a class="skipnav" href="#main-content">${words.skipToContent}</a>
${header(ctx, options.section)}
<div class="container page-container">
  <main id="main-content" class="page-content" tabindex="-1"${(options.lang ?? 'da') === (ctx.lang ?? 'da') ? '' : html` lang="${options.lang ?? 'da'}"`}>
    ${crumbs}
    ${options.notice ?? ''}
    ${options.body}
  </main>
</div>
<footer><div class="footer"><div class="container"><p class="mb-0">${words.footer}</p></div></div></footer>
<script src="${ASSETS}/dkfds/js/dkfds.min.js"></script>
<script src="${ASSETS}/samraad/samraad.js"></script>
</body>
</html>
`.value;
}

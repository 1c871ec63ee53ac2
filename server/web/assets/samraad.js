// Progressive enhancement only: every page works without this file.
(() => {
  if (window.DKFDS) window.DKFDS.init();

  // CSV import: a chosen file is read in the browser into the textarea, so no multipart upload is needed.
  document.querySelectorAll('input[type=file][data-fills]').forEach((input) => {
    input.hidden = false;
    input.closest('.form-group').hidden = false;
    input.addEventListener('change', () => {
      var file = input.files?.[0];
      var target = document.getElementById(input.getAttribute('data-fills'));
      if (!file || !target) return;
      file.text().then((text) => {
        target.value = text;
      });
    });
  });

  // Confirm before destructive buttons (the server asks again where it matters).
  document.querySelectorAll('[data-confirm]').forEach((el) => {
    el.addEventListener('click', (event) => {
      if (!window.confirm(el.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
})();

// Sending invitations: follow the outbox while it drains, without reloading the page.
(() => {
  var box = document.getElementById('send-progress');
  if (!box || !window.fetch) return;
  var bar = document.getElementById('send-progress-bar');
  var text = document.getElementById('send-progress-text');
  function poll() {
    fetch(box.getAttribute('data-progress-url'), {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then((r) => r.json())
      .then((p) => {
        bar.max = p.total;
        bar.value = p.sent + p.failed;
        // the sentence comes from the server's catalogue, in the page's language
        if (p.text) text.firstChild.textContent = `${p.text} `;
        if (p.pending > 0) setTimeout(poll, 1000);
      })
      .catch(() => {});
  }
  poll();
})();

// After a refused form, move focus to the list of errors so screen readers read it first.
(() => {
  var summary = document.getElementById('fejl');
  if (summary) summary.focus();
})();

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

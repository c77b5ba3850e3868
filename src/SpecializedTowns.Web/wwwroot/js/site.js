// Behaviour every page shares. No inline handlers: the Content-Security-Policy forbids them.
document.querySelectorAll('select.place-switch').forEach(function (select) {
  select.addEventListener('change', function () { select.form.submit(); });
});

// Steps that cannot be undone ask first: <form data-confirm="…">.
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) event.preventDefault();
});

// A link or redirect to #tab-… opens that tab; so does a tab holding a form that came back with errors.
(function () {
  var failed = document.querySelector('.tab-pane .field-validation-error');
  var target = failed ? '#' + failed.closest('.tab-pane').id : location.hash;
  if (target && target.indexOf('#tab-') === 0 && window.bootstrap) {
    var button = document.querySelector('[data-bs-target="' + target + '"]');
    if (button) bootstrap.Tab.getOrCreateInstance(button).show();
    // Pages without tabs keep their 修改记录 in a collapsed section of the same name.
    var section = document.querySelector('details' + target);
    if (section) { section.open = true; section.scrollIntoView(); }
  }
})();

// Behaviour every page shares. No inline handlers: the Content-Security-Policy forbids them.
document.querySelectorAll('select.place-switch').forEach(function (select) {
  select.addEventListener('change', function () { select.form.submit(); });
});

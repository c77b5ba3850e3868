// 督办通知书. No inline handlers: the Content-Security-Policy forbids them.
(function () {
  // One more finding row: a copy of the last one, emptied, with the next index in its names.
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-add-finding]');
    if (!button) return;
    var body = document.querySelector('#finding-rows tbody');
    var rows = body.querySelectorAll('[data-finding-row]');
    if (rows.length >= 30) return;
    var last = rows[rows.length - 1];
    var copy = last.cloneNode(true);
    var index = rows.length;
    copy.querySelectorAll('textarea, input').forEach(function (field) {
      field.value = '';
      ['name', 'id'].forEach(function (attr) {
        var value = field.getAttribute(attr);
        if (value) field.setAttribute(attr, value.replace(/Findings(\[|_)\d+/, function (_, sep) { return 'Findings' + sep + index; }));
      });
    });
    copy.querySelectorAll('.text-danger').forEach(function (message) { message.textContent = ''; });
    copy.querySelector('[data-finding-number]').textContent = '（' + (index + 1) + '）';
    body.appendChild(copy);
    copy.querySelector('textarea').focus();
  });

})();

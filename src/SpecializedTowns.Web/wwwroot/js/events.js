// 展会活动 form: pick participating enterprises from the scope's registry (search, multi-select, add), one row each with
// its amounts; rows are renumbered so the form posts Input.Participants[0..n].
(function () {
  var picker = document.getElementById('participant-picker');
  var rows = document.querySelector('#participant-rows tbody');
  var template = document.getElementById('participant-row');
  if (!picker || !rows || !template) return;
  var empty = document.getElementById('participant-empty');

  function renumber() {
    rows.querySelectorAll('tr').forEach(function (row, i) {
      row.querySelectorAll('input[name], input[data-field]').forEach(function (input) {
        var field = input.getAttribute('data-field') || input.name.replace(/^.*\]\./, '');
        input.name = 'Input.Participants[' + i + '].' + field;
      });
    });
    if (empty) empty.hidden = rows.querySelector('tr') !== null;
  }

  function has(id) {
    return Array.prototype.some.call(rows.querySelectorAll('tr'), function (row) { return row.getAttribute('data-participant') === id; });
  }

  document.getElementById('participant-search').addEventListener('input', function (event) {
    var text = event.target.value.trim();
    picker.querySelectorAll('option').forEach(function (option) {
      option.hidden = text !== '' && option.textContent.indexOf(text) < 0;
    });
  });

  document.getElementById('participant-add').addEventListener('click', function () {
    Array.prototype.forEach.call(picker.selectedOptions, function (option) {
      if (option.hidden || has(option.value)) return;
      var row = template.content.firstElementChild.cloneNode(true);
      row.setAttribute('data-participant', option.value);
      row.querySelector('[data-field="EnterpriseId"]').value = option.value;
      row.querySelector('[data-name]').textContent = option.textContent;
      row.querySelector('[data-group]').textContent = option.getAttribute('data-group') || '';
      rows.appendChild(row);
      option.selected = false;
    });
    renumber();
  });

  rows.addEventListener('click', function (event) {
    var button = event.target.closest('[data-remove-participant]');
    if (!button) return;
    button.closest('tr').remove();
    renumber();
  });
})();

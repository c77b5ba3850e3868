// 导出所选: the header checkbox ticks every row of the page; the menu shows how many are ticked and
// exports only those (the rows' checkboxes belong to form#export-selected). Nothing ticked: nothing to export.
(function () {
  var form = document.getElementById('export-selected');
  if (!form) return;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('input[type=checkbox][form="export-selected"][name="ids"]')); }
  function refresh() {
    var ticked = rows().filter(function (box) { return box.checked; }).length;
    document.querySelectorAll('[data-export-count]').forEach(function (span) { span.textContent = ticked; });
    document.querySelectorAll('[data-export-selected]').forEach(function (button) { button.disabled = ticked === 0; });
    document.querySelectorAll('input[data-export-all]').forEach(function (all) {
      var count = rows().length;
      all.checked = count > 0 && ticked === count;
      all.indeterminate = ticked > 0 && ticked < count;
    });
  }
  document.addEventListener('change', function (event) {
    var box = event.target;
    if (box.matches && box.matches('input[data-export-all]')) {
      rows().forEach(function (row) { row.checked = box.checked; });
    }
    if (box.matches && box.matches('input[type=checkbox]')) refresh();
  });
  refresh();
})();

// 人才培训 / 人才 forms: the town and enterprise pickers offer only what lies in the chosen county.
(function () {
  function narrow() {
    var county = document.querySelector('[data-county-picker]');
    if (!county) return;
    document.querySelectorAll('[data-county-filtered]').forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        var own = option.getAttribute('data-county');
        var fits = !own || !county.value || own === county.value;
        option.hidden = !fits;
        option.disabled = !fits;
        if (!fits && option.selected) select.value = '';
      });
    });
  }
  document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('[data-county-picker]')) narrow();
  });
  document.addEventListener('DOMContentLoaded', narrow);
})();

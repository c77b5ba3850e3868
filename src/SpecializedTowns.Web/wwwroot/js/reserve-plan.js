// 储备培育: the 培育方案's year and 牵头单位 chosen once above the candidates go with every 列入储备 button.
// Without JavaScript each button sends the defaults the page was drawn with.
(function () {
  document.querySelectorAll('[data-plan-source]').forEach(function (select) {
    var kind = select.dataset.planSource;
    function copy() {
      document.querySelectorAll('form input[data-plan="' + kind + '"]').forEach(function (input) { input.value = select.value; });
    }
    select.addEventListener('change', copy);
    copy();
  });
})();

// 问题台账. No inline handlers: the Content-Security-Policy forbids them. Delegated from the document so that
// the fields htmx swaps in when the county changes behave the same.
(function () {
  // With a town chosen, offer only that town's enterprises (and those of no town); an enterprise picked first brings its town.
  function filterEnterprises(form) {
    var town = form.querySelector('[data-problem-town]');
    var enterprise = form.querySelector('[data-problem-enterprise]');
    if (!town || !enterprise) return;
    Array.prototype.forEach.call(enterprise.options, function (option) {
      var own = option.getAttribute('data-town');
      option.hidden = !!town.value && !!own && own !== town.value;
    });
    var chosen = enterprise.options[enterprise.selectedIndex];
    if (chosen && chosen.hidden) enterprise.value = '';
  }

  document.addEventListener('change', function (event) {
    var target = event.target;
    var form = target.closest && target.closest('form');
    if (!form) return;
    if (target.hasAttribute('data-problem-town')) filterEnterprises(form);
    if (target.hasAttribute('data-problem-enterprise')) {
      var town = form.querySelector('[data-problem-town]');
      var own = target.options[target.selectedIndex] && target.options[target.selectedIndex].getAttribute('data-town');
      if (town && own && !town.value) { town.value = own; filterEnterprises(form); }
    }
  });

  document.addEventListener('htmx:afterSwap', function (event) {
    var form = event.target.closest && event.target.closest('form');
    if (form) filterEnterprises(form);
  });

  document.querySelectorAll('#problem-form').forEach(filterEnterprises);

})();

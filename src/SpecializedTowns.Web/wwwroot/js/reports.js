// Monthly report form: shows the explanation box of a figure as soon as it moves implausibly against last month,
// with the same rules the server applies on submitting (the server decides; this only saves a round trip).
(function () {
  var form = document.getElementById('report-form');
  if (!form) return;

  function number(text) {
    if (text === null || text === undefined || String(text).trim() === '') return null;
    var n = Number(text);
    return isFinite(n) ? n : null;
  }

  function percent(share) {
    return (Math.round(share * 10000) / 100).toString() + '%';
  }

  function check(input) {
    var box = document.getElementById('explain-' + input.dataset.figure);
    if (!box) return;
    var rule = input.dataset.check;
    var previous = number(input.dataset.previous);
    var value = number(input.value);
    var text = '';
    if (rule && previous !== null && value !== null) {
      if (rule === 'drop' && previous > 0) {
        var share = number(input.dataset.share) || 0.3;
        var drop = (previous - value) / previous;
        // Compared in hundredths of a percent, as the server compares exact decimals: 30.00 % is fine, 30.01 % is not.
        var rise = number(input.dataset.rise) || 3;
        if (Math.round(drop * 10000) > Math.round(share * 10000)) text = '比上月下降 ' + percent(drop) + '，超过 ' + percent(share) + '，请说明原因';
        else if (value > previous * rise) text = '超过上月的 ' + rise + ' 倍，请核对单位（万元）或说明原因';
      } else if (rule === 'cumulative' && value < previous) {
        text = '低于' + (input.dataset.compared || '上月') + '报送的累计数，当年累计数不应减少，请说明原因';
      }
    }
    var hasError = box.querySelector('.field-error') !== null;
    box.hidden = text === '' && !hasError;
    if (text !== '') box.querySelector('.flag-text').textContent = text;
  }

  form.querySelectorAll('input[data-figure]').forEach(function (input) {
    input.addEventListener('input', function () { check(input); });
  });
})();

// Task force form: the units and townships chosen in a long multiple list, written out beneath it.
(function () {
  document.querySelectorAll('select[multiple][data-summary]').forEach(function (select) {
    var target = document.getElementById(select.dataset.summary);
    if (!target) return;
    function show() {
      var names = Array.prototype.filter.call(select.options, function (o) { return o.selected; }).map(function (o) { return o.textContent.trim(); });
      target.textContent = names.length === 0 ? '未选择' : '已选：' + names.join('、');
    }
    select.addEventListener('change', show);
    show();
  });
})();

// 目标监测 detail: the target's value by year against its goal. Data from the page's JSON block (CSP: no inline script).
(function () {
  var block = document.getElementById('targets-data');
  var el = document.getElementById('history-chart');
  if (!block || !el) return;
  // Fetched after the page shows, not before it: the records below the chart do not wait for 1 MB of script.
  window.loadScripts([block.getAttribute('data-echarts')], draw,
    function () { el.textContent = '图表加载失败，请刷新页面重试；各年数值见下方。'; });

  function draw() {
    var data = JSON.parse(block.textContent);
    var chart = echarts.init(el);
    var series = [{ name: '数值', type: 'line', data: data.values, itemStyle: { color: '#2874a6' }, label: { show: true } }];
    if (data.goal != null) {
      series[0].markLine = { symbol: 'none', lineStyle: { type: 'dashed', color: '#c0392b' }, label: { formatter: '目标 ' + data.goalName, position: 'insideEndTop' }, data: [{ yAxis: data.goal }] };
    }
    chart.setOption({
      textStyle: { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' },
      grid: { left: 50, right: 30, top: 30, bottom: 30 },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + ' ' + data.unit; } },
      xAxis: { type: 'category', data: data.years, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: data.unit, minInterval: data.unit === '亿元' ? 0 : 1, max: function (v) { return data.goal != null ? Math.max(v.max, data.goal) : v.max; } },
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
})();

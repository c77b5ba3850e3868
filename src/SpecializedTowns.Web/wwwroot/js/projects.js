// 重点项目库 charts: the stage funnel and the year's investment, planned against completed. Data from the summary's JSON
// block (CSP: no inline script); the summary is swapped in by htmx after the list shows, so the charts are drawn then.
(function () {
  var charts = [];
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });

  // ECharts is fetched once the summary is there, not with the list: the list shows without waiting for 1 MB of script.
  function show() {
    var block = document.getElementById('projects-data');
    if (!block || block.dataset.drawn) return;
    block.dataset.drawn = '1';
    window.loadScripts([block.getAttribute('data-echarts')], function () { draw(block); }, function () {
      ['funnel-chart', 'investment-chart'].forEach(function (id) {
        var el = document.getElementById(id);
        if (el) el.textContent = '图表加载失败，请刷新页面重试；各阶段的项目数见上方。';
      });
    });
  }

  function draw(block) {
    var data = JSON.parse(block.textContent);
    var font = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' };

    var funnelEl = document.getElementById('funnel-chart');
    if (funnelEl) {
      var funnel = echarts.init(funnelEl);
      funnel.setOption({
        textStyle: font,
        tooltip: { trigger: 'item', formatter: function (p) { return p.name + '：' + p.value + ' 个，总投资 ' + p.data.investment + ' 亿元'; } },
        series: [{
          type: 'funnel', sort: 'none', left: 10, right: 10, top: 5, bottom: 5, minSize: '20%', gap: 2,
          label: { position: 'inside', formatter: '{b} {c}' },
          data: data.funnel.map(function (f) { return { name: f.name, value: f.value, investment: f.investment }; }),
          color: ['#95a5a6', '#5dade2', '#2874a6', '#d68910', '#1e8449']
        }]
      });
      charts.push(funnel);
    }

    var investmentEl = document.getElementById('investment-chart');
    if (investmentEl) {
      var investment = echarts.init(investmentEl);
      investment.setOption({
        textStyle: font,
        grid: { left: 60, right: 20, top: 30, bottom: 25 },
        legend: { data: ['计划', '完成'], top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + ' 万元'; } },
        xAxis: { type: 'category', data: data.months },
        yAxis: { type: 'value', name: '万元' },
        series: [
          { name: '计划', type: 'line', data: data.planned, lineStyle: { type: 'dashed' }, itemStyle: { color: '#95a5a6' } },
          { name: '完成', type: 'line', data: data.completed, itemStyle: { color: '#2874a6' }, areaStyle: { opacity: 0.1 } }
        ]
      });
      charts.push(investment);
    }
  }

  show();
  document.body.addEventListener('htmx:afterSettle', show);
})();

// 专业镇 statistics chart; drawn when its tab is first shown (a hidden element has no size), ECharts fetched then.
(function () {
  var block = document.getElementById('town-data');
  var data = JSON.parse(block.textContent);
  var element = document.getElementById('stats-chart');
  var chart = null;
  // Each opening of the tab asks; the script is fetched once, and a chart already drawn is only resized.
  function show() {
    window.loadScripts([block.getAttribute('data-echarts')], draw,
      function () { element.textContent = '图表加载失败，请刷新页面重试；各年数字见下方表格。'; });
  }
  function draw() {
    if (chart) { chart.resize(); return; }
    chart = echarts.init(element);
    chart.setOption({
      textStyle: { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' },
      legend: { top: 0, data: ['年产值', '营收', '就业'] },
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 60, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: data.years },
      yAxis: [{ type: 'value', name: '亿元' }, { type: 'value', name: '人' }],
      series: [
        { name: '年产值', type: 'bar', data: data.output, itemStyle: { color: '#2874a6' } },
        { name: '营收', type: 'bar', data: data.revenue, itemStyle: { color: '#d68910' } },
        { name: '就业', type: 'line', yAxisIndex: 1, data: data.employment, itemStyle: { color: '#1e8449' } }
      ]
    });
  }
  document.querySelector('[data-bs-target="#tab-statistics"]').addEventListener('shown.bs.tab', show);
  // Opened before this script ran (site.js opens it for a save or a refused form): no event will come.
  if (document.getElementById('tab-statistics').classList.contains('active')) show();
  window.addEventListener('resize', function () { if (chart) chart.resize(); });
})();

// 工作台 charts. Data comes from the JSON block the page renders; no inline script (CSP).
(function () {
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var font = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' };

  var output = echarts.init(document.getElementById('output-chart'));
  output.setOption({
    textStyle: font,
    grid: { left: 150, right: 30, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v + ' 亿元'; } },
    xAxis: { type: 'value', name: '亿元' },
    yAxis: { type: 'category', inverse: true, data: data.output.map(function (o) { return o.name; }) },
    series: [{ type: 'bar', data: data.output.map(function (o) { return o.value; }), itemStyle: { color: '#2874a6' } }]
  });

  var revenue = echarts.init(document.getElementById('revenue-chart'));
  revenue.setOption({
    textStyle: font,
    grid: { left: 40, right: 20, top: 20, bottom: 30 },
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v + ' 个'; } },
    xAxis: { type: 'category', data: data.revenue.map(function (o) { return o.name; }) },
    yAxis: { type: 'value', name: '个', minInterval: 1 },
    series: [{ type: 'bar', data: data.revenue.map(function (o) { return o.value; }), itemStyle: { color: '#d68910' } }]
  });

  window.addEventListener('resize', function () { output.resize(); revenue.resize(); });
})();

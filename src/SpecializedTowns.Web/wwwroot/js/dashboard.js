// 工作台 charts. Data comes from the JSON block the page renders; no inline script (CSP).
(function () {
  var block = document.getElementById('dashboard-data');
  var data = JSON.parse(block.textContent);
  var font = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' };
  // All three charts sit below the figures and reminders: ECharts loads as the first of them nears the screen.
  var charts = ['county-map', 'output-chart', 'revenue-chart'].map(function (id) { return document.getElementById(id); }).filter(Boolean);
  countyMaps.whenNear(charts, JSON.parse(block.getAttribute('data-scripts') || '[]'), draw, function () {
    charts.forEach(function (el) { el.textContent = '图表加载失败，请刷新页面重试。'; });
  });

  function draw() {
    charts.forEach(function (el) { el.textContent = ''; });

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
      grid: { left: 40, right: 20, top: 20, bottom: 50 },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v + ' 个'; } },
      // Every bar keeps its name: left to itself ECharts drops every other label once a long one (文件未设层级或无营收数据)
      // would touch its neighbour, so long names wrap within their bar's width instead.
      xAxis: { type: 'category', data: data.revenue.map(function (o) { return o.name; }),
        axisLabel: { interval: 0, width: bandWidth(), overflow: 'break', lineHeight: 14 } },
      yAxis: { type: 'value', name: '个', minInterval: 1 },
      series: [{ type: 'bar', data: data.revenue.map(function (o) { return o.value; }), itemStyle: { color: '#d68910' } }]
    });

    var county = countyMaps.county;

    var map = null;
    if (data.map && document.getElementById('county-map')) {
      if (data.map.cities) countyMaps.shanxi(data.map.cities);
      map = echarts.init(document.getElementById('county-map'));
      var byName = {};
      data.map.counties.forEach(function (c) { byName[c.name] = c; });
      map.setOption({
        textStyle: font,
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            var c = byName[p.name];
            // Town names are typed by people: escape them, the tooltip is HTML.
            var esc = echarts.format.encodeHTML;
            var place = esc(data.map.cities ? p.name.split('|')[0] + '市 ' + county(p.name) : p.name);
            return c ? place + '：' + c.value + ' 个<br>' + c.towns.map(esc).join('<br>') : place + '：暂无专业镇';
          }
        },
        visualMap: { min: 0, max: Math.max(1, Math.max.apply(null, data.map.counties.map(function (c) { return c.value; }).concat([1]))),
          left: 10, bottom: 10, text: ['多', '少'], calculable: false, inRange: { color: ['#e8f1fb', '#1f5fbf'] } },
        series: [{
          type: 'map', map: data.map.name, roam: false,
          // The map package still names 怀仁 a county; the platform uses the current name.
          nameMap: { '怀仁县': '怀仁市' },
          // Province-wide the county names would cover each other; hover shows them.
          label: { show: !data.map.cities, fontSize: 11, color: '#222', textBorderColor: '#fff', textBorderWidth: 2, formatter: function (p) { return county(p.name); } },
          // 阳泉's 城区 and 矿区 are a few pixels across: a name that would sit on another's is left to the tooltip.
          labelLayout: { hideOverlap: true },
          selectedMode: false,
          itemStyle: { borderColor: '#ffffff' },
          emphasis: { itemStyle: { areaColor: '#d68910' } },
          data: data.map.counties.map(function (c) { return { name: c.name, value: c.value, itemStyle: c.name === data.map.focus ? { borderColor: '#c0392b', borderWidth: 2 } : undefined }; })
        }]
      });
    }

    function bandWidth() { return Math.max(40, (document.getElementById('revenue-chart').clientWidth - 60) / Math.max(1, data.revenue.length) - 8); }

    window.addEventListener('resize', function () {
      output.resize();
      revenue.setOption({ xAxis: { axisLabel: { width: bandWidth() } } });
      revenue.resize();
      if (map) map.resize();
    });
  }
})();

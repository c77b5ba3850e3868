// 储备培育 county map: each county coloured by the chosen measure of the focus industry. Data comes from the JSON block
// the page renders (no inline script under the CSP); the table under the map holds the same figures.
(function () {
  var block = document.getElementById('county-map-data');
  var el = document.getElementById('county-map');
  if (!block || !el) return;
  var data = JSON.parse(block.textContent);
  if (!data) return;
  countyMaps.whenNear([el], JSON.parse(el.getAttribute('data-scripts') || '[]'), draw, function () {
    el.textContent = '地图加载失败，各县数据见下方“表格”。';
  });

  function draw() {
    if (data.cities) countyMaps.shanxi(data.cities);
    var byName = {};
    data.counties.forEach(function (c) { byName[c.name] = c; });
    var values = data.counties.map(function (c) { return c.value; }).filter(function (v) { return v !== null; });
    var esc = echarts.format.encodeHTML;
    // A focus ending in '|' is a city on the province map: all of its counties are outlined.
    function focused(name) {
      var f = data.focus;
      return !!f && (name === f || (f.charAt(f.length - 1) === '|' && name.indexOf(f) === 0));
    }
    el.textContent = '';
    var map = echarts.init(el);
    map.setOption({
      textStyle: { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var c = byName[p.name];
          var place = esc(data.cities ? p.name.split('|')[0] + '市 ' + countyMaps.county(p.name) : p.name);
          return c ? place + '：' + esc(data.measure) + ' ' + esc(c.text) + '<br>企业 ' + c.enterprises + ' 家' : place + '：无该产业企业';
        }
      },
      visualMap: {
        min: values.length ? Math.min.apply(null, values.concat([0])) : 0, max: values.length ? Math.max.apply(null, values) || 1 : 1,
        left: 10, bottom: 10, text: ['高', '低'], calculable: false, inRange: { color: ['#fdecea', '#c0392b'] }
      },
      series: [{
        type: 'map', map: data.name, roam: false, nameMap: { '怀仁县': '怀仁市' },
        // Dark text edged in white reads on the palest and the darkest red alike.
        label: { show: !data.cities, fontSize: 11, color: '#222', textBorderColor: '#fff', textBorderWidth: 2, formatter: function (p) { return countyMaps.county(p.name); } },
        // 阳泉's 城区 and 矿区 are a few pixels across: a name that would sit on another's is left to the tooltip.
        labelLayout: { hideOverlap: true },
        selectedMode: false,
        itemStyle: { borderColor: '#ffffff', areaColor: '#eeeeee' },
        emphasis: { itemStyle: { areaColor: '#d68910' } },
        data: data.counties.filter(function (c) { return c.value !== null; }).map(function (c) {
          return { name: c.name, value: c.value, itemStyle: focused(c.name) ? { borderColor: '#1f5fbf', borderWidth: 2 } : undefined };
        })
      }]
    });
    window.addEventListener('resize', function () { map.resize(); });
  }
})();

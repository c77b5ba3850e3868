// County maps shared by 工作台 and 储备培育: the map files of echarts-china-cities have one region per county; and the
// loading of ECharts itself, for both pages.
window.countyMaps = (function () {
  // A province user sees every county of Shanxi: the eleven city files merged into one map. Names like
  // 城区 and 郊区 recur in several cities, so each region is named 城市|区县 and the label shows the county.
  function shanxi(cities) {
    if (echarts.getMap('山西')) return;
    var features = [];
    cities.forEach(function (city) {
      var geo = echarts.getMap(city).geoJSON;
      geo.features.forEach(function (f) {
        var copy = JSON.parse(JSON.stringify(f));
        copy.properties.name = city + '|' + (f.properties.name === '怀仁县' ? '怀仁市' : f.properties.name);
        features.push(copy);
      });
    });
    // Every city file is still in its compressed form (none has been drawn yet), so the merge keeps the flag.
    echarts.registerMap('山西', { type: 'FeatureCollection', UTF8Encoding: true, features: features });
  }
  function county(name) { return name.indexOf('|') >= 0 ? name.split('|')[1] : name; }

  // ECharts and the city outlines (1 MB for the province) are fetched only as one of the charts comes within 200 px of
  // the screen: run with the page, they held up 工作台 and 储备培育 above them by half a second. Fetched side by side, run
  // in order (async = false), then draw(); fail() if a script does not load or drawing throws.
  function whenNear(charts, scripts, draw, fail) {
    var started = false;
    function start() {
      if (started) return;
      started = true;
      window.loadScripts(scripts, draw, fail);
    }
    // Never before the page's own load event: scripts added earlier would hold it up until they had run.
    function afterLoad() {
      if (document.readyState === 'complete') start();
      else window.addEventListener('load', start);
    }
    if (!('IntersectionObserver' in window)) return afterLoad();
    var seen = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      seen.disconnect();
      afterLoad();
    }, { rootMargin: '200px 0px' });
    charts.forEach(function (el) { seen.observe(el); });
  }

  return { shanxi: shanxi, county: county, whenNear: whenNear };
})();

// County maps shared by 工作台 and 储备培育: the map files of echarts-china-cities have one region per county.
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
  return { shanxi: shanxi, county: county };
})();

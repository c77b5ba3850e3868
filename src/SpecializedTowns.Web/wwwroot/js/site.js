// Behaviour every page shares. No inline handlers: the Content-Security-Policy forbids them.
document.querySelectorAll('select.place-switch').forEach(function (select) {
  select.addEventListener('change', function () { select.form.submit(); });
});

// Files that add up to more than one request takes (UploadForms.MaxRequestBytes) are not sent: the form says so beside its
// file field and keeps everything chosen and typed. Captured before any other listener (htmx's on the form, the confirm).
// The server says the same when this does not run.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var meta = document.querySelector('meta[name="upload-max-bytes"]');
  if (!meta || !form.querySelectorAll) return;
  var inputs = form.querySelectorAll('input[type=file]');
  if (inputs.length === 0) return;
  var total = 0, count = 0;
  inputs.forEach(function (input) { Array.prototype.forEach.call(input.files || [], function (f) { total += f.size; count++; }); });
  var old = form.querySelector('[data-upload-total]');
  if (old) old.remove();
  var max = Number(meta.getAttribute('content'));
  if (!max || total <= max) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  var mb = function (b) { return String(Math.round(b / 1024 / 1024 * 10) / 10); };
  var message = document.createElement('div');
  message.className = 'text-danger small';
  message.setAttribute('data-upload-total', '');
  message.setAttribute('role', 'alert');
  message.textContent = '本次选择的 ' + count + ' 个文件合计约 ' + mb(total) + ' MB，一次上传的文件合计不能超过 ' + Math.round(max / 1024 / 1024) + ' MB，请分几次上传';
  var last = inputs[inputs.length - 1];
  (last.closest('.input-group') || last).insertAdjacentElement('afterend', message);
}, true);

// Steps that cannot be undone ask first: <form data-confirm="…">.
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) event.preventDefault();
});

// A form that is being sent is not sent again by a second click (a double click on a slow line made two problems). A few
// seconds on it may be sent again: a form that answers with a download leaves the page where it is.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (event.defaultPrevented || !form.method || form.method.toLowerCase() !== 'post') return;
  var sent = Number(form.getAttribute('data-sent-at') || 0);
  if (Date.now() - sent < 5000) { event.preventDefault(); return; }
  form.setAttribute('data-sent-at', String(Date.now()));
});

// A link or redirect to #tab-… opens that tab; so does a tab holding a form that came back with errors.
(function () {
  var failed = document.querySelector('.tab-pane .field-validation-error, .tab-pane .is-invalid');
  var target = failed ? '#' + failed.closest('.tab-pane').id : location.hash;
  if (target && target.indexOf('#tab-') === 0 && window.bootstrap) {
    var button = document.querySelector('[data-bs-target="' + target + '"]');
    if (button) bootstrap.Tab.getOrCreateInstance(button).show();
    // Pages without tabs keep their 修改记录 in a collapsed section of the same name.
    var section = document.querySelector('details' + target);
    if (section) { section.open = true; section.scrollIntoView(); }
  }
})();

// A part filled in after the page shows (hx-trigger="load": the dashboard's cards, the project library's summary) says so
// when it cannot be had, instead of "正在……" for ever.
(function () {
  function failed(event, text) {
    var el = event.detail && event.detail.elt;
    if (!el || el.getAttribute('hx-trigger') !== 'load') return;
    var note = document.createElement('div');
    note.className = 'alert alert-warning small py-2 mb-2';
    note.setAttribute('role', 'alert');
    note.textContent = text + '，请稍后刷新页面重试。';
    el.replaceChildren(note);
  }
  document.body.addEventListener('htmx:responseError', function (event) { failed(event, '这部分内容加载失败（服务器出错）'); });
  document.body.addEventListener('htmx:sendError', function (event) { failed(event, '这部分内容加载失败（连不上服务器）'); });
  document.body.addEventListener('htmx:timeout', function (event) { failed(event, '这部分内容加载超时'); });
})();

// Scripts a page needs only for a chart (ECharts is 1 MB): fetched side by side when the chart is about to be drawn and run
// in the order asked for, then done(); fail() when one cannot be had. Each is fetched once a page, however often it is asked
// for (a summary swapped in again, a second map), and a call made while it is still on its way waits for it.
(function () {
  var scripts = {};
  function settle(state, ok) {
    state.settled = true;
    state.ok = ok;
    state.waiting.splice(0).forEach(function (then) { then(ok); });
  }
  window.loadScripts = function (sources, done, fail) {
    var left = sources.length, failed = false;
    function one(ok) {
      if (failed) return;
      if (!ok) { failed = true; fail(); return; }
      if (--left > 0) return;
      try { done(); } catch (e) { failed = true; fail(); throw e; }
    }
    if (left === 0) { left = 1; return one(true); }
    sources.forEach(function (src) {
      var state = scripts[src];
      if (!state) {
        state = scripts[src] = { settled: false, ok: false, waiting: [] };
        var s = document.createElement('script');
        s.src = src;
        s.async = false;
        s.onload = function () { settle(state, true); };
        s.onerror = function () { settle(state, false); };
        document.body.appendChild(s);
      }
      if (state.settled) one(state.ok); else state.waiting.push(one);
    });
  };
})();

// A filter bar shows the filters of the list under it. After 返回 the browser puts back what was last typed or chosen
// there (类别 人才 over a list of every category); the page drew the bar from its address, so that is put back instead.
window.addEventListener('pageshow', function () {
  document.querySelectorAll('form.filter-bar').forEach(function (form) { form.reset(); });
});

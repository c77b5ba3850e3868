// 导出所选: the header checkbox ticks every row of the page; the menu shows how many are ticked and
// exports only those (the rows' checkboxes belong to form#export-selected). Nothing ticked: nothing to export.
(function () {
  var form = document.getElementById('export-selected');
  if (!form) return;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('input[type=checkbox][form="export-selected"][name="ids"]')); }
  function refresh() {
    var ticked = rows().filter(function (box) { return box.checked; }).length;
    document.querySelectorAll('[data-export-count]').forEach(function (span) { span.textContent = ticked; });
    document.querySelectorAll('[data-export-selected]').forEach(function (button) { button.disabled = ticked === 0; });
    document.querySelectorAll('input[data-export-all]').forEach(function (all) {
      var count = rows().length;
      all.checked = count > 0 && ticked === count;
      all.indeterminate = ticked > 0 && ticked < count;
    });
  }
  document.addEventListener('change', function (event) {
    var box = event.target;
    if (box.matches && box.matches('input[data-export-all]')) {
      rows().forEach(function (row) { row.checked = box.checked; });
    }
    if (box.matches && box.matches('input[type=checkbox]')) refresh();
  });
  refresh();
})();
// 导出 with a visible wait: the file is fetched here instead of by the browser's own download, so that the page can say
// how far a long export has got, show a Chinese message when it fails (an expired sign-in included) instead of an error
// page or a downloaded sign-in page, and hand over the file when it is written. A link marked data-export-counted (企业名录)
// counts its rows into /Exports?handler=Progress under a token made here; the others show the time waited.
(function () {
  if (!window.fetch || !window.URL || !URL.createObjectURL || !window.crypto || !crypto.getRandomValues) return;
  // A page with two export menus loads this file twice; one download per click.
  if (window.exportDownloads) return;
  window.exportDownloads = true;
  var busy = false, dismissed = false;

  function token() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }
  function number(n) { return n.toLocaleString('zh-CN'); }

  function box() {
    var card = document.getElementById('export-status');
    if (card) return card;
    card = document.createElement('div');
    card.id = 'export-status';
    card.className = 'card shadow position-fixed bottom-0 end-0 m-3 p-3';
    card.style.width = '24rem';
    card.style.zIndex = 1080;
    card.setAttribute('role', 'status');
    card.setAttribute('aria-live', 'polite');
    card.innerHTML = '<div class="d-flex align-items-start gap-2"><div class="flex-grow-1"><div class="fw-semibold" data-title></div>' +
      '<div class="small text-muted" data-text></div><div class="small text-warning-emphasis d-none" data-note></div></div>' +
      '<button type="button" class="btn-close" aria-label="关闭"></button></div>' +
      '<div class="progress mt-2" style="height: .5rem"><div class="progress-bar" style="width: 0%; transition: none"></div></div>';
    // Closed while an export runs: the card stays closed until the export ends (a failure still opens it).
    card.querySelector('.btn-close').addEventListener('click', function () { card.classList.add('d-none'); dismissed = busy; });
    document.body.appendChild(card);
    return card;
  }
  function show(title, text, percent, kind) {
    if (dismissed && kind !== 'danger') return;
    var card = box();
    card.classList.remove('d-none', 'border-danger', 'border-success');
    if (kind) card.classList.add('border-' + kind);
    card.querySelector('[data-title]').textContent = title;
    card.querySelector('[data-text]').textContent = text;
    var bar = card.querySelector('.progress-bar');
    bar.parentElement.classList.toggle('d-none', percent === null);
    bar.classList.toggle('progress-bar-striped', percent === undefined);
    bar.classList.toggle('progress-bar-animated', percent === undefined);
    bar.classList.toggle('bg-danger', kind === 'danger');
    bar.style.width = (percent === undefined ? 100 : percent || 0) + '%';
    clearTimeout(card.hideTimer);
    if (kind === 'success') card.hideTimer = setTimeout(function () { card.classList.add('d-none'); }, 8000);
  }
  // A line of its own under the progress, which the progress does not overwrite.
  function note(text) {
    var card = box(), line = card.querySelector('[data-note]');
    card.classList.remove('d-none');
    line.textContent = text;
    line.classList.remove('d-none');
    clearTimeout(line.hideTimer);
    line.hideTimer = setTimeout(function () { line.classList.add('d-none'); }, 5000);
  }
  function fileName(response) {
    var header = response.headers.get('Content-Disposition') || '';
    var utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (utf8) return decodeURIComponent(utf8[1]);
    var plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : '导出文件';
  }
  function progress(id) {
    return fetch('/Exports?handler=Progress&id=' + id, { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' })
      .then(function (r) { return r.ok && (r.headers.get('Content-Type') || '').indexOf('json') >= 0 ? r.json() : null; })
      .then(function (p) { return p && p.started ? p : null; }, function () { return null; });
  }

  function start(url, counted) {
    if (busy) { dismissed = false; note('上一个导出还没有完成，请等它下载后再导出。'); return; }
    busy = true;
    dismissed = false;
    var id = token(), began = Date.now(), written = null, fetched = false;
    function seconds() { return Math.round((Date.now() - began) / 1000); }
    show('正在导出…', '正在查询要导出的数据', undefined);
    var timer = setInterval(function () {
      if (!counted) { show('正在导出…', '正在生成文件（已用 ' + seconds() + ' 秒）', undefined); return; }
      progress(id).then(function (p) {
        if (fetched) return;
        if (!p) { show('正在导出…', '正在准备（已用 ' + seconds() + ' 秒）', undefined); return; }
        written = p.total;
        if (p.finished) show('文件已生成', '正在下载…', 100);
        else if (p.total) show('正在导出…', '已写 ' + number(p.done) + ' / ' + number(p.total) + ' 行（已用 ' + seconds() + ' 秒）', Math.floor(p.done * 100 / p.total));
        else show('正在导出…', '正在查询要导出的数据（已用 ' + seconds() + ' 秒）', undefined);
      });
    }, 700);
    var separator = url.indexOf('?') < 0 ? '?' : '&';
    fetch(url + (counted ? separator + 'progress=' + id : ''), { credentials: 'same-origin', redirect: 'manual' })
      .then(function (response) {
        // Sent to the sign-in page: the session has expired (a downloaded sign-in page is no export).
        if (response.type === 'opaqueredirect' || response.status === 401) throw new Error('登录已过期，请刷新页面、重新登录后再导出');
        if (response.status === 403) throw new Error('您没有导出这份数据的权限');
        if (!response.ok || (response.headers.get('Content-Type') || '').indexOf('text/html') === 0) throw new Error('导出没有完成，请稍后重试');
        return response.blob().then(function (blob) { return { blob: blob, name: fileName(response) }; });
      })
      .then(function (file) {
        fetched = true;
        var link = document.createElement('a');
        link.href = URL.createObjectURL(file.blob);
        link.download = file.name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
        // A short export is done before the first poll: its count is asked for once more.
        return (counted ? progress(id) : Promise.resolve(null)).then(function (p) {
          var rows = p && p.finished ? p.done : written;
          show('已导出', file.name + (rows !== null && rows !== undefined ? '（' + number(rows) + ' 行）' : ''), null, 'success');
        });
      })
      .catch(function (error) {
        fetched = true;
        show('导出失败', error && error.message && /[\u4e00-\u9fff]/.test(error.message) ? error.message : '网络中断，请稍后重试', null, 'danger');
      })
      .finally(function () { clearInterval(timer); busy = false; dismissed = false; });
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[data-export]') : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    start(link.href, link.hasAttribute('data-export-counted'));
  });
  // 导出所选: the ticked rows (their checkboxes belong to the form) and the chosen format, the same way.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.id !== 'export-selected') return;
    event.preventDefault();
    var query = new URLSearchParams(new FormData(form));
    if (event.submitter && event.submitter.name) query.set(event.submitter.name, event.submitter.value);
    start(form.action + '?' + query.toString(), form.hasAttribute('data-export-counted'));
  });
})();

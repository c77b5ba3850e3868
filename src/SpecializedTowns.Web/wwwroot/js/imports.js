// 数据导入: the upload's own progress bar (the check's progress is polled from the server with htmx).
(function () {
  var form = document.getElementById('upload-form');
  if (!form) return;
  var box = document.getElementById('upload-progress');
  var bar = box.querySelector('.progress-bar');
  function show(percent, text) {
    box.classList.remove('d-none');
    bar.style.width = percent + '%';
    bar.textContent = text;
  }
  form.addEventListener('htmx:beforeRequest', function () { show(0, '上传中 0%'); });
  form.addEventListener('htmx:xhr:progress', function (event) {
    if (!event.detail.lengthComputable) return;
    var percent = Math.round(event.detail.loaded * 100 / event.detail.total);
    show(percent, percent < 100 ? '上传中 ' + percent + '%' : '上传完成，正在检查…');
  });
  form.addEventListener('htmx:afterRequest', function () { show(100, '上传完成'); });
})();

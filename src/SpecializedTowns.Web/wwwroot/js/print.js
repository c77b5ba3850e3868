// 打印 buttons (<button data-print>): the browser's own print dialog; @media print in site.css decides what goes on paper.
// A file of its own because the Content-Security-Policy forbids inline handlers.
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('[data-print]');
  if (!button) return;
  event.preventDefault();
  window.print();
});

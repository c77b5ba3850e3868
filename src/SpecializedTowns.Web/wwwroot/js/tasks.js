// Responsibility lists (责任清单). No inline handlers: the Content-Security-Policy forbids them.
(function () {
  // 填报进展: a milestone chosen shows its current progress; done and 100% go together.
  var form = document.getElementById('report-form');
  // A task whose progress follows its target figure has no percent or done box to keep in step.
  if (form && document.getElementById('report-progress')) {
    var milestone = document.getElementById('report-milestone');
    var progress = document.getElementById('report-progress');
    var done = document.getElementById('report-done');
    if (milestone) {
      milestone.addEventListener('change', function () {
        var option = milestone.options[milestone.selectedIndex];
        progress.value = option.getAttribute('data-progress');
        done.checked = progress.value === '100';
      });
    }
    done.addEventListener('change', function () {
      if (done.checked) progress.value = 100;
    });
    progress.addEventListener('input', function () {
      done.checked = progress.value === '100';
    });
  }

  // A rejection needs a reason: ask before sending an empty one rather than after.
  document.querySelectorAll('form.decision').forEach(function (decision) {
    decision.addEventListener('submit', function (event) {
      var button = event.submitter;
      var note = decision.querySelector('textarea');
      if (button && button.formAction.indexOf('handler=Reject') >= 0 && note.value.trim() === '') {
        event.preventDefault();
        note.classList.add('is-invalid');
        decision.querySelector('.invalid-feedback').textContent = '驳回延期申请须写明意见';
        note.focus();
      }
    });
  });
})();

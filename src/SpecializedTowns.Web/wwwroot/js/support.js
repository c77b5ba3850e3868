// Support forms: show the town or the enterprise picker for the chosen kind of recipient (资金奖补).
document.addEventListener('change', (event) => {
    const radio = event.target.closest('[data-recipient-kind]');
    if (!radio) return;
    document.querySelectorAll('[data-recipient]').forEach((block) => {
        block.hidden = block.dataset.recipient !== radio.value;
    });
});

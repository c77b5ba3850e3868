// 系统 → 字典: a link from a template or the import page names a list (#enterprise-role). The browser scrolls to it before
// the fonts have set the tables' heights, which can leave it off screen; scroll again once everything is laid out.
window.addEventListener('load', () => {
    const target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) target.scrollIntoView({ block: 'start' });
});

// Danish content checks for Wagtail's content checker (axe in the userbar). Wagtail configures
// axe at window load; this file is loaded right after userbar.js (the checker item's media), so
// the check is registered before that.
(function registerDanishContentChecks() {
  // Link texts that say nothing about where the link goes ("klik her", "læs mere").
  const VAGUE_LINK_TEXTS = new Set([
    'klik her',
    'klik',
    'her',
    'tryk her',
    'se her',
    'læs mere',
    'mere',
    'link',
    'linket',
  ]);

  function linkTextIsSpecific(node) {
    const text = (node.textContent || '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
      .replace(/[.:!…]+$/, '');
    return !VAGUE_LINK_TEXTS.has(text);
  }

  customElements.whenDefined('wagtail-userbar').then(() => {
    const userbar = document.querySelector('wagtail-userbar');
    if (userbar && typeof userbar.registerCheck === 'function') {
      userbar.registerCheck('check-link-text-specific', linkTextIsSpecific);
    }
  });
})();

// Starts Det Fælles Designsystem's components (error summary focus, character counters, …) on
// every page. A file of its own, not an inline script: the Content-Security-Policy allows
// scripts from the site only. Loaded with `defer`, so the document is parsed when it runs.
window.DKFDS.init();

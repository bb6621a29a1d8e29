// Start Det Fælles Designsystem's components (menus, accordions) once the page has loaded.
document.documentElement.classList.replace("no-js", "js");
if (window.DKFDS) {
    window.DKFDS.init();
}

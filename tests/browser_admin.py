"""The admin in Chromium: an editor's logged-in tab, shared by the browser tests of the admin."""

DESKTOP = {"width": 1280, "height": 800}


def admin_tab(chromium, base_url, username, password, timeout_ms=30_000):
    """A new Danish desktop context with `username` logged in to the admin: (context, page).

    The page has `base_url`, so tests may go to "/admin/…"; the caller closes the context."""
    context = chromium.new_context(viewport=DESKTOP, locale="da-DK", base_url=base_url)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    return context, page


def set_date(page, selector, value):
    """Type a date into an admin date field without opening Wagtail's date picker.

    The picker opens a moment after its field gets the focus, even when the focus has moved on
    by then, and it covers the footer's action menu, so a test clicking "Udgiv" next would hit
    the picker. The browser tests are about the editor's path, not the picker."""
    page.locator(selector).evaluate(
        "(field, value) => { field.value = value;"
        " field.dispatchEvent(new Event('change', {bubbles: true})); }",
        value,
    )

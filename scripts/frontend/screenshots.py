"""`make screenshots`: every page type at 1280 and 390 px, full page, as PNG files in
SCREENSHOT_DIR (default /tmp/kredsraad-screenshots), named <name>-<width>.png.

The pages are scripts/frontend/site.py's PAGES; an entry with the role "admin" is taken after
logging in as the development admin (ensure_dev_admin's user name and password).
"""

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.frontend.site import PAGES, running_site  # noqa: E402

WIDTHS = {1280: 800, 390: 844}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]


def log_in(page, base):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", os.environ.get("DEV_ADMIN_USERNAME", "admin"))
    page.fill("#id_password", os.environ.get("DEV_ADMIN_PASSWORD", "kredsraad-udvikling"))
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def main():
    default = Path(tempfile.gettempdir()) / "kredsraad-screenshots"
    folder = Path(os.environ.get("SCREENSHOT_DIR", default))
    folder.mkdir(parents=True, exist_ok=True)
    with running_site() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for width, height in WIDTHS.items():
            contexts = {}
            for name, path, role in PAGES:
                if role not in contexts:
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, locale="da-DK"
                    )
                    if role == "admin":
                        log_in(context.new_page(), base)
                    contexts[role] = context
                page = contexts[role].new_page()
                page.goto(base + path, wait_until="networkidle")
                target = folder / f"{name}-{width}.png"
                page.screenshot(path=target, full_page=True)
                page.close()
                print(target)
            for context in contexts.values():
                context.close()
        browser.close()


if __name__ == "__main__":
    main()

"""Rasterise site/static/img/favicon.svg into the icons browsers without SVG favicons ask for:
favicon.ico (16, 32 and 48 px) and apple-touch-icon.png (180 px, on a white ground as iOS wants).

Run after changing the SVG: `.venv/bin/python scripts/build-icons.py`; the PNG and ICO are
committed, so the site needs no image tool at run time. Debian's Chromium draws the SVG.
"""

import base64
import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "site" / "static" / "img"


def render(browser, svg, size, background):
    page = browser.new_page(viewport={"width": size, "height": size})
    page.set_content(
        f'<body style="margin:0;background:{background}">'
        f'<img src="data:image/svg+xml;base64,{svg}" width="{size}" height="{size}"></body>'
    )
    png = page.screenshot(omit_background=background == "transparent")
    page.close()
    return Image.open(io.BytesIO(png)).convert("RGBA")


def main():
    svg = base64.b64encode((IMG / "favicon.svg").read_bytes()).decode()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        touch = render(browser, svg, 180, "#ffffff")
        large = render(browser, svg, 48, "transparent")
        browser.close()
    touch.convert("RGB").save(IMG / "apple-touch-icon.png", optimize=True)
    large.save(IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()

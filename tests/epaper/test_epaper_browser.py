"""The e-paper in a real browser (headless Chromium): page views, hot zones, 版面导航, the
article view, a phone's viewport, and the site served over HTTP."""

from __future__ import annotations

import functools
import http.server
import threading
import time

import pytest

from typeset.render.epaper.zones import polygon_rects

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def wait_for(condition, timeout: float = 10.0):
    """Poll `condition` until it gives something true (bounded)."""
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > end:
            return value
        time.sleep(0.05)


def inner_point(zone) -> tuple[float, float]:
    """The zone's centre when it lies inside the polygon, else its biggest piece's centre."""
    polygon = [tuple(p) for p in zone]
    rects = polygon_rects(polygon)
    x0, y0 = min(r[0] for r in rects), min(r[1] for r in rects)
    x1, y1 = max(r[2] for r in rects), max(r[3] for r in rects)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if any(r[0] < cx < r[2] and r[1] < cy < r[3] for r in rects):
        return cx, cy
    r = max(rects, key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))
    return (r[0] + r[2]) / 2, (r[1] + r[3]) / 2


def click_image_point(driver, x: float, y: float) -> None:
    """Scroll the page image's viewport so that image pixel (x, y) is in view, then click there
    with the mouse (a real pointer event at viewport coordinates)."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    vx, vy = driver.execute_script("""
        const [x, y] = arguments;
        const img = document.querySelector('#canvas img');
        const port = document.getElementById('viewport');
        const scale = img.getBoundingClientRect().width / img.naturalWidth;
        port.scrollTop = Math.max(0, y * scale - port.clientHeight / 2);
        port.scrollLeft = Math.max(0, x * scale - port.clientWidth / 2);
        port.scrollIntoView({block: 'nearest'});
        const box = img.getBoundingClientRect();
        return [box.left + x * scale, box.top + y * scale];""", x, y)
    builder = ActionBuilder(driver, duration=0)  # (the default glides for 250 ms)
    builder.pointer_action.move_to_location(int(vx), int(vy))
    builder.pointer_action.click()
    builder.perform()


def test_every_zone_opens_its_article(browser, sample_site):
    _, out, data = sample_site
    headlines = {a["id"]: a["headline"] for a in data["articles"]}
    clicked = set()
    for page in data["pages"]:
        url = (out / f"page-{page['number']:02d}.html").as_uri()
        browser.get(url)
        for entry in page["articles"]:
            for zone in entry["zones"]:
                if browser.current_url != url:
                    browser.back()  # (from the browser's cache: quicker than a new load)
                    assert wait_for(lambda url=url: browser.current_url == url)
                wait_for(lambda: browser.execute_script(
                    "return document.querySelector('#canvas img').complete"))
                x, y = inner_point(zone)
                click_image_point(browser, x, y)
                assert wait_for(lambda: "/articles/" in browser.current_url), (entry["id"], x, y)
                shown = browser.execute_script(
                    "return [document.querySelector('h1.headline').textContent,"
                    " document.querySelector('article').dataset.article]")
                assert shown == [headlines[entry["id"]], entry["id"]]
                clicked.add((page["number"], entry["id"]))
    assert (2, "a11-digital") in clicked and (1, "a11-digital") in clicked  # both parts


def test_index_opens_on_page_one_and_navigates_to_the_next_page(browser, sample_site):
    from selenium.webdriver.common.by import By

    _, out, data = sample_site
    browser.get((out / "index.html").as_uri())
    assert browser.find_element(By.CSS_SELECTOR, ".pager .current").text.startswith("第1版")
    thumbs = browser.find_elements(By.CSS_SELECTOR, ".thumbs li")
    assert [t.text for t in thumbs] == [f"第{p['number']}版 {p['section']}" for p in data["pages"]]
    browser.find_element(By.CSS_SELECTOR, ".pager a[rel=next]").click()
    assert wait_for(lambda: browser.current_url.endswith("page-02.html"))
    assert browser.find_element(By.CSS_SELECTOR, ".pager .current").text == "第2版 综合新闻"
    browser.find_element(By.CSS_SELECTOR, ".pager a[rel=next]").click()
    assert wait_for(lambda: browser.current_url.endswith("page-03.html"))
    assert browser.find_element(By.CSS_SELECTOR, ".pager .current").text == "第3版 文化"
    assert browser.find_elements(By.CSS_SELECTOR, ".pager a[rel=next]") == []  # the last page
    browser.find_element(By.CSS_SELECTOR, ".pager a[rel=prev]").click()
    assert wait_for(lambda: browser.current_url.endswith("page-02.html"))


def test_zones_show_on_request(browser, sample_site):
    from selenium.webdriver.common.by import By

    _, out, _ = sample_site
    browser.get((out / "page-01.html").as_uri())
    polygon = browser.find_element(By.CSS_SELECTOR, ".zone polygon")
    hidden = polygon.value_of_css_property("fill")
    browser.find_element(By.CSS_SELECTOR, "[data-zones]").click()
    assert polygon.value_of_css_property("fill") != hidden
    assert browser.find_element(By.CSS_SELECTOR, "[data-zones]").get_attribute(
        "aria-pressed") == "true"


@pytest.fixture()
def phone(browser):
    """The browser as a 390×844 phone (touch), put back to the desktop afterwards."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True})
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_on_a_phone_the_article_fits_and_the_page_image_pans(phone, sample_site):
    from selenium.webdriver.common.by import By

    _, out, data = sample_site
    for article in data["articles"]:
        phone.get((out / article["url"]).as_uri())
        width = phone.execute_script("return window.innerWidth")
        assert width == 390
        assert phone.execute_script("return document.documentElement.scrollWidth") <= width
        right = phone.execute_script(
            "return Math.max(...[...document.querySelectorAll('article *')]"
            ".map(e => e.getBoundingClientRect().right))")
        assert right <= width + 0.5, article["id"]
    phone.get((out / "page-01.html").as_uri())
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 390
    port = phone.find_element(By.ID, "viewport")
    fits = phone.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth",
                                port)
    assert fits  # the whole page's width at first
    phone.find_element(By.CSS_SELECTOR, "[data-zoom=in]").click()
    phone.find_element(By.CSS_SELECTOR, "[data-zoom=in]").click()
    panned = phone.execute_script("""
        const port = arguments[0];
        const before = port.scrollLeft;
        port.scrollLeft = before + 120;
        return [port.scrollWidth, port.clientWidth, port.scrollLeft - before];""", port)
    assert panned[0] > 2 * panned[1] and panned[2] > 100, panned
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 390


def test_the_site_works_from_a_web_server(browser, sample_site):
    """Served by a local http.server (127.0.0.1, an ephemeral port, stopped at the end)."""
    _, out, data = sample_site
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        browser.get(base)
        page = data["pages"][0]
        entry = page["articles"][0]
        wait_for(lambda: browser.execute_script(
            "return document.querySelector('#canvas img').naturalWidth > 0"))
        click_image_point(browser, *inner_point(entry["zones"][0]))
        assert wait_for(lambda: "/articles/" in browser.current_url)
        headline = next(a["headline"] for a in data["articles"] if a["id"] == entry["id"])
        assert browser.execute_script(
            "return document.querySelector('h1.headline').textContent") == headline
        # every resource the page and the article loaded came from the site itself
        names = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)")
        assert names and all(n.startswith(base) for n in names), names
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

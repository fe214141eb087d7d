"""Two people with different rights use the web UI in Chromium and see different cases.

``michael.brennan`` is a DEA liaison (SECRET, OP-MARLIN); ``tomas.arce`` a CNI source
handler (SECRET, SOURCES). The informant CORAL's real name is known only under SOURCES.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Dialog, Page, expect
from tests.web.conftest import SCREENSHOTS

from enlace.store import Store

pytestmark = pytest.mark.browser

INFORMANT = "p-source-coral"
REAL_NAME = "Marisol Tena Urquidi"
FOCUS = "p-rigoberto-salas"


def coral_report(store: Store) -> str:
    return next(d.id for d in store.view("tomas.arce").documents()
                if (d.title or "").startswith("Reporte de fuente humana CORAL:"))


def test_search_shows_each_person_only_what_they_may_see(brennan: Page, arce: Page) -> None:
    for page in (brennan, arce):
        page.fill("input[name=q]", "Marisol")
        page.click("form.searchbar button")
        page.wait_for_url(re.compile(r"/search\?q=Marisol"))
    expect(arce.locator(".hit").first).to_be_visible()
    assert REAL_NAME in arce.locator(".results").inner_text()
    assert brennan.locator(".hit").count() == 0
    assert REAL_NAME not in brennan.content()
    brennan.goto("/search?q=Salas")
    expect(brennan.locator(".hit").first).to_be_visible()
    expect(brennan.locator(".facets")).to_contain_text("DEA")
    assert brennan.locator(".snippet mark").count() > 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    brennan.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)
    owner = brennan.locator(".facets a", has_text="FGR").first
    owner.click()
    brennan.wait_for_url(re.compile(r"owner=FGR"))
    expect(brennan.locator(".hit").first).to_be_visible()
    expect(brennan.locator(".facets li.on")).to_contain_text("FGR")


def test_a_profile_shows_each_person_their_own_values(brennan: Page, arce: Page,
                                                      demo_store: Store,
                                                      csp_errors: list[str]) -> None:
    def phones(name: str) -> set[str]:
        return set(demo_store.view(name).entity(FOCUS).properties.get("phone", []))

    only_arce = phones("tomas.arce") - phones("michael.brennan")
    assert only_arce, "the demo should give CNI a phone number DEA does not know"
    for page in (brennan, arce):
        page.goto(f"/entities/{FOCUS}")
        expect(page.locator("h1")).to_contain_text("Rigoberto Salas Medina")
        expect(page.locator("#graph canvas").first).to_be_attached()
        expect(page.locator("#graph")).to_have_attribute("data-ready", re.compile(r"^\d+$"))
        assert int(page.locator("#graph").get_attribute("data-ready") or 0) > 1
    for phone in only_arce:
        assert phone in arce.locator("#properties").inner_text()
        assert phone not in brennan.content()
    expect(brennan.locator("#timeline li").first).to_be_visible()
    brennan.wait_for_timeout(300)  # let the graph's layout settle for the picture
    brennan.screenshot(path=str(SCREENSHOTS / "profile.png"), full_page=True)
    assert csp_errors == [], "\n".join(csp_errors)


def test_clicking_a_graph_node_opens_its_profile(brennan: Page) -> None:
    brennan.goto(f"/entities/{FOCUS}")
    expect(brennan.locator("#graph")).to_have_attribute("data-ready", re.compile(r"^\d+$"))
    position = brennan.evaluate("""() => {
        const cy = document.getElementById('graph')._cyreg.cy;
        const node = cy.nodes().filter(n => n.id() !== 'p-rigoberto-salas')[0];
        const box = document.getElementById('graph').getBoundingClientRect();
        const p = node.renderedPosition();
        return {x: box.left + p.x, y: box.top + p.y, id: node.id()};
    }""")
    brennan.mouse.click(position["x"], position["y"])
    brennan.wait_for_url(re.compile(r"/entities/(?!p-rigoberto-salas)"))


def test_the_informant_is_named_only_for_the_source_handler(brennan: Page, arce: Page) -> None:
    response = brennan.goto(f"/entities/{INFORMANT}")
    assert response is not None and response.status == 404
    assert REAL_NAME not in brennan.content()
    arce.goto(f"/entities/{INFORMANT}")
    expect(arce.locator("#names")).to_contain_text(REAL_NAME)


def test_a_sources_report_is_404_for_dea_and_bannered_for_cni(
        brennan: Page, arce: Page, demo_store: Store) -> None:
    report = coral_report(demo_store)
    response = brennan.goto(f"/documents/{report}")
    assert response is not None and response.status == 404
    expect(brennan.locator("h1")).to_contain_text("Not found")
    arce.goto(f"/documents/{report}")
    top, bottom = arce.locator(".banner-top"), arce.locator(".banner-bottom")
    for banner in (top, bottom):
        expect(banner).to_contain_text("SECRET//SOURCES")
        assert "lvl-secret" in (banner.get_attribute("class") or "")
    colour = top.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(200, 16, 46)"
    assert top.bounding_box()["y"] < arce.locator("h1").bounding_box()["y"]  # type: ignore[index]


def test_extracted_entities_are_highlighted_in_a_text(arce: Page, demo_store: Store) -> None:
    doc = next(d.id for d in demo_store.view("tomas.arce").documents()
               if (d.title or "").startswith("Evaluación semestral de la fuente CORAL"))
    arce.goto(f"/documents/{doc}")
    marked = arce.locator("#doctext a.ent")
    expect(marked.first).to_be_visible()
    assert marked.count() >= 3
    assert any("Congeladora" in t or "Olvera" in t for t in marked.all_inner_texts())
    expect(arce.locator(".banner-bottom")).to_contain_text("SECRET//SOURCES")
    arce.screenshot(path=str(SCREENSHOTS / "document.png"), full_page=True)


def test_a_hostile_document_renders_inert(brennan: Page, demo_store: Store) -> None:
    doc = next(d.id for d in demo_store.view("michael.brennan").documents()
               if d.file_name == "nota-hostil.txt")
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    brennan.on("dialog", on_dialog)
    brennan.goto(f"/documents/{doc}")
    expect(brennan.locator("#doctext")).to_contain_text("<script>window.__pwned = 1;")
    brennan.wait_for_timeout(500)
    assert brennan.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert brennan.locator("#doctext script, #doctext img").count() == 0


def test_share_dialog_previews_the_redaction(arce: Page) -> None:
    arce.goto(f"/entities/{INFORMANT}")
    arce.click("text=Share…")
    arce.fill("input[name=to]", "agency:CNI")
    arce.select_option("select[name=tlp]", "AMBER")
    arce.click("button[value=preview]")
    expect(arce.locator("#preview")).to_contain_text("SOURCES")
    assert REAL_NAME not in arce.locator("#preview").inner_text()


def test_upload_shows_ingest_progress_until_done(arce: Page, tmp_path: object) -> None:
    from pathlib import Path

    note = Path(str(tmp_path)) / "nota-campo.txt"
    note.write_text("El 2 de junio de 2025 Efrén Cázares Molina viajó a Uruapan, Michoacán.",
                    encoding="utf-8")
    arce.click("nav >> text=Upload")
    arce.set_input_files("input[name=files]", str(note))
    arce.select_option("select[name=classification]", "CONFIDENTIAL")
    arce.click("form[action='/upload'] button[type=submit]")
    arce.wait_for_url(re.compile(r"/jobs/"))
    expect(arce.locator("#job-finished")).to_be_visible(timeout=60_000)
    expect(arce.locator("#job-files")).to_contain_text("done")
    arce.click("#job-files a")
    expect(arce.locator(".banner-top")).to_contain_text("CONFIDENTIAL")


def test_the_language_follows_the_browser_and_the_switch(browser: object, base_url: str) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(base_url=base_url, locale="es-MX")
    page = context.new_page()
    page.goto("/login")
    expect(page.locator("h1")).to_have_text("Iniciar sesión")
    page.click("text=English")
    expect(page.locator("h1")).to_have_text("Log in")
    context.close()


def test_who_saw_lists_the_readers(arce: Page, brennan: Page) -> None:
    brennan.goto(f"/entities/{FOCUS}")
    arce.goto(f"/entities/{FOCUS}")
    arce.click("text=Who saw this")
    expect(arce.locator("h1")).to_contain_text("Who saw this")


def test_access_requests_and_compliance_pages(arce: Page, browser: object, base_url: str) -> None:
    from playwright.sync_api import Browser

    arce.click("nav >> text=Access requests")
    expect(arce.locator("h1")).to_have_text("Access requests")
    arce.fill("input[name=ref]", "no-such-reference")
    arce.fill("input[name=why]", "cross-check")
    arce.click("form[action='/requests'] button")
    expect(arce.locator(".alert")).to_contain_text("no match")
    response = arce.goto("/compliance")
    assert response is not None and response.status == 403  # an analyst, not an officer
    assert isinstance(browser, Browser)
    from tests.web.conftest import open_as

    officer = open_as(browser, base_url, "lucia.ortega")
    officer.goto("/compliance?everything=true")
    expect(officer.locator("h1")).to_have_text("Compliance")
    assert officer.locator(".alert").count() == 0
    officer.context.close()

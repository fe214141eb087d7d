"""The graph tools, cross-reference and sharing pages in Chromium, as two people.

``michael.brennan`` (DEA liaison, OP-MARLIN) and ``tomas.arce`` (CNI source handler,
SOURCES) use the same pages and see different things; the scripts run under the strict
Content-Security-Policy. The form-only behaviour of these pages is covered, faster and on
both backends, by ``test_pages_tools.py``; here is what needs a browser.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from tests.web.held_record import HELD_ALIAS, HELD_DOCUMENT, HELD_ENTITY, add_held_record

from enlace.exceptions import NotFound
from enlace.store import Store

pytestmark = pytest.mark.browser

FOCUS = "p-rigoberto-salas"
INFORMANT = "p-source-coral"


@pytest.fixture(scope="module")
def held_record(demo_store: Store) -> None:
    """CNI's note on the DEA target, added once to the browser tests' demo store."""
    try:
        demo_store.view("tomas.arce").document(HELD_DOCUMENT)
    except NotFound:
        add_held_record(demo_store)


def test_graph_tools_suggest_rank_and_draw_a_path(brennan: Page, arce: Page,
                                                  csp_errors: list[str]) -> None:
    brennan.goto(f"/entities/{FOCUS}")
    brennan.click("a.button:has-text('Graph tools')")
    brennan.wait_for_url(re.compile(rf"/graph\?entity={FOCUS}"))
    expect(brennan.locator("#ranking tbody tr").first).to_be_visible()
    brennan.locator("#other").press_sequentially("Olvera Yese", delay=40)
    suggestion = brennan.locator("#other-suggest button", has_text="Yesenia Olvera")
    suggestion.click()
    expect(brennan.locator("#other")).to_have_value("p-yesenia-olvera")
    brennan.click("#graph-form button[type=submit]")
    expect(brennan.locator("#path-graph")).to_have_attribute("data-ready", re.compile(r"^\d+$"))
    assert int(brennan.locator("#path-graph").get_attribute("data-ready") or 0) >= 2
    expect(brennan.locator("#path-graph canvas").first).to_be_attached()
    expect(brennan.locator("ol.paths li").first).to_contain_text("Yesenia Olvera")
    assert "CORAL" not in brennan.locator("main").inner_text()
    brennan.locator("#other").fill("")
    brennan.locator("#other").press_sequentially("CORAL", delay=40)
    expect(brennan.locator("#other-suggest")).to_have_attribute("data-ready", re.compile(r"\d"))
    assert brennan.locator(f"#other-suggest button[data-id={INFORMANT}]").count() == 0
    arce.goto(f"/graph?entity={FOCUS}")
    arce.locator("#other").press_sequentially("CORAL", delay=40)
    arce.locator(f"#other-suggest button[data-id={INFORMANT}]").click()
    arce.click("#graph-form button[type=submit]")
    expect(arce.locator("#path-graph")).to_have_attribute("data-ready", "3")
    expect(arce.locator("#ranking")).to_contain_text("CORAL")
    assert csp_errors == []


def test_a_record_held_elsewhere_is_requested_and_reaches_its_owner(
        held_record: None, brennan: Page, arce: Page) -> None:
    brennan.click("nav >> text=Cross-reference")
    brennan.select_option("select[name=agency]", "DEA")
    brennan.click("#xref-form button")
    row = (brennan.locator("#xref-hidden tr", has_text="Curtis Wade Holloway")
           .filter(has_text="A record exists at CNI").first)
    expect(row).to_be_visible()
    page_text = brennan.content()
    for secret in (HELD_ALIAS, HELD_ENTITY, HELD_DOCUMENT):
        assert secret not in page_text
    row.locator("input[name=why]").fill("the Houston distributor in our file")
    row.locator("button").click()
    brennan.wait_for_url("**/requests")
    expect(brennan.locator("#requests")).to_contain_text("the Houston distributor in our file")
    expect(brennan.locator("#requests")).to_contain_text("pending")
    arce.click("nav >> text=Access requests")
    mine = arce.locator("#requests tr", has_text="the Houston distributor in our file")
    expect(mine).to_contain_text("michael.brennan")
    expect(mine.locator("button[value=grant]")).to_be_visible()


def test_a_group_owner_sees_its_members_and_a_member_does_not(brennan: Page,
                                                              arce: Page) -> None:
    brennan.click("nav >> text=Grants")
    brennan.fill("#group-create input[name=name]", "houston-liaison")
    brennan.click("#group-create button")
    group = brennan.locator("li[data-group='houston-liaison']")
    for user in ("tomas.arce", "ana.ruiz"):
        group.locator(".add-member input[name=user]").fill(user)
        group.locator(".add-member button").click()
        expect(group.locator(f"li[data-member='{user}']")).to_be_visible()
    arce.goto("/grants")
    seen = arce.locator("li[data-group='houston-liaison']")
    expect(seen).to_contain_text("member")
    assert seen.locator("[data-member], .add-member").count() == 0
    assert "ana.ruiz" not in arce.locator("#groups").inner_html()
    arce.click("nav >> text=API tokens")
    arce.fill("#token-create input[name=name]", "notebook")
    arce.click("#token-create button")
    secret = arce.locator("#token-secret").inner_text()
    assert secret.startswith("enl_")
    arce.goto("/tokens")  # the list names the token, never its secret again
    expect(arce.locator("#tokens")).to_contain_text("notebook")
    assert secret not in arce.content()

"""A compliance officer records a contact in Chromium and sees its report deadline.

``lucia.ortega`` is an FGR compliance officer: she registers an official and a DEA agent,
records a call between them, and the agent's page shows the 3-day written report as due
(LSN 70 ¶2), overdue since the call is in the past; no page breaks the CSP.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect
from tests.web.conftest import open_as

pytestmark = pytest.mark.browser


@pytest.fixture
def officer(base_url: str, browser: Browser) -> Iterator[Page]:
    page = open_as(browser, base_url, "lucia.ortega")
    yield page
    page.context.close()


def test_an_officer_records_a_contact_and_sees_the_report_deadline(officer: Page) -> None:
    refused: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            refused.append(message.text)

    officer.on("console", listen)
    officer.click("nav >> text=Compliance")
    officer.click(".compliance-nav >> text=Agreements and officials")
    expect(officer.locator("h1")).to_have_text("Agreements and officials")
    form = officer.locator("#add-official")
    form.locator("input[name=name]").fill("Rita Cano Villalobos")
    form.locator("select[name=level]").select_option("state")
    form.locator("input[name=body]").fill("SSP-TAMPS")
    form.locator("input[name=place]").fill("Tamaulipas")
    form.locator("button[type=submit]").click()
    expect(officer.locator("#officials")).to_contain_text("Rita Cano Villalobos")

    officer.click(".compliance-nav >> text=Foreign agents")
    form = officer.locator("#add-agent")
    form.locator("input[name=name]").fill("Walter Finch")
    form.locator("input[name=agency]").fill("DEA")
    form.locator("input[name=nationality]").fill("US")
    form.locator("button[type=submit]").click()
    officer.wait_for_url(re.compile(r"/compliance/agents/\d+\?done=agent"))
    expect(officer.locator("h1")).to_contain_text("Walter Finch")

    form = officer.locator("#record-contact form")
    form.locator("select[name=official]").select_option(label="Rita Cano Villalobos "
                                                             "(SSP-TAMPS, state)")
    form.locator("select[name=kind]").select_option("call")
    form.locator("input[name=at]").fill("2026-11-20T18:30")
    form.locator("input[name=topic]").fill("Aseguramiento en Reynosa")
    form.locator("input[name=purpose]").fill("Coordinación")
    form.locator("button[type=submit]").click()
    officer.wait_for_url(re.compile(r"\?done=contact&id=\d+"))
    expect(officer.locator("#just-recorded")).to_contain_text("is due by 2026-11-23")
    row = officer.locator("#contacts tbody tr").first
    expect(row).to_contain_text("Aseguramiento en Reynosa")
    expect(row.locator(".due")).to_have_text("2026-11-23")
    expect(row).to_have_class("state-overdue")
    assert refused == []

"""An administrator follows the start page to the operations page, in either language, axe on every page."""

import pytest
from django.utils import translation

from ..factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_administrator_learns_that_no_worker_runs_and_reads_the_operations_page(visitor, administrator, language):
    with translation.override(language):
        start_worker = translation.gettext("Start a task worker: none is running (%(since)s)") % {
            "since": translation.gettext("none has ever reported")
        }
        heading = translation.gettext("Task workers")
    visitor.log_in(administrator.email, PASSWORD)
    if language == "lt":
        visitor.click("button[lang=lt]")
    visitor.click(f"text={start_worker}")
    page = visitor.page
    assert page.url.endswith("/operations/")
    assert heading in page.inner_text("main")
    assert page.locator("[role=alert]").count() == 1
    assert page.locator("html").get_attribute("lang") == language

import os

import pytest

from .processes import postgres_bin


@pytest.fixture(scope="session")
def postgres_programs():
    """initdb and pg_ctl for a private server; CI sets INNOPART_REQUIRE_OPS=1 so their absence fails there."""
    if postgres_bin() is None:
        if os.environ.get("INNOPART_REQUIRE_OPS") == "1":
            pytest.fail("PostgreSQL's server programs (initdb, pg_ctl) are needed for the operational tests")
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    return postgres_bin()

from tests.evaluation.conftest import selection  # noqa: F401
from tests.partnerships.conftest import awarded, reviewer, signed  # noqa: F401

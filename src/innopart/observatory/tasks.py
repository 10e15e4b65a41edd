"""Background work of the observatory: the industrial-change index with its 1,000-draw rank uncertainty."""

from django_tasks import task


@task()
def compute_index(run_id: int) -> int:
    from .change_index import run

    return run(run_id).pk

"""What a test module builds once, in one transaction rolled back after the module."""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def module_transaction(django_db_blocker):
    """An open transaction for everything a module builds once, rolled back after the module.

    pytest-django runs every `django_db` test inside its own atomic block; opened inside this
    one it becomes a savepoint, so each test still starts from exactly what the module built
    and whatever it writes is undone. Only for non-transactional tests: other connections
    (threads, the live server) cannot see uncommitted rows, so those use committed_site_tree.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

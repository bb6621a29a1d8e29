"""Local development: the embedded default run by `make run`."""

from .base import *  # noqa: F403

DEBUG = True
# A development-only key: production.py requires SECRET_KEY from the environment.
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

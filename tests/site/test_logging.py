"""Libraries' progress lines go to the log at debug level; their warnings stay."""

import copy
import io
import logging
import logging.config

import pytest
from django.conf import settings


@pytest.fixture
def configured_log():
    stream = io.StringIO()

    def configure(level):
        config = copy.deepcopy(settings.LOGGING)
        config["handlers"]["console"].update(stream=stream, level=level)
        logging.config.dictConfig(config)
        return stream

    yield configure
    logging.config.dictConfig(settings.LOGGING)


def log_library_lines():
    logging.getLogger("django_tasks").info("Task id=abc path=x state=SUCCESSFUL")
    logging.getLogger("wagtail").info('Page published: "Nyheder" id=5')
    logging.getLogger("wagtail").warning("Something to look at")


def test_progress_lines_are_below_info(configured_log):
    stream = configured_log("INFO")
    log_library_lines()
    output = stream.getvalue()
    assert "Task id=" not in output
    assert "Page published" not in output
    assert "Something to look at" in output


def test_progress_lines_are_in_the_debug_log(configured_log):
    stream = configured_log("DEBUG")
    log_library_lines()
    output = stream.getvalue()
    assert "Task id=abc" in output and "Page published" in output

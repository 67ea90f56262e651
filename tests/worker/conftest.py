import pytest

from tests.notifications.smtp_server import smtp_settings, start_server


@pytest.fixture
def smtp(settings):
    """A running SMTP server that Django's mail settings point at; yields its inbox."""
    controller, inbox = start_server()
    smtp_settings(settings, controller)
    inbox.port = controller.port
    yield inbox
    controller.stop()

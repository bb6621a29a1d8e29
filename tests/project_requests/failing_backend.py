"""A mail backend that always fails.

A stand-in for an SMTP server that is down or refuses the message: there is no SMTP server in
the test environment, so the tests make Django's mail framework raise the same exception the
SMTP backend raises (smtplib.SMTPException) instead.
"""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    """Every send raises SMTPException, as the SMTP backend does when the server fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 Temporary failure: the test mail server is down")


class RefusingEmailBackend(BaseEmailBackend):
    """The server refuses every recipient for good (550), as for an address that does not
    exist: sending again can never help."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused(
            {address: (550, b"5.1.1 No such user") for m in email_messages for address in m.to}
        )

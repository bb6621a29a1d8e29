"""Mail backends that make the database connection fail right after a request was committed.

While "sending" they terminate this process's PostgreSQL connection from a second connection
(pg_terminate_backend), as a PostgreSQL restart does: whatever the request does with the
database afterwards fails with a real OperationalError. Nothing is sent.
"""

import psycopg
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection


class DroppingEmailBackend(BaseEmailBackend):
    subject_prefix = ""

    def send_messages(self, email_messages):
        if any(m.subject.startswith(self.subject_prefix) for m in email_messages):
            params = connection.settings_dict
            with psycopg.connect(
                dbname=params["NAME"],
                user=params["USER"],
                password=params["PASSWORD"],
                host=params["HOST"],
                port=params["PORT"],
                autocommit=True,
            ) as other:
                other.execute(
                    "SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid]
                )
        return len(email_messages)


class DropOnReceipt(DroppingEmailBackend):
    subject_prefix = "Kvittering"


class DropOnNotification(DroppingEmailBackend):
    subject_prefix = "Ny henvendelse"

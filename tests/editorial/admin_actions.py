"""The admin actions an editor takes, as the browser posts them."""

from django.core import mail
from django.urls import reverse


def edit(client, page, data, action):
    data = {**data, f"action-{action}": "1"}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def current_task_state(page):
    return page.current_workflow_state.current_task_state


def workflow_action(client, page, action, comment=""):
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def mail_to(address):
    return [message for message in mail.outbox if address in message.to]

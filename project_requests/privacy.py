"""The privacy page's words on how long request data is kept, built from what anonymisation
actually blanks (ProjectRequest.ANONYMISED_FIELDS), so the page and the code cannot disagree."""

from project_requests.models import ProjectRequest


def danish_list(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def retention_text(months):
    """The "Opbevaring" paragraph of the privacy page (plain text, no markup)."""
    blanked = danish_list(ProjectRequest.ANONYMISED_FIELDS.values())
    return (
        f"Når en henvendelse er afsluttet (gennemført eller afvist), sletter vi {blanked} "
        f"senest {months} måneder efter. Det samme gælder en henvendelse, som ingen har "
        f"besvaret {months} måneder efter, at vi modtog den. Tilbage er kun kommune, datoer, "
        "status og de ønskede dele, som bruges til statistik og ikke kan føres tilbage til dig."
    )
